/**
 * The page hook on the real v10 SDK (`nim-web-sdk-ng` 10.8.1, browser build) against the fake deployment, in
 * both of its APIs: one event per real listener call, the app's own listeners and logs unchanged, instances in
 * the states the panel shows, and no token anywhere the extension keeps or shows.
 */
import { chromium, type Page } from '@playwright/test';
import { findingsOf } from '../src/diagnostics/test-findings';
import type { NimEvent, NimEventOf } from '../src/model/events';
import { explainDisconnect } from '../src/nim/codes';
import { applyEvents, createSession } from '../src/session/reducer';
import { chromiumExecutable, QUIET_FLAGS } from '../testkit/browser';
import { expect, test } from './support/extension';
import { type HookedWindow, hookEvents } from './support/nim';
import {
  appLogs,
  call,
  clientStatus,
  createClient,
  getInstanceAgain,
  hasGlobal,
  latestIs,
  listenerEventsInRecording,
  login,
  openAndLogIn,
  openBundledNim10App,
  openNim10App,
  otherOptions,
  registerBundled,
  removeV2Listeners,
  seen,
  tokenOf,
  v1Options,
  v2Options,
  waitForSeen,
} from './support/nim10';

/** The panel's view of the recording: the same reducer. */
function instancesOf(events: NimEvent[]) {
  const session = createSession();
  applyEvents(session, events);
  return [...session.instances.values()];
}

function ofKind<K extends NimEvent['kind']>(events: NimEvent[], kind: K): NimEventOf<K>[] {
  return events.filter((event) => event.kind === kind) as NimEventOf<K>[];
}

async function expectNoToken(page: Page, extension: { serviceWorker(): Promise<import('@playwright/test').Worker> }) {
  const recording = await page.evaluate(() =>
    JSON.stringify((window as unknown as HookedWindow).__NIM_DEVTOOLS__.recording()),
  );
  expect(recording).toContain('sdk.getInstance');
  expect(recording).not.toContain('s3cr3t');
  const worker = await extension.serviceWorker();
  await expect
    .poll(() => worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null))))
    .toContain('sdk.getInstance');
  const stored = await worker.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
  expect(stored).not.toContain('s3cr3t');
  expect(stored).not.toContain('devtools.rejected');
}

