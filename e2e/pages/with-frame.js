// Opens a socket in the top document and loads inline-socket.html (another socket) in the iframe.
const target = new URLSearchParams(location.search).get('ws');
window.topSocket = new WebSocket(`ws://${target}/websocket`);
document.getElementById('frame').src = `inline-socket.html${location.search}`;
