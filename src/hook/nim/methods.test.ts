import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSdk, type FakeInstance, setupInstrumented } from './fake-sdk';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('instance methods', () => {
  it('are replaced on the prototypes: an instance shows no new own property', () => {
    const plain = createFakeSdk().sdk.getInstance({ account: 'alice', token: 't' });
    const { NIM } = setupInstrumented();
    const nim = NIM.getInstance({ account: 'alice', token: 't' });
    expect(Object.getOwnPropertyNames(nim)).toEqual(Object.getOwnPropertyNames(plain));
    expect(Object.hasOwn(nim, 'destroy')).toBe(false);
    expect(Object.hasOwn(NIM.prototype, 'disconnect')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(NIM.prototype), 'destroy')).toMatchObject({
      writable: true,
      enumerable: true,
      configurable: true,
    });
  });

  it('report destroy and its done, not the disconnect destroy makes itself', async () => {
    const { NIM, events, kinds, advance, nim: hook } = setupInstrumented();
    const nim = NIM.getInstance({ account: 'alice', token: 't' });
    const doneCalls: unknown[][] = [];
    const options = { done: (...args: unknown[]) => doneCalls.push(args) };
    nim.destroy(options);
    advance(7);
    await vi.runAllTimersAsync();
    expect(kinds().slice(-3)).toEqual(['sdk.call', 'sdk.disconnect', 'sdk.done']);
    expect(events('sdk.call').map((event) => event.data)).toEqual([{ method: 'destroy', callId: 1 }]);
    expect(events('sdk.done')[0]).toMatchObject({
      instanceId: 'd-i1',
      data: { method: 'destroy', callId: 1, afterMs: 7 },
    });
    expect(doneCalls).toEqual([[null]]);
    expect(hook.instances()).toEqual([{ id: 'd-i1', flavour: 'NIM', account: 'alice', destroyed: true }]);
  });

  it('observe done when the page gave none', async () => {
    const { NIM, events } = setupInstrumented();
    NIM.getInstance({ account: 'alice', token: 't' }).destroy();
    NIM.getInstance({ account: 'bob', token: 't' }).disconnect({});
    await vi.runAllTimersAsync();
    expect(events('sdk.done').map((event) => event.data.method)).toEqual(['destroy', 'disconnect']);
  });

  it('say when the page calls inside a callback (connect() inside onwillreconnect)', () => {
    const { NIM, fake, events } = setupInstrumented();
    let nim: FakeInstance | undefined;
    nim = NIM.getInstance({ account: 'alice', token: 't', onwillreconnect: () => nim?.connect() });
    nim.connect();
    fake.fire(nim, 'onwillreconnect', { retryCount: 1, duration: 1600 });
    expect(events('sdk.call').map((event) => event.data)).toEqual([
      { method: 'connect', callId: 1 },
      { method: 'connect', callId: 2, inCallback: 'onwillreconnect' },
    ]);
  });

  it('do not report what getInstance does itself (setOptions and connect of the singleton)', () => {
    const { NIM, fake, events } = setupInstrumented();
    NIM.getInstance({ account: 'alice', token: 't' });
    NIM.getInstance({ account: 'alice', token: 't2' });
    expect(fake.connectCalls).toBe(1);
    expect(events('sdk.call')).toEqual([]);
  });

  it('report setOptions with the changed names and chain the callbacks it brings', () => {
    const { NIM, fake, events } = setupInstrumented();
    const nim = NIM.getInstance({ account: 'alice', token: 'token-one', ondisconnect() {} });
    const calls: unknown[] = [];
    const options = { token: 'token-two', ondisconnect: (event: unknown) => calls.push(event) };
    nim.setOptions(options);
    expect(events('sdk.call')[0]?.data).toEqual({
      method: 'setOptions',
      callId: 1,
      changed: ['token', 'ondisconnect'],
    });
    fake.fire(nim, 'ondisconnect', { code: 'logout' });
    expect(calls).toEqual([{ code: 'logout' }]);
    expect(events('sdk.disconnect')).toHaveLength(1);
    expect(JSON.stringify(events('sdk.call'))).not.toContain('token-two');
  });

  it('pass exceptions and return values through unchanged', () => {
    const { win, fake } = setupInstrumented({ assign: false });
    const base = Object.getPrototypeOf(fake.sdk.prototype) as Record<string, unknown>;
    const sentinel = { returned: true };
    base.connect = () => sentinel;
    win.NIM = fake.sdk;
    const nim = fake.sdk.getInstance({ account: 'alice', token: 't' });
    expect(nim.connect()).toBe(sentinel);
    expect(() => nim.setOptions(null as unknown as Record<string, unknown>)).toThrow(TypeError);
  });

  it('leave objects the hook did not see come out of getInstance alone', () => {
    const { NIM, core } = setupInstrumented();
    NIM.getInstance({ account: 'alice', token: 't' });
    const before = core.events().length;
    const stranger = Object.create(NIM.prototype) as FakeInstance;
    stranger.protocol = { options: { ondisconnect() {} }, imsocket: { sockets: [] }, socket: null };
    stranger.disconnect();
    expect(core.events()).toHaveLength(before);
  });
});
