// An app that bundles the real NIM Web SDK the way production apps ship it: `import` through a bundler (the
// e2e spec builds it with esbuild, aliasing `nim-sdk` to one SDK version), so the SDK's UMD wrapper takes the
// CommonJS path and sets no global, and no `register()` call. Driven by tests through `window.app`.
import SDK from 'nim-sdk';

const seen = [];
const copy = (data) => (data === undefined ? null : JSON.parse(JSON.stringify(data ?? null)));

window.app = {
  /** Every callback call the app received: {account, callback, data}. */
  seen,
  connect(options) {
    const record = (callback) => (data) => seen.push({ account: options.account, callback, data: copy(data) });
    SDK.NIM.getInstance({
      onconnect: record('onconnect'),
      onwillreconnect: record('onwillreconnect'),
      ondisconnect: record('ondisconnect'),
      onerror: record('onerror'),
      ...options,
    });
  },
};
