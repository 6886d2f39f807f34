// A bundled-SDK app as the page hook sees one: an object with `getInstance`, opted in through the page API.
// Like the real SDK it keeps the `logFunc` it is given (the hook installs an observer when the page has none
// and the console is silent) and logs through it; the flood is SDK log lines, the busiest real source of
// events. Each line is real hook work (formatting, redaction) and one real `sdk.log` event through the hook,
// the relay and the background.
const instance = {};
let logFunc;
const fakeSdk = {
  info: { version: 'bench' },
  getInstance(options) {
    logFunc = options.logFunc;
    return instance;
  },
};
window.__NIM_DEVTOOLS__?.register(fakeSdk);
fakeSdk.getInstance({ account: 'bench', appKey: '0123456789abcdef0123456789abcdef', token: 'bench-secret' });

window.bench = {
  /** The document's token, from the hook's own first event; undefined without the hook. */
  doc() {
    return typeof logFunc?.info === 'function' ? window.__NIM_DEVTOOLS__.events()[0]?.doc : undefined;
  },
  flood(count) {
    const started = Date.now();
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      logFunc.info(`[NIM INFO 11-26 00:30:12:750 IM]  protocol::onMessage: {"sid":7,"cid":2,"ser":${i}}`);
    }
    const emitMs = performance.now() - t0;
    const events = window.__NIM_DEVTOOLS__.events();
    return { started, emitMs, lastSeq: events[events.length - 1].seq };
  },
};
