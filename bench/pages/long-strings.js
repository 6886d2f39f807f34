// The real NIM SDK with debug logs and a logFunc, as NIM developers run it while debugging: `bench.sendText`
// and `bench.getInstance` time the page's own call, synchronously, as the page sees it (`performance.now()`).
(() => {
  const params = new URLSearchParams(location.search);
  const privateConf = JSON.parse(params.get('conf') ?? '{}');
  const quiet = () => {};
  const logFunc = { debug: quiet, log: quiet, info: quiet, warn: quiet, error: quiet };
  const base = {
    appKey: 'bench-app-key-0123456789abcdef',
    token: 'bench-token-secret',
    debug: true,
    logFunc,
    db: false,
  };
  let account = 0;

  window.bench = {
    /** Logs in a fresh account; resolves with the instance once `onconnect` came. */
    login() {
      return new Promise((resolve, reject) => {
        const nim = NIM.getInstance({
          ...base,
          account: `sender${++account}`,
          privateConf,
          onconnect: () => resolve(),
          ondisconnect: (error) => reject(new Error(`disconnected: ${JSON.stringify(error)}`)),
        });
        window.bench.nim = nim;
      });
    },
    /** The page's time inside `sendText` of `size` characters. */
    sendText(size) {
      const text = 'x'.repeat(size);
      const start = performance.now();
      window.bench.nim.sendText({ scene: 'p2p', to: 'bob', text, done: quiet });
      return { ms: performance.now() - start };
    },
    /** The page's time inside a first `getInstance` whose options carry a `size`-character value. */
    getInstance(size) {
      const custom = 'c'.repeat(size);
      const start = performance.now();
      NIM.getInstance({ ...base, account: `big${++account}`, privateConf, customTag: custom });
      return { ms: performance.now() - start };
    },
  };
})();
