// A small app on the real v10 SDK (nim-web-sdk-ng, browser build: `window.NIM = {default, V2NIMConst}`), driven by
// e2e tests through `window.app`. It records what its own listeners and logFunc saw, in order, so tests can
// compare the page's view with and without the extension, and with what the extension recorded.
(() => {
  // `?sdk=none`: no <script>, the app bundles the SDK (see `loadBundled`).
  const DEFAULT_SDK = '/sdk10/NIM_BROWSER_SDK.js';
  const sdkUrl = new URLSearchParams(location.search).get('sdk') ?? DEFAULT_SDK;
  let bundled;
  const seen = [];
  const logs = [];
  const clients = {};
  const copy = (value) => (value === undefined ? null : JSON.parse(JSON.stringify(value ?? null)));
  /** A V2NIMError (or any error) as the app would show it. */
  const describeError = (error) => ({
    code: error?.code ?? null,
    desc: error?.desc ?? String(error?.message ?? error),
  });

  const loaded = new Promise((resolve, reject) => {
    if (sdkUrl === 'none') return resolve();
    const script = document.createElement('script');
    script.src = sdkUrl;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`cannot load ${sdkUrl}`));
    document.head.append(script);
  });

  const V2_EVENTS = [
    'onLoginStatus',
    'onConnectStatus',
    'onKickedOffline',
    'onDisconnected',
    'onLoginFailed',
    'onConnectFailed',
    'onDataSync',
    'onLoginClientChanged',
  ];
  const V1_EVENTS = ['logined', 'willReconnect', 'disconnect', 'kicked', 'multiPortLogin'];

  window.app = {
    loaded,
    /** Every listener call: {name, event, args}. */
    seen,
    /** Every line the SDK gave the app's logFunc: {level, text}. */
    logs,
    /**
     * A client under a local name, by `NIM.default.getInstance` or `new NIM.default` (`how`); `logFunc` adds a
     * loggerConfig.logFunc that records lines. Listeners for every event of its API are attached at once.
     */
    create(name, initOptions, otherOptions = {}, how = 'getInstance', logFunc = false) {
      const record = (level) => (text) => logs.push({ level, text: String(text) });
      const loggerConfig = logFunc
        ? {
            ...otherOptions.loggerConfig,
            logFunc: { debug: record('debug'), log: record('log'), warn: record('warn'), error: record('error') },
          }
        : otherOptions.loggerConfig;
      const other = { ...otherOptions, ...(loggerConfig && { loggerConfig }) };
      const NIM = (bundled ?? window.NIM).default;
      const client = how === 'new' ? new NIM(initOptions, other) : NIM.getInstance(initOptions, other);
      clients[name] = client;
      const listen = (target, events) => {
        for (const event of events) target.on(event, (...args) => seen.push({ name, event, args: copy(args) }));
      };
      if (initOptions.apiVersion === 'v2') listen(client.V2NIMLoginService, V2_EVENTS);
      else listen(client, V1_EVENTS);
    },
    /** The SDK as a bundler hands it over (CommonJS `module.exports`): no `window.NIM` is ever set. */
    async loadBundled() {
      const source = await (await fetch(DEFAULT_SDK)).text();
      const module = { exports: {} };
      new Function('exports', 'module', source)(module.exports, module);
      bundled = module.exports;
    },
    /** `window.__NIM_DEVTOOLS__.register(…)` with the bundled module, its class, or a client. */
    register(what, name) {
      const target = what === 'module' ? bundled : what === 'class' ? bundled.default : clients[name];
      window.__NIM_DEVTOOLS__?.register(target);
    },
    hasGlobal() {
      return 'NIM' in window && window.NIM !== undefined;
    },
    /** `getInstance` again with other options: the error's message when the SDK refuses. */
    getInstanceAgain(initOptions) {
      try {
        window.NIM.default.getInstance(initOptions);
        return null;
      } catch (error) {
        return String(error.message);
      }
    },
    latestIs(name) {
      return window.NIM.default.instance === clients[name];
    },
    login(name, account, token, options) {
      return settle(clients[name].V2NIMLoginService.login(account, token, options));
    },
    /** A method of the client (`connect`, `disconnect`, `destroy`, `kick`) or of its V2NIMLoginService. */
    call(name, method, ...args) {
      const client = clients[name];
      const target = typeof client[method] === 'function' ? client : client.V2NIMLoginService;
      return settle(target[method](...args));
    },
    status(name) {
      return clients[name].status;
    },
    /** `off` for one V2 event, then report how many listeners remain, as the SDK's emitter counts them. */
    offV2(name, event) {
      const service = clients[name].V2NIMLoginService;
      service.removeAllListeners(event);
      return service.listenerCount(event);
    },
  };

  function settle(promise) {
    return Promise.resolve(promise).then(
      (value) => ({ ok: copy(value) }),
      (error) => ({ error: describeError(error) }),
    );
  }
})();
