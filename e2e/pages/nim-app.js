// A small app on the real NIM Web SDK, driven by e2e tests through `window.app`. It loads the SDK build named
// by `?sdk=` (default /sdk/NIM_Web_NIM.js) and records what its own callbacks saw, so tests can compare the
// page's view with what the extension recorded. No inline script: it also runs under `?csp=strict`.
(() => {
  const params = new URLSearchParams(location.search);
  const sdkUrl = params.get('sdk') ?? '/sdk/NIM_Web_NIM.js';
  const seen = [];
  const instances = {};
  const copy = (data) => (data === undefined ? null : JSON.parse(JSON.stringify(data ?? null)));

  const loaded = new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = sdkUrl;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`cannot load ${sdkUrl}`));
    document.head.append(script);
  });

  const sdkOf = (flavour) =>
    flavour === 'Chatroom' ? (window.Chatroom ?? window.SDK?.Chatroom) : (window.NIM ?? window.SDK?.NIM);

  window.app = {
    loaded,
    /** Every callback call the app received: {name, callback, data}. */
    seen,
    /** getInstance under a local name; `options` come on top of recording callbacks. */
    getInstance(name, options, flavour = 'NIM') {
      const record = (callback) => (data) => seen.push({ name, callback, data: copy(data) });
      instances[name] = sdkOf(flavour).getInstance({
        onconnect: record('onconnect'),
        onwillreconnect: record('onwillreconnect'),
        ondisconnect: record('ondisconnect'),
        onerror: record('onerror'),
        ...options,
      });
    },
    same(a, b) {
      return instances[a] === instances[b];
    },
    call(name, method, withDone = true) {
      return new Promise((resolve) => {
        const instance = instances[name];
        if (!withDone) {
          instance[method]();
          resolve(null);
          return;
        }
        instance[method]({ done: (error) => resolve(error ? String(error.message ?? error) : null) });
      });
    },
  };
})();
