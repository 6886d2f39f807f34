// The v10 demo page: situations on the real nim-web-sdk-ng (V2 API) against the local fake deployment, with
// the same control server as the v9 page (`?control=`). One client per account; every listener call is logged.
// `data-state` on a button (running / done / failed) says when a situation has played out.
(() => {
  const EVENT_TIMEOUT_MS = 15_000;
  const controlUrl = new URLSearchParams(location.search).get('control');
  const logList = document.getElementById('log');
  const status = document.querySelector('[data-testid="demo-status"]');
  const buttons = [...document.querySelectorAll('button[data-scenario]')];
  const V2_EVENTS = ['onLoginStatus', 'onConnectStatus', 'onKickedOffline', 'onDisconnected', 'onLoginFailed'];
  /** account → { client, seen: [{ event, args }], waiters: [] } */
  const clients = new Map();
  let config;

  function log(text, tone = 'info') {
    const item = document.createElement('li');
    item.dataset.tone = tone;
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString([], { hour12: false });
    item.append(time, ` ${text}`);
    logList.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  async function control(action, query) {
    const url = new URL(`/control/${action}`, controlUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
    const response = await fetch(url, { method: 'POST' });
    const body = await response.json();
    if (!response.ok) throw new Error(`server: ${body.error ?? `HTTP ${response.status}`}`);
    log(`server: ${body.did}`, 'server');
  }

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

  async function play(button) {
    for (const other of buttons) other.disabled = true;
    button.dataset.state = 'running';
    log(`▶ ${button.textContent}`, 'title');
    try {
      await scenarios[button.dataset.scenario]();
      button.dataset.state = 'done';
    } catch (error) {
      button.dataset.state = 'failed';
      log(`✖ ${error.message ?? error}`, 'error');
    } finally {
      for (const other of buttons) other.disabled = false;
    }
  }

  async function start() {
    for (const link of document.querySelectorAll('a[data-keep-query]')) link.search = location.search;
    if (!controlUrl)
      throw new Error('Open this page with `npm start`: it needs the demo’s control server (?control=).');
    if (!window.NIM?.default) throw new Error('The SDK (/sdk10/NIM_BROWSER_SDK.js) did not load.');
    const response = await fetch(new URL('/control/config', controlUrl));
    if (!response.ok) throw new Error(`The control server answered HTTP ${response.status}.`);
    config = await response.json();
    for (const button of buttons) {
      button.addEventListener('click', () => play(button));
      button.disabled = false;
    }
    status.dataset.state = 'ready';
    status.textContent = 'Ready. Open DevTools → NIM, then press a button.';
  }

  start().catch((error) => {
    status.dataset.state = 'failed';
    status.textContent = error.message ?? String(error);
  });
})();
