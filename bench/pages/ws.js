// Timed in the page with performance.now(), from the command's send to the last frame's handler.
// The handler does almost nothing on purpose: the less the page does per frame, the larger any
// per-frame cost of the hook shows, so this is the worst case for the extension.
const url = `ws://${location.host}/socket`;

function connect() {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    if (window.variant === 'listener') socket.addEventListener('message', () => {});
    socket.onopen = () => resolve(socket);
    socket.onerror = () => reject(new Error('socket error'));
  });
}

function sizeOf(data) {
  return typeof data === 'string' ? data.length : data.byteLength;
}

window.bench = {
  async burst(count, bytes, kind) {
    const socket = await connect();
    return new Promise((resolve) => {
      let received = 0;
      let total = 0;
      let started = 0;
      socket.onmessage = (event) => {
        total += sizeOf(event.data);
        if (++received < count) return;
        const ms = performance.now() - started;
        socket.close();
        resolve({ ms, total });
      };
      started = performance.now();
      socket.send(`burst:${count}:${bytes}:${kind}`);
    });
  },

  async pingPong(count, bytes) {
    const socket = await connect();
    const payload = 'p'.repeat(bytes);
    return new Promise((resolve) => {
      let received = 0;
      let started = 0;
      socket.onmessage = () => {
        if (++received < count) {
          socket.send(payload);
          return;
        }
        const ms = performance.now() - started;
        socket.close();
        resolve({ ms, total: received });
      };
      started = performance.now();
      socket.send(payload);
    });
  },
};