test.describe('the page hook on the real v10 SDK (nim-web-sdk-ng)', () => {
  test('V2 API: login, server close and reconnect, kick — one event per listener call, states as the panel shows them', async ({
    page,
    fakeNim,
    extension,
  }) => {
    expect(await openAndLogIn(page, fakeNim, 'alice')).toEqual({ ok: null });
    let instance = instancesOf(await hookEvents(page))[0];
    expect(instance).toMatchObject({ state: 'connected', account: 'alice', flavour: 'NIM' });

    fakeNim.drop('alice');
    await waitForSeen(page, 'onConnectStatus', 1, 3); // WAITING
    expect(instancesOf(await hookEvents(page))[0]?.state).toBe('reconnecting');
    await waitForSeen(page, 'onLoginStatus', 2, 1); // LOGINED again
    expect(instancesOf(await hookEvents(page))[0]?.state).toBe('connected');

    fakeNim.kick('alice');
    await waitForSeen(page, 'onKickedOffline');
    const events = await hookEvents(page);
    [instance] = instancesOf(events);
    expect(instance?.state).toBe('disconnected');
    expect(instance?.lastDisconnect).toMatchObject({ code: 'kicked', reason: 'CLIENT_EXCLUSIVE' });
    expect(instance?.lastDisconnect?.explanation.title.en).toMatch(/kick/i);

    // Exactly one event per listener call, in the app's order.
    const appSaw = await seen(page);
    expect(listenerEventsInRecording(events)).toEqual(appSaw.map((s) => s.event));
    // Enums by name.
    const statuses = events.flatMap((e) => ('status' in e.data && e.data.status ? [e.data.status] : []));
    expect(statuses).toEqual(expect.arrayContaining(['LOGINING', 'LOGINED', 'CONNECTING', 'CONNECTED', 'WAITING']));
    // The call and its result.
    const loginCall = ofKind(events, 'sdk.call').find((e) => e.data.method === 'login');
    expect(loginCall?.data.account).toBe('alice');
    expect(
      ofKind(events, 'sdk.done').find((e) => e.data.callId === loginCall?.data.callId)?.data.error,
    ).toBeUndefined();
    // Every socket the SDK opened belongs to the client.
    const opens = ofKind(events, 'ws.open');
    expect(opens.length).toBe(2);
    for (const open of opens) expect(open.instanceId).toBe(instance?.id);

    // The SDK really logged the token (the app's own logFunc got it), and the hook's copy has it redacted.
    expect((await appLogs(page)).some((line) => line.text.includes(tokenOf('alice')))).toBe(true);
    const loginLine = ofKind(events, 'sdk.log').find((e) => e.data.text.includes('26_3'));
    expect(loginLine?.data.text).toContain('"1000":"[redacted]"');
    await expectNoToken(page, extension);
  });

  test('V2 API: a 302 rejects login() with its code, and the instance is disconnected with 302 explained', async ({
    page,
    fakeNim,
  }) => {
    fakeNim.setLoginResponse('bob', 302);
    await openNim10App(page, fakeNim);
    await createClient(page, 'b', v2Options(), otherOptions(fakeNim));
    const result = await login(page, 'b', 'bob');
    expect(result).toMatchObject({ error: { code: 302 } });

    const events = await hookEvents(page);
    const done = ofKind(events, 'sdk.done').find((e) => e.data.method === 'login');
    expect(done?.data.code).toBe(302);
    const [instance] = instancesOf(events);
    expect(instance?.state).toBe('disconnected');
    expect(instance?.lastDisconnect?.code).toBe(302);
    expect(explainDisconnect(302).title.en).toMatch(/password|token|account/i);
    expect(ofKind(events, 'sdk.error').map((e) => [e.data.event, e.data.code])).toEqual([['onLoginFailed', 302]]);
    expect(listenerEventsInRecording(events)).toEqual((await seen(page)).map((s) => s.event));
  });

  test('V2 API over socket.io text (binaryWebsocket: false): login and kick, as on binary frames', async ({
    page,
    fakeNim,
  }) => {
    await openNim10App(page, fakeNim);
    await createClient(page, 'a', v2Options({ binaryWebsocket: false }), otherOptions(fakeNim));
    expect(await login(page, 'a', 'ivy')).toEqual({ ok: null });
    fakeNim.kick('ivy');
    await waitForSeen(page, 'onKickedOffline');

    const events = await hookEvents(page);
    expect(ofKind(events, 'ws.create')[0]?.data.url).toContain('/socket.io/1/websocket/');
    const [instance] = instancesOf(events);
    expect(instance?.lastDisconnect).toMatchObject({ code: 'kicked', reason: 'CLIENT_EXCLUSIVE' });
    expect(listenerEventsInRecording(events)).toEqual((await seen(page)).map((s) => s.event));
    expect(JSON.stringify(events)).not.toContain('s3cr3t');
  });

  test('V2 API: logout and destroy — the calls settle, the socket closes, the instance ends destroyed', async ({
    page,
    fakeNim,
  }) => {
    await openAndLogIn(page, fakeNim, 'hank');
    expect(await call(page, 'a', 'logout')).toEqual({ ok: null });
    await expect.poll(async () => ofKind(await hookEvents(page), 'ws.close').length).toBe(1);
    expect(instancesOf(await hookEvents(page))[0]?.state).toBe('disconnected');
    expect(await call(page, 'a', 'destroy')).toEqual({ ok: null });

    const events = await hookEvents(page);
    const [instance] = instancesOf(events);
    expect(instance?.state).toBe('destroyed');
    expect(ofKind(events, 'sdk.call').map((e) => e.data.method)).toEqual(['login', 'logout', 'destroy']);
    expect(ofKind(events, 'sdk.done').map((e) => [e.data.method, e.data.error])).toEqual([
      ['login', undefined],
      ['logout', undefined],
      ['destroy', undefined],
    ]);
    expect(fakeNim.requests().some((r) => r.sid === 26 && r.cid === 5)).toBe(true);
    expect(listenerEventsInRecording(events)).toEqual((await seen(page)).map((s) => s.event));
  });

  test('V1-compatible API: connect, server close and reconnect, disconnect, destroy — calls, results and events', async ({
    page,
    fakeNim,
    extension,
  }) => {
    await openNim10App(page, fakeNim);
    await createClient(page, 'c', v1Options(fakeNim, 'carol'), otherOptions(fakeNim));
    expect(instancesOf(await hookEvents(page))[0]).toMatchObject({ state: 'disconnected', account: 'carol' });
    expect(await call(page, 'c', 'connect')).toEqual({ ok: null });
    await waitForSeen(page, 'logined');
    expect(await clientStatus(page, 'c')).toBe('logined');
    expect(instancesOf(await hookEvents(page))[0]?.state).toBe('connected');

    fakeNim.drop('carol');
    await waitForSeen(page, 'willReconnect');
    expect(instancesOf(await hookEvents(page))[0]?.state).toBe('reconnecting');
    await waitForSeen(page, 'logined', 2);

    expect(await call(page, 'c', 'disconnect')).toEqual({ ok: null });
    expect(instancesOf(await hookEvents(page))[0]?.state).toBe('disconnected');
    expect(await call(page, 'c', 'destroy')).toEqual({ ok: null });

    const events = await hookEvents(page);
    expect(instancesOf(events)[0]?.state).toBe('destroyed');
    expect(ofKind(events, 'sdk.call').map((e) => e.data.method)).toEqual(['connect', 'disconnect', 'destroy']);
    expect(ofKind(events, 'sdk.done').map((e) => [e.data.method, e.data.error])).toEqual([
      ['connect', undefined],
      ['disconnect', undefined],
      ['destroy', undefined],
    ]);
    expect(listenerEventsInRecording(events)).toEqual((await seen(page)).map((s) => s.event));
    const willReconnect = ofKind(events, 'sdk.willReconnect')[0];
    expect(willReconnect?.data.retryCount).toBe(1);
    expect(willReconnect?.data.duration).toBeGreaterThan(1000);
    await expectNoToken(page, extension);
  });

  test('V1-compatible API: a kick is "kicked" with its reason, and another account is refused with "Unexpected login"', async ({
    page,
    fakeNim,
  }) => {
    await openNim10App(page, fakeNim);
    await createClient(page, 'd', v1Options(fakeNim, 'dave'), otherOptions(fakeNim));
    await call(page, 'd', 'connect');
    expect(await getInstanceAgain(page, v1Options(fakeNim, 'erin'))).toBe('Unexpected login');
    fakeNim.kick('dave');
    await waitForSeen(page, 'kicked');

    const events = await hookEvents(page);
    const [instance] = instancesOf(events);
    expect(instance?.lastDisconnect).toMatchObject({ code: 'kicked', reason: 'samePlatformKick' });
    expect(instance?.state).toBe('disconnected');
    const refused = ofKind(events, 'sdk.error').find((e) => e.data.event === 'getInstance');
    expect(refused).toMatchObject({ instanceId: instance?.id, data: { message: 'Unexpected login' } });
    expect(findingsOf(events, 'unexpected-login').map((f) => f.evidence)).toEqual([[refused?.seq]]);
    expect(findingsOf(events, 'reconnect-after-kick')).toEqual([]);
  });

  test('finds clients made with new, several at once, and getInstance handing back the latest', async ({
    page,
    fakeNim,
  }) => {
    await openNim10App(page, fakeNim);
    await createClient(page, 'x', v2Options(), otherOptions(fakeNim), { how: 'new' });
    await createClient(page, 'y', v2Options(), otherOptions(fakeNim), { how: 'new' });
    expect(await latestIs(page, 'y')).toBe(true);
    await Promise.all([login(page, 'x', 'xavier'), login(page, 'y', 'yvonne')]);
    await createClient(page, 'z', v2Options(), otherOptions(fakeNim), { how: 'getInstance' });
    expect(
      await page.evaluate(() => (window as unknown as { app: { latestIs(n: string): boolean } }).app.latestIs('z')),
    ).toBe(true);

    const events = await hookEvents(page);
    const getInstances = ofKind(events, 'sdk.getInstance');
    expect(getInstances.map((e) => [e.data.reused, e.data.api])).toEqual([
      [false, 'v2'],
      [false, 'v2'],
      [true, undefined],
    ]);
    expect(getInstances[2]?.instanceId).toBe(getInstances[1]?.instanceId);
    const instances = instancesOf(events);
    expect(instances.map((i) => [i.account, i.state])).toEqual([
      ['xavier', 'connected'],
      ['yvonne', 'connected'],
    ]);
    const summaries = await page.evaluate(
      () => (window as unknown as HookedWindow).__NIM_DEVTOOLS__.recording().events.length,
    );
    expect(summaries).toBeGreaterThan(0);
    // Each client's socket is its own.
    const owners = ofKind(events, 'ws.open').map((e) => e.instanceId);
    expect(new Set(owners)).toEqual(new Set(instances.map((i) => i.id)));
  });

  for (const what of ['client', 'module', 'class'] as const) {
    test(`a bundled app (no global) registers its ${what}; clients made before and after are instances`, async ({
      page,
      fakeNim,
    }) => {
      await openBundledNim10App(page, fakeNim);
      expect(await hasGlobal(page)).toBe(false);
      await createClient(page, 'a', v2Options(), otherOptions(fakeNim));
      expect(await hookEvents(page)).toEqual([]);
      await registerBundled(page, what, 'a');
      expect(await login(page, 'a', 'alice')).toEqual({ ok: null });
      await createClient(page, 'b', v2Options(), otherOptions(fakeNim), { how: 'new' });
      expect(await login(page, 'b', 'bob')).toEqual({ ok: null });

      const events = await hookEvents(page);
      expect(ofKind(events, 'sdk.detected').map((e) => e.data)).toEqual([
        { flavour: 'NIM', source: 'register', version: '10.8.1' },
      ]);
      // The client made before `register()` is found through the class's `instance` static (it is the latest)
      // or given directly; the one made after through its constructor.
      expect(instancesOf(events).map((i) => [i.account, i.state])).toEqual([
        ['alice', 'connected'],
        ['bob', 'connected'],
      ]);
    });
  }

  test('the app’s listeners, their removal and its logFunc see exactly what they see without the extension', async ({
    page,
    fakeNim,
  }) => {
    // The same V2 app run twice, in a browser without the extension and in ours: login, a server close, a
    // kick. Times, ports and random ids differ per run and are masked.
    const scenario = async (target: Page, account: string) => {
      await openAndLogIn(target, fakeNim, account);
      fakeNim.drop(account);
      await waitForSeen(target, 'onLoginStatus', 2, 1);
      const left = await removeV2Listeners(target, 'a', 'onDataSync');
      fakeNim.kick(account);
      await waitForSeen(target, 'onKickedOffline');
      const mask = (text: string) =>
        text
          .replace(/[0-9a-f]{16,}/g, 'id')
          .replace(/\d+/g, '#')
          .replace(new RegExp(account, 'g'), 'account');
      const events = (await seen(target)).map((s) => mask(JSON.stringify([s.event, s.args])));
      const logs = (await appLogs(target)).map((line) => `${line.level} ${mask(line.text).slice(0, 60)}`);
      return { events, left, logLevels: logs.map((line) => line.split(' ')[0]) };
    };
    const plain = await chromium.launch({ executablePath: chromiumExecutable(), args: QUIET_FLAGS });
    const without = await scenario(await plain.newPage(), 'frank');
    await plain.close();
    const withHook = await scenario(page, 'grace');

    expect(withHook.events.length).toBeGreaterThan(10);
    expect(withHook.events).toEqual(without.events);
    expect(withHook.left).toBe(0);
    expect(without.left).toBe(0);
    expect(withHook.logLevels.length).toBeGreaterThan(20);
  });
});
