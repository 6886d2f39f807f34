// Socket churn: `count` sockets opened and closed, `parallel` at a time, each closed by the page as soon as it
// opens (a generic socket, not a NIM link). The time the page spends inside `new WebSocket` is summed; the
// rest of what the extension adds per socket (its open and close listeners, events, the relay) shows in the
// main-thread CPU time the bench reads around the whole run.
const url = `ws://${location.host}/socket`;

function openAndClose(timings) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = new WebSocket(url);
    timings.createMs += performance.now() - started;
    socket.onopen = () => socket.close();
    socket.onclose = resolve;
    socket.onerror = () => reject(new Error('socket error'));
  });
}

window.bench = {
  async churn(count, parallel) {
    const timings = { createMs: 0 };
    const started = performance.now();
    for (let opened = 0; opened < count; opened += parallel) {
      const batch = Math.min(parallel, count - opened);
      await Promise.all(Array.from({ length: batch }, () => openAndClose(timings)));
    }
    return { ms: performance.now() - started, createMs: timings.createMs };
  },
};
