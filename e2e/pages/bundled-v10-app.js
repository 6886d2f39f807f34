// An app that bundles the real v10 SDK (nim-web-sdk-ng, V2 API) through a bundler (the e2e spec builds it with
// esbuild): its UMD wrapper takes the CommonJS path, so there is no `window.NIM`, and no `register()` call.
// Driven by tests through `window.app`.
import NIM from 'nim-web-sdk-ng';

const NimClient = typeof NIM === 'function' ? NIM : NIM.default;
const seen = [];
const copy = (data) => (data === undefined ? null : JSON.parse(JSON.stringify(data ?? null)));
const EVENTS = ['onLoginStatus', 'onKickedOffline', 'onDisconnected', 'onLoginFailed'];

window.app = {
  /** Every listener call the app received: {account, callback, data}. */
  seen,
  /** A new V2 client for `account`, then `login()`; a rejected login is recorded, not thrown. */
  connect({ account, token, init, other }) {
    const client = new NimClient(init, other);
    for (const event of EVENTS) {
      client.V2NIMLoginService.on(event, (data) => seen.push({ account, callback: event, data: copy(data) }));
    }
    client.V2NIMLoginService.login(account, token).catch((error) =>
      seen.push({ account, callback: 'loginRejected', data: { code: error?.code ?? null } }),
    );
  },
};
