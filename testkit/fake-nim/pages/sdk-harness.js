// Test harness for the real NIM Web SDK: loads the build named by `?sdk=` (default /sdk/NIM_Web_NIM.js) and
// exposes `window.harness`, which records every SDK callback with a timestamp, for tests driven by Playwright.
(() => {
  const sdkUrl = new URLSearchParams(location.search).get('sdk') ?? '/sdk/NIM_Web_NIM.js';
  const events = [];
  let instance;

  // Callback arguments are SDK objects (some are Errors, whose message is not enumerable): keep a JSON copy with
  // the message, so tests can read them across the page boundary.
  const copy = (data) => {
    if (data === undefined || data === null) return null;
    const plain = JSON.parse(JSON.stringify(data));
    return typeof data === 'object' && typeof data.message === 'string' ? { ...plain, message: data.message } : plain;
  };
  // Date.now() rather than performance.now(): comparable with the fake server's timestamps (same machine).
  const record = (type, data) => events.push({ type, at: Date.now(), data: copy(data) });

  const loaded = new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = sdkUrl;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`cannot load ${sdkUrl}`));
    document.head.append(script);
  });

  window.harness = {
    events,
    loaded,
    /** `options` are passed to NIM.getInstance on top of the recording callbacks. */
    connect(options) {
      instance = window.NIM.getInstance({
        ...options,
        onconnect: (data) => record('connect', data),
        onwillreconnect: (data) => record('willreconnect', data),
        ondisconnect: (data) => record('disconnect', data),
        onerror: (data) => record('error', data),
        onsyncdone: () => record('syncdone'),
      });
    },
    disconnect() {
      instance.disconnect({ done: (error) => record('disconnectDone', error) });
    },
    destroy() {
      return new Promise((resolve) => instance.destroy({ done: () => resolve() }));
    },
  };
})();
