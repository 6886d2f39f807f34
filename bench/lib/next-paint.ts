/**
 * In a harness page: resolves, with `performance.now()`, once the next frame is painted. A
 * `requestAnimationFrame`, then a task posted from it, which runs once that frame's rendering (style, layout,
 * paint, resize observers) is done.
 */
export function nextPaint(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
}
