// Loaded first, parser-blocking, in <head>. `?variant=` isolates what a hook costs, in a browser without the
// extension:
//   listener    one more no-op `message` listener per socket (what any observer that listens must add)
//   send-proxy  WebSocket.prototype.send behind a Proxy whose apply trap only forwards
//   hook        the built page hook itself (dist/chrome/extension/hook.iife.js), without relay or background
window.variant = new URLSearchParams(location.search).get('variant') || '';
// A parser-inserted script runs before the page's next one, as a document_start content script does.
if (window.variant === 'hook') document.write('<script src="/ext/hook.iife.js"></script>');
if (window.variant === 'send-proxy') {
  WebSocket.prototype.send = new Proxy(WebSocket.prototype.send, {
    apply: (target, self, args) => Reflect.apply(target, self, args),
  });
}
