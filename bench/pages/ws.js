// Timed in the page with performance.now(), from the command's send to the last frame's handler.
// The handler does almost nothing on purpose: the less the page does per frame, the larger any
// per-frame cost of the hook shows, so this is the worst case for the extension.
const url = `ws://${location.host}/socket`;
// A NIM link's URL, and the login request the SDK sends first on it (binary 2_3, one Property: 19 account,
// 1000 token): what makes the page hook read the socket's frames.
const linkUrl = `ws://${location.host}/websocket`;
const LOGIN = new Uint8Array([0, 2, 3, 1, 0, 0, 2, 19, 5, 98, 101, 110, 99, 104, 0xe8, 0x07, 3, 116, 111, 107]);

function connect(to = url) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(to);
    socket.binaryType = 'arraybuffer';
    if (window.variant === 'listener') socket.addEventListener('message', () => {});
    socket.onopen = () => resolve(socket);
    socket.onerror = () => reject(new Error('socket error'));
  });
}

function sizeOf(data) {
  return typeof data === 'string' ? data.length : data.byteLength;
}

/** Times `count` frames pushed by the server after `command`, from the send to the last frame's handler. */
function timeBurst(socket, count, command) {
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
    socket.send(command);
  });
}

window.bench = {
  async burst(count, bytes, kind) {
    return timeBurst(await connect(), count, `burst:${count}:${bytes}:${kind}`);
  },

  /** A burst of NIM chat frames on a NIM link socket, after its login: every frame costs the hook a header peek. */
  async nimBurst(count, bytes) {
    const socket = await connect(linkUrl);
    socket.send(LOGIN.buffer);
    await new Promise((resolve) => {
      socket.onmessage = resolve; // the login, echoed
    });
    return timeBurst(socket, count, `nimburst:${count}:${bytes}`);
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
