import { describe, expect, it, vi } from 'vitest';
import { createFakeSdk, setupInstrumented } from './fake-sdk';

const APP_KEY = '45c6af3c98409b18a84451215d0bdd6e';

describe('getInstance', () => {
  it('keeps the SDK object and replaces getInstance as an own data property', () => {
    const { win, NIM } = setupInstrumented();
    const original = createFakeSdk().sdk.getInstance;
    expect(win.NIM).toBe(NIM);
    const descriptor = Object.getOwnPropertyDescriptor(NIM, 'getInstance');
    expect(descriptor).toMatchObject({ writable: true, enumerable: true, configurable: true });
    expect(NIM.getInstance).not.toBe(original);
    expect(NIM.getInstance.name).toBe(original.name);
    expect(NIM.getInstance.length).toBe(original.length);
  });

  it('throws as before when called unbound, and reports nothing', () => {
    const { NIM, core } = setupInstrumented();
    const unbound = NIM.getInstance;
    expect(() => unbound({ account: 'a' })).toThrow(TypeError);
    expect(core.events().filter((event) => event.kind === 'sdk.getInstance')).toEqual([]);
  });

  it('passes the caller’s this, returns the SDK’s result and rethrows its errors', () => {
    const { NIM } = setupInstrumented();
    const instance = NIM.getInstance({ account: 'a', token: 't' });
    expect(instance).toBeInstanceOf(NIM as unknown as new () => object);
    expect(() => NIM.getInstance({ token: 't' })).toThrow('account is required');
  });

  it('reports a new instance with masked appKey and redacted options, then its own events', () => {
    const { NIM, events, kinds } = setupInstrumented();
    NIM.getInstance({ account: 'alice', appKey: APP_KEY, token: 'secret-token-1', logFunc: { info() {} } });
    const [event] = events('sdk.getInstance');
    expect(event?.data).toEqual({
      flavour: 'NIM',
      account: 'alice',
      appKey: '45c6…dd6e',
      reused: false,
      changed: [],
      options: { account: 'alice', appKey: '45c6…dd6e', token: '[redacted]', logFunc: { info: '[function]' } },
    });
    expect(event?.instanceId).toBe('d-i1');
    // The constructor's "Instance init" line happened during the call but comes after sdk.getInstance.
    expect(kinds().slice(0, 3)).toEqual(['sdk.detected', 'sdk.getInstance', 'sdk.log']);
    expect(events('sdk.log')[0]).toMatchObject({ instanceId: 'd-i1' });
  });

  it('reports the singleton handed out again, with the names of the options that changed', () => {
    const { NIM, events } = setupInstrumented();
    const onconnect = () => {};
    const first = NIM.getInstance({ account: 'alice', token: 'token-one', onconnect, debug: false });
    const second = NIM.getInstance({ account: 'alice', token: 'token-two', onconnect, debug: false });
    expect(second).toBe(first);
    const [, again] = events('sdk.getInstance');
    expect(again?.data).toMatchObject({ reused: true, changed: ['token'] });
    expect(again?.instanceId).toBe(events('sdk.getInstance')[0]?.instanceId);
    expect(JSON.stringify(again)).not.toContain('token-two');
  });

  it('writes what the SDK writes into the options back to the page’s object', () => {
    const { NIM } = setupInstrumented();
    const options: Record<string, unknown> = { account: 'alice', token: 't', onconnect() {} };
    const onconnect = options.onconnect;
    NIM.getInstance(options);
    expect(options.nosSurvivalTime).toBe(Number.POSITIVE_INFINITY);
    // The hook's functions never show on the page's object.
    expect(options.onconnect).toBe(onconnect);
    expect(Object.keys(options)).toEqual(['account', 'token', 'onconnect', 'nosSurvivalTime']);
  });

  it('keeps a frozen options object working as it did', () => {
    const { NIM, events } = setupInstrumented();
    const options = Object.freeze({ account: 'alice', token: 't', nosSurvivalTime: 86_400 });
    expect(() => NIM.getInstance(options)).not.toThrow();
    expect(events('sdk.getInstance')).toHaveLength(1);
  });

  it('reads getter-based (Vue 2 style) options like the SDK does', () => {
    const { NIM, events } = setupInstrumented();
    const values: Record<string, unknown> = { account: 'alice', token: 'vue-token-1', nosSurvivalTime: 0 };
    const options = {};
    for (const key of Object.keys(values)) {
      Object.defineProperty(options, key, {
        enumerable: true,
        configurable: true,
        get: () => values[key],
        set: (value) => {
          values[key] = value;
        },
      });
    }
    NIM.getInstance(options);
    expect(events('sdk.getInstance')[0]?.data).toMatchObject({ account: 'alice', options: { token: '[redacted]' } });
    // The SDK's write went through the page's setter.
    expect(values.nosSurvivalTime).toBe(Number.POSITIVE_INFINITY);
  });

  it('lets a different account get its own instance and id', () => {
    const { NIM, events } = setupInstrumented();
    NIM.getInstance({ account: 'alice', token: 't' });
    NIM.getInstance({ account: 'bob', token: 't' });
    expect(events('sdk.getInstance').map((event) => event.instanceId)).toEqual(['d-i1', 'd-i2']);
  });

  it('gives a new instance a new id after destroy', async () => {
    vi.useFakeTimers();
    try {
      const { NIM, events } = setupInstrumented();
      NIM.getInstance({ account: 'alice', token: 't' }).destroy();
      await vi.runAllTimersAsync();
      NIM.getInstance({ account: 'alice', token: 't' });
      expect(events('sdk.getInstance').map((event) => [event.instanceId, event.data.reused])).toEqual([
        ['d-i1', false],
        ['d-i2', false],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves the page’s behaviour alone when the SDK has an unexpected shape', () => {
    const { win, core } = setupInstrumented({ assign: false });
    const weird = {
      get getInstance() {
        throw new Error('hostile');
      },
    };
    expect(() => {
      win.NIM = weird;
    }).not.toThrow();
    expect(win.NIM).toBe(weird);
    const frozen = Object.freeze({ getInstance: () => 'ok' });
    win.NIM = frozen;
    expect(frozen.getInstance()).toBe('ok');
    expect(core.events().every((event) => event.kind !== 'devtools.hookError' || event.data.where)).toBe(true);
  });
});
