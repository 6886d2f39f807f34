/**
 * The only code that knows how messages travel: a runtime port (to the background) seen through a small
 * interface, so the relay and the background logic run under Vitest with in-memory ports.
 */
export interface MessagePortLike<Incoming, Outgoing> {
  postMessage(message: Outgoing): void;
  onMessage(listener: (message: Incoming) => void): void;
  onDisconnect(listener: () => void): void;
  disconnect(): void;
}

/** Creates two connected in-memory ports (for tests). Delivery is asynchronous, like the real thing. */
export function createPortPair<A, B>(): { left: MessagePortLike<B, A>; right: MessagePortLike<A, B> } {
  type Side<In> = { messageListeners: ((m: In) => void)[]; disconnectListeners: (() => void)[] };
  const leftSide: Side<B> = { messageListeners: [], disconnectListeners: [] };
  const rightSide: Side<A> = { messageListeners: [], disconnectListeners: [] };
  let connected = true;
  const cut = () => {
    if (!connected) return;
    connected = false;
    queueMicrotask(() => {
      for (const l of leftSide.disconnectListeners) l();
      for (const l of rightSide.disconnectListeners) l();
    });
  };
  const side = <In, Out>(own: Side<In>, other: Side<Out>): MessagePortLike<In, Out> => ({
    postMessage(message) {
      if (!connected) throw new Error('Attempting to use a disconnected port object');
      const copy = structuredClone(message);
      queueMicrotask(() => {
        if (connected) for (const l of other.messageListeners) l(copy);
      });
    },
    onMessage: (listener) => own.messageListeners.push(listener),
    onDisconnect: (listener) => own.disconnectListeners.push(listener),
    disconnect: cut,
  });
  return { left: side<B, A>(leftSide, rightSide), right: side<A, B>(rightSide, leftSide) };
}
