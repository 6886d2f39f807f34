// Opens a socket and closes it once open: a page with no live socket stays eligible for the back/forward cache.
const target = new URLSearchParams(location.search).get('ws');
const socket = new WebSocket(`ws://${target}/websocket`);
socket.onopen = () => socket.close(1000, 'done');
socket.onclose = () => {
  window.socketClosed = true;
};
