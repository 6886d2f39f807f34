// The v10 demo page: situations on the real nim-web-sdk-ng (V2 API) against the local fake deployment, with
// the same control server as the v9 page (`demo-kit.js`). One client per account; every listener call is logged.
(() => {
  const EVENT_TIMEOUT_MS = 15_000;
  const { log, control } = window.demoKit;
  const V2_EVENTS = ['onLoginStatus', 'onConnectStatus', 'onKickedOffline', 'onDisconnected', 'onLoginFailed'];
  /** account → { client, seen: [{ event, args }], waiters: [] } */
  const clients = new Map();
  let config;

  /** A V2 client for `account` whose listeners log what the SDK reports. */
  function clientFor(account) {
    const lbs = config.privateConf.lbs_web;
    const client = new window.NIM.default(
      { appkey: config.appKey, apiVersion: 'v2', debugLevel: 'debug' },
      {
        V2NIMLoginServiceConfig: { lbsUrls: [lbs], linkUrl: config.privateConf.link_web, linkSSL: false },
        reporterConfig: { isDataReportEnable: false },
        abtestConfig: { isAbtestEnable: false },
        loggerConfig: { storageEnable: false },
      },
    );
    const entry = { account, client, seen: [], waiters: [] };
    for (const event of V2_EVENTS) {
      client.V2NIMLoginService.on(event, (...args) => {
        log(`${account}: ${event} ${JSON.stringify(args)}`, event === 'onLoginStatus' ? 'ok' : 'warn');
        entry.seen.push({ event, args });
        for (const waiter of [...entry.waiters]) waiter();
      });
    }
    clients.set(account, entry);
    return entry;
  }

  /** Resolves when the listeners see `event` (with `first` as its first argument, if given) from `seen[from]` on. */
  function until(entry, event, first, from = entry.seen.length) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const matches = (s) => s.event === event && (first === undefined || s.args[0] === first);
        if (!entry.seen.slice(from).some(matches)) return;
        clearTimeout(timer);
        entry.waiters.splice(entry.waiters.indexOf(check), 1);
        resolve();
      };
      const timer = setTimeout(() => reject(new Error(`${entry.account}: no ${event} ${first}`)), EVENT_TIMEOUT_MS);
      entry.waiters.push(check);
      check();
    });
  }

  async function loginOk(account) {
    const entry = clientFor(account);
    log(`${account}: V2NIMLoginService.login()`, 'call');
    await entry.client.V2NIMLoginService.login(account, `token-of-${account}`);
    return entry;
  }

  /** A situation replayed starts afresh: its account's client from an earlier run is destroyed first. */
  async function release(account) {
    const entry = clients.get(account);
    if (!entry) return;
    log(`${account}: destroy()`, 'call');
    await entry.client.destroy();
    clients.delete(account);
  }

  const LOGINED = 1;
  const WAITING = 3;

  const scenarios = {
    async 'v2-login'() {
      await release('alice');
      await loginOk('alice');
      log('alice is logged in: one client, one socket.', 'note');
    },

    async 'v2-kicked'() {
      await release('carol');
      const carol = await loginOk('carol');
      const from = carol.seen.length;
      await control('kick', { account: 'carol', reason: 'samePlatformKick' });
      await until(carol, 'onKickedOffline', undefined, from);
      log('Kicked (CLIENT_EXCLUSIVE): the SDK does not log in again, and the app must not either.', 'note');
    },

    async 'v2-flaky-network'() {
      await release('dave');
      const dave = await loginOk('dave');
      const from = dave.seen.length;
      await control('drop', { account: 'dave' });
      await until(dave, 'onConnectStatus', WAITING, from);
      await until(dave, 'onLoginStatus', LOGINED, from);
      log('Dropped, waited, logged in again: the instance is connected.', 'note');
    },
  };

  window.demoKit.start(
    () => (window.NIM?.default ? undefined : '/sdk10/NIM_BROWSER_SDK.js'),
    (given) => {
      config = given;
    },
    scenarios,
  );
})();
