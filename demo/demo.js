// The demo page: situations NIM developers meet, played on the real SDK (window.NIM) against the local fake
// deployment. What the server must do on cue (reject a token, kick, drop a connection) goes through the demo's
// control server (`demo-kit.js`). Every button logs what it does below it. No inline script, so the page also
// runs under a strict CSP.
(() => {
  const CALLBACK_TIMEOUT_MS = 15_000;
  const { log, control } = window.demoKit;
  /** account → { account, nim, history: [{ name, data }], waiters: [] }: the instances this page holds. */
  const instances = new Map();
  let config;

  function describeCallback(name, data) {
    if (name === 'connect') return `onconnect — connection ${data?.connectionId ?? '?'}`;
    if (name === 'willReconnect') {
      return `onwillreconnect — retry ${data?.retryCount} in ${Math.round(data?.duration ?? 0)} ms`;
    }
    if (name === 'disconnect') {
      const reason = data?.reason ? ` (${data.reason})` : '';
      return `ondisconnect — code ${data?.code}${reason}${data?.message ? `: ${data.message}` : ''}`;
    }
    return `onerror — ${data?.message ?? data}`;
  }

  const TONES = { connect: 'ok', willReconnect: 'warn', disconnect: 'error', error: 'error' };

  /** `getInstance` for `account`, with callbacks that log and record what the SDK reports. */
  function getInstance(account, token = `token-of-${account}`) {
    const entry = { account, history: [], waiters: [] };
    const record = (name) => (data) => {
      log(`${account}: ${describeCallback(name, data)}`, TONES[name]);
      entry.history.push({ name, data });
      for (const waiter of [...entry.waiters]) waiter();
    };
    log(`${account}: NIM.getInstance()`, 'call');
    entry.nim = window.NIM.getInstance({
      appKey: config.appKey,
      account,
      token,
      db: false,
      dbLog: false,
      privateConf: config.privateConf,
      onconnect: record('connect'),
      onwillreconnect: record('willReconnect'),
      ondisconnect: record('disconnect'),
      onerror: record('error'),
    });
    instances.set(account, entry);
    return entry;
  }

  /** The first of `names` the instance reports from `history[from]` on. */
  function until(entry, names, from = entry.history.length) {
    return new Promise((resolve, reject) => {
      const stopWaiting = () => {
        clearTimeout(timer);
        const index = entry.waiters.indexOf(check);
        if (index >= 0) entry.waiters.splice(index, 1);
      };
      const check = () => {
        const found = entry.history.slice(from).find((seen) => names.includes(seen.name));
        if (!found) return;
        stopWaiting();
        resolve(found);
      };
      const timer = setTimeout(() => {
        stopWaiting();
        reject(new Error(`${entry.account}: no ${names.join(' or ')} within ${CALLBACK_TIMEOUT_MS / 1000} s`));
      }, CALLBACK_TIMEOUT_MS);
      entry.waiters.push(check);
      check();
    });
  }

  /** Logs in and resolves once the SDK said how it went: 'connect' or 'disconnect'. */
  async function login(account, token) {
    const entry = getInstance(account, token);
    const outcome = await until(entry, ['connect', 'disconnect'], 0);
    return { entry, outcome: outcome.name };
  }

  async function loginOk(account) {
    const { entry, outcome } = await login(account);
    if (outcome !== 'connect') throw new Error(`${account} could not log in`);
    return entry;
  }

  /** `destroy({ done })`; the returned promise settles when `done` is called. */
  function destroy(entry) {
    log(`${entry.account}: destroy()`, 'call');
    return new Promise((resolve) => {
      entry.nim.destroy({
        done: (error) => {
          log(`${entry.account}: destroy done${error ? ` with ${error.message ?? error}` : ''}`, 'call');
          if (instances.get(entry.account) === entry) instances.delete(entry.account);
          resolve();
        },
      });
    });
  }

  /** A situation replayed starts from scratch: the instances it uses from an earlier run are destroyed first. */
  async function release(accounts) {
    for (const account of accounts) {
      const entry = instances.get(account);
      if (entry) await destroy(entry);
    }
  }

  function connectedCount() {
    return [...instances.values()].filter((entry) => entry.history.at(-1)?.name === 'connect').length;
  }

  const scenarios = {
    async 'login-ok'() {
      await release(['alice']);
      await loginOk('alice');
      log('alice is connected: one instance, one socket.', 'note');
    },

    async 'wrong-token'() {
      await release(['mallory']);
      await control('login-response', { account: 'mallory', code: 302 });
      const { outcome } = await login('mallory', 'not-mallorys-token');
      if (outcome !== 'disconnect') throw new Error('the login with a wrong token was accepted');
      log('A 302 at login is final: the SDK does not retry. The panel decodes the code.', 'note');
    },

    async kicked() {
      await release(['carol']);
      const carol = await loginOk('carol');
      const from = carol.history.length;
      await control('kick', { account: 'carol', reason: 'samePlatformKick' });
      await until(carol, ['disconnect'], from);
      log('Kicked: the SDK does not reconnect, and the app must not either.', 'note');
    },

    async 'flaky-network'() {
      await release(['dave']);
      const dave = await loginOk('dave');
      for (let drop = 1; drop <= 2; drop++) {
        const from = dave.history.length;
        await control('drop', { account: 'dave' });
        await until(dave, ['connect'], from);
      }
      log('Two drops, two reconnects: the timeline folds each episode into one row.', 'note');
    },

    async 'switch-wrong'() {
      await release(['erin', 'frank']);
      const erin = await loginOk('erin');
      const destroyed = destroy(erin);
      // The mistake: not waiting for `done` — erin's socket may still be open while frank logs in.
      const frank = loginOk('frank');
      await Promise.all([destroyed, frank]);
      log('frank called getInstance before erin’s destroy was done: see Diagnostics.', 'note');
    },

    async 'switch-right'() {
      await release(['grace', 'heidi']);
      const grace = await loginOk('grace');
      await destroy(grace);
      await loginOk('heidi');
      log('heidi logged in after grace’s destroy was done: nothing to report.', 'note');
    },

    async 'two-instances'() {
      await release(['ivan', 'judy']);
      await Promise.all([loginOk('ivan'), loginOk('judy')]);
      log('Two accounts, two instances, two sockets: the Instances view lists both.', 'note');
    },

    async 'socket-budget'() {
      await release(['kim', 'leo', 'mia']);
      await Promise.all([loginOk('kim'), loginOk('leo'), loginOk('mia')]);
      log(
        `${connectedCount()} NIM connections are open to one host now; a WeChat mini program allows 2 per domain and 5 in all.`,
        'note',
      );
    },

    async 'destroy-all'() {
      await release([...instances.keys()]);
      log('Every instance is destroyed.', 'note');
    },
  };

  window.demoKit.start(
    () => (window.NIM ? undefined : '/sdk/NIM_Web_NIM.js'),
    (given) => {
      config = given;
    },
    scenarios,
  );
})();
