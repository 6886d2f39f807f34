import { describe, expect, it } from 'vitest';
import { createFakeSdk, type FakeDriver, setupInstrumented } from './fake-sdk';

describe('connection callbacks', () => {
  it('turns each callback into its event, with the fields the SDK gave', () => {
    const { NIM, fake, events } = setupInstrumented();
    const nim = NIM.getInstance({ account: 'alice', token: 'tok-123456', onconnect() {}, ondisconnect() {} });
    fake.fire(nim, 'onconnect', { connectionId: 123, ip: '1.2.3.4', port: 8080, customTag: 't', extra: 'x' });
    fake.fire(nim, 'onwillreconnect', { retryCount: 1, duration: 1601 });
    fake.fire(nim, 'ondisconnect', {
      code: 'kicked',
      reason: 'samePlatformKick',
      from: 'Web',
      custom: 'c',
      willReconnect: false,
      message: 'login with tok-123456 failed',
    });
    fake.fire(nim, 'onerror', { code: 500, message: 'boom' });
    expect(events('sdk.connect')[0]).toMatchObject({
      instanceId: 'd-i1',
      data: { connectionId: '123', ip: '1.2.3.4', port: 8080, customTag: 't' },
    });
    expect(events('sdk.willReconnect')[0]?.data).toEqual({ retryCount: 1, duration: 1601 });
    expect(events('sdk.disconnect')[0]?.data).toEqual({
      code: 'kicked',
      reason: 'samePlatformKick',
      from: 'Web',
      custom: 'c',
      willReconnect: false,
      message: 'login with [redacted] failed',
    });
    expect(events('sdk.error')[0]?.data).toEqual({ code: 500, message: 'boom' });
  });

  it('calls the page’s callback after the event, with the same this and arguments, returning its value', () => {
    const { NIM, fake, core } = setupInstrumented();
    const calls: { self: unknown; args: unknown[]; eventsSoFar: number }[] = [];
    const promise = Promise.resolve('new token');
    const nim = NIM.getInstance({
      account: 'alice',
      token: 't',
      onwillreconnect(this: unknown, ...args: unknown[]) {
        calls.push({ self: this, args, eventsSoFar: core.events().length });
        return promise;
      },
    });
    const arg = { retryCount: 2, duration: 3200 };
    const before = core.events().length;
    expect(fake.fire(nim, 'onwillreconnect', arg)).toBe(promise);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.self).toBe(nim.protocol.options);
    expect(calls[0]?.args).toEqual([arg]);
    expect(calls[0]?.args[0]).toBe(arg);
    // "trigger cb" log line and sdk.willReconnect were emitted before the page's code ran.
    expect(calls[0]?.eventsSoFar).toBeGreaterThan(before);
  });

  it('lets the page’s exception through untouched, after emitting the event', () => {
    const { NIM, fake, events } = setupInstrumented();
    const error = new Error('page bug');
    const nim = NIM.getInstance({
      account: 'alice',
      token: 't',
      ondisconnect() {
        throw error;
      },
    });
    fake.fire(nim, 'ondisconnect', { code: 302 });
    expect(fake.swallowed).toEqual([error]);
    expect(events('sdk.disconnect')[0]?.data).toEqual({ code: 302 });
  });

  it('observes callbacks the page did not give, without changing what the page sees', () => {
    const scenario = (fake: FakeDriver) => {
      const nim = fake.sdk.getInstance({ account: 'alice', token: 't', debug: true });
      return fake.fire(nim, 'onwillreconnect', { retryCount: 1, duration: 1600 });
    };
    const plain = createFakeSdk();
    const returnedWithout = scenario(plain);
    const instrumented = setupInstrumented();
    const returnedWith = scenario(instrumented.fake);
    expect(returnedWith).toBe(returnedWithout);
    expect(instrumented.events('sdk.willReconnect')).toHaveLength(1);
    // No extra "trigger cb: onwillreconnect" line: the SDK did not wrap the observer as a page callback.
    expect(plain.console.lines.length).toBeGreaterThan(0);
    expect(instrumented.fake.console.lines).toEqual(plain.console.lines);
  });

  it('keeps an async callback unwrapped by the SDK, as it was', () => {
    const scenario = (fake: FakeDriver) => {
      const nim = fake.sdk.getInstance({ account: 'alice', token: 't', debug: true, async onconnect() {} });
      fake.fire(nim, 'onconnect', {});
      return fake.console.lines.map((line) => line.args[0]);
    };
    const without = scenario(createFakeSdk());
    const instrumented = setupInstrumented();
    expect(scenario(instrumented.fake)).toEqual(without);
    expect(without.some((line) => String(line).includes('trigger cb: onconnect'))).toBe(false);
    expect(instrumented.events('sdk.connect')).toHaveLength(1);
  });

  it('follows the SDK’s singleton: later callbacks replace earlier ones, absent ones keep them', () => {
    const { NIM, fake, events } = setupInstrumented();
    const calls: string[] = [];
    const nim = NIM.getInstance({
      account: 'alice',
      token: 't',
      onconnect: () => calls.push('first onconnect'),
      ondisconnect: () => calls.push('first ondisconnect'),
    });
    NIM.getInstance({ account: 'alice', token: 't', onconnect: () => calls.push('second onconnect') });
    fake.fire(nim, 'onconnect', {});
    fake.fire(nim, 'ondisconnect', { code: 'logout' });
    expect(calls).toEqual(['second onconnect', 'first ondisconnect']);
    expect(events('sdk.connect')).toHaveLength(1);
    expect(events('sdk.disconnect')).toHaveLength(1);
  });
});
