import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHookCore } from '../core';
import { createFakeSdk, type FakeInstance, setupInstrumented } from './fake-sdk';
import { instrumentNim } from './index';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('finding the SDK', () => {
  it('instruments a window.NIM assigned after the hook, keeps it, and says so once', () => {
    const { win, NIM, events } = setupInstrumented();
    expect(win.NIM).toBe(NIM);
    win.NIM = NIM;
    expect(events('sdk.detected').map((event) => event.data)).toEqual([
      { flavour: 'NIM', source: 'window.NIM', version: '9.21.12' },
    ]);
    NIM.getInstance({ account: 'a', token: 't' });
    expect(events('sdk.getInstance')).toHaveLength(1);
  });

  it('instruments window.Chatroom and both members of window.SDK, set before or after window.SDK', () => {
    const core = createHookCore({ capacity: 100, doc: 'd' });
    const win: Record<string, unknown> = {};
    instrumentNim(win as unknown as Window, core);
    const before = { NIM: createFakeSdk().sdk };
    win.SDK = before;
    const chatroom = createFakeSdk().sdk;
    (chatroom.prototype as Record<string, unknown>).getChatroom = () => {};
    (win.SDK as Record<string, unknown>).Chatroom = chatroom;
    win.Chatroom = createFakeSdk().sdk;
    expect((win.SDK as Record<string, unknown>).Chatroom).toBe(chatroom);
    expect(core.events().map((event) => event.kind === 'sdk.detected' && event.data)).toEqual([
      { flavour: 'NIM', source: 'window.SDK.NIM', version: '9.21.12' },
      { flavour: 'Chatroom', source: 'window.SDK.Chatroom', version: '9.21.12' },
      { flavour: 'Chatroom', source: 'window.Chatroom', version: '9.21.12' },
    ]);
  });

  it('registers a bundled SDK or SDK module, once', () => {
    const { nim, fake, events } = setupInstrumented({ assign: false });
    nim.register(fake.sdk);
    nim.register(fake.sdk);
    nim.register({ NIM: createFakeSdk().sdk });
    nim.register(undefined);
    nim.register(42);
    expect(events('sdk.detected').map((event) => event.data.source)).toEqual(['register', 'register']);
    fake.sdk.getInstance({ account: 'a', token: 't' });
    expect(events('sdk.getInstance')).toHaveLength(1);
  });

  it('ignores globals that are not an SDK', () => {
    const { win, core } = setupInstrumented({ assign: false });
    win.NIM = 5;
    win.SDK = { other: true };
    expect(win.NIM).toBe(5);
    expect(core.events()).toEqual([]);
  });
});

describe('which instance', () => {
  it('owns a socket: found where the SDK keeps it, while it is alive', () => {
    const { NIM, fake, nim } = setupInstrumented();
    const alice = NIM.getInstance({ account: 'alice', token: 't' });
    const bob = NIM.getInstance({ account: 'bob', token: 't' });
    const bobSocket = fake.openSocket(bob);
    const aliceSocket = fake.openSocket(alice);
    expect(nim.ownerOfSocket(aliceSocket)).toBe('d-i1');
    expect(nim.ownerOfSocket(bobSocket)).toBe('d-i2');
    expect(nim.ownerOfSocket({})).toBeUndefined();
    // Remembered after the SDK let go of it.
    alice.protocol.imsocket.sockets = [];
    expect(nim.ownerOfSocket(aliceSocket)).toBe('d-i1');
  });

  it('owns a socket that connected (protocol.socket) or goes through socket.io', () => {
    const { NIM, nim } = setupInstrumented();
    const alice = NIM.getInstance({ account: 'alice', token: 't' });
    const bob = NIM.getInstance({ account: 'bob', token: 't' });
    const connected = {};
    const viaSocketIo = {};
    alice.protocol.socket = { websocket: connected };
    bob.protocol.imsocket.sockets = [{ socket: { transport: { websocket: viaSocketIo } } } as never];
    expect(nim.ownerOfSocket(connected)).toBe('d-i1');
    expect(nim.ownerOfSocket(viaSocketIo)).toBe('d-i2');
  });

  it('is running: set inside its methods and callbacks only', () => {
    const { NIM, fake, nim } = setupInstrumented();
    const seen: (string | undefined)[] = [];
    const instance: FakeInstance = NIM.getInstance({
      account: 'alice',
      token: 't',
      ondisconnect: () => seen.push(nim.currentInstanceId()),
    });
    instance.disconnect();
    fake.fire(instance, 'ondisconnect', {});
    expect(seen).toEqual(['d-i1', 'd-i1']);
    expect(nim.currentInstanceId()).toBeUndefined();
  });
});

describe('a whole session', () => {
  it('never lets a token out', async () => {
    const { NIM, fake, core } = setupInstrumented();
    const token = 'tok-never-leaves-9f8e7d';
    const nim = NIM.getInstance({
      account: 'alice',
      appKey: '45c6af3c98409b18a84451215d0bdd6e',
      token,
      debug: true,
      logFunc: { debug() {}, info() {} },
      privateConf: { accessToken: 'at-secret-1234' },
      onwillreconnect() {},
    });
    fake.fire(nim, 'onwillreconnect', { retryCount: 1, duration: 1600 });
    fake.fire(nim, 'ondisconnect', { code: 302, message: `token ${token} refused` });
    nim.setOptions({ token: 'tok-second-1234567' });
    NIM.getInstance({ account: 'alice', token: 'tok-third-7654321' });
    nim.destroy({ done() {} });
    await vi.runAllTimersAsync();
    const json = JSON.stringify(core.events());
    for (const secret of [token, 'at-secret-1234', 'tok-second-1234567', 'tok-third-7654321']) {
      expect(json).not.toContain(secret);
    }
    expect(json).not.toContain('45c6af3c98409b18a84451215d0bdd6e');
    expect(core.events().filter((event) => event.kind === 'devtools.hookError')).toEqual([]);
  });
});
