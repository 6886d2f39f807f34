import { describe, expect, it } from 'vitest';
import { createFakeSdk, type FakeDriver, setupInstrumented } from './fake-sdk';

const TOKEN = 'tok-5ecret-value';

/** Runs the same page code with and without the hook. */
function both(page: (fake: FakeDriver) => unknown) {
  const plain = createFakeSdk();
  const withoutHook = page(plain);
  const instrumented = setupInstrumented();
  const withHook = page(instrumented.fake);
  return { plain, withoutHook, instrumented, withHook };
}

describe('logFunc', () => {
  it('chains the page’s logFunc object: same lines, and sdk.log events with tokens redacted', () => {
    const { withoutHook, withHook, instrumented } = both((fake) => {
      const received: { level: string; args: unknown[] }[] = [];
      const logFunc = {
        debug: (...args: unknown[]) => received.push({ level: 'debug', args }),
        info: (...args: unknown[]) => received.push({ level: 'info', args }),
      };
      fake.sdk.getInstance({ account: 'alice', token: TOKEN, debug: true, logFunc });
      return received;
    });
    expect(withoutHook).toHaveLength(2);
    expect(withHook).toEqual(withoutHook);
    const logs = instrumented.events('sdk.log');
    expect(logs.map((event) => event.data.level)).toEqual(['info', 'debug']);
    expect(logs[1]?.data.text).toContain('protocol::sendCmd');
    expect(JSON.stringify(instrumented.core.events())).not.toContain(TOKEN);
    expect(instrumented.fake.console.lines).toEqual([]);
  });

  it('does not call what the SDK would not call: prototype methods, a plain function', () => {
    class Logger {
      lines: unknown[] = [];
      info(...args: unknown[]) {
        this.lines.push(args);
      }
    }
    const { withoutHook, withHook, instrumented } = both((fake) => {
      const classLogger = new Logger();
      const memberLines: unknown[] = [];
      let functionCalls = 0;
      const asFunction = Object.assign(() => functionCalls++, { info: (...args: unknown[]) => memberLines.push(args) });
      fake.sdk.getInstance({ account: 'alice', token: 't', debug: true, logFunc: classLogger });
      fake.sdk.getInstance({ account: 'bob', token: 't', debug: true, logFunc: asFunction });
      return {
        classLines: classLogger.lines.length,
        viaMember: memberLines.length,
        functionCalls,
        console: fake.console.lines.length,
      };
    });
    expect(withHook).toEqual(withoutHook);
    expect(withoutHook).toEqual({ classLines: 0, viaMember: 1, functionCalls: 0, console: 0 });
    expect(instrumented.events('sdk.log').length).toBeGreaterThan(0);
  });

  it('installs nothing when the SDK logs to the console itself: the console stays exactly as it was', () => {
    const { plain, instrumented } = both((fake) =>
      fake.sdk.getInstance({ account: 'alice', token: TOKEN, debug: true }),
    );
    expect(plain.console.lines.length).toBeGreaterThan(0);
    expect(instrumented.fake.console.lines).toEqual(plain.console.lines);
    expect(instrumented.events('sdk.log')).toEqual([]);
  });

  it('observes the SDK’s lines when its console is silent, and the console stays silent', () => {
    for (const options of [{}, { debug: true, logLevel: 'off' }]) {
      const { plain, instrumented } = both((fake) => fake.sdk.getInstance({ account: 'a', token: TOKEN, ...options }));
      expect(plain.console.lines).toEqual([]);
      expect(instrumented.fake.console.lines).toEqual([]);
      expect(instrumented.events('sdk.log').map((event) => event.data.level)).toEqual(['info', 'log']);
      expect(JSON.stringify(instrumented.core.events())).not.toContain(TOKEN);
    }
  });

  it('scrubs every token the instance was given, and masks its appKey, in log text', () => {
    const { NIM, events } = setupInstrumented();
    const appKey = '45c6af3c98409b18a84451215d0bdd6e';
    NIM.getInstance({ account: 'alice', appKey, token: TOKEN, logFunc: {} });
    const texts = events('sdk.log').map((event) => event.data.text);
    expect(texts[0]).toContain('appkey:45c6…dd6e');
    expect(texts.join('\n')).not.toContain(TOKEN);
    expect(texts.join('\n')).not.toContain(appKey);
  });

  it('cuts a long line before scanning it, says so, and still hides a token that straddles the cut', () => {
    const instrumented = setupInstrumented();
    const instance = instrumented.fake.sdk.getInstance({ account: 'alice', token: TOKEN, debug: true, logFunc: {} });
    const logger = (instance as unknown as { logger: { write(level: string, ...args: unknown[]): void } }).logger;
    const message = `protocol::sendCmd: ${'m'.repeat(3935)}${TOKEN}${'m'.repeat(1_000_000)}`;
    const header = '[NIM DEBUG 11-26 00:30:12:750 IM]  ';
    // The token starts before the 4,000th character and ends after it.
    expect(header.length + message.indexOf(TOKEN)).toBeLessThan(4000);
    expect(header.length + message.indexOf(TOKEN) + TOKEN.length).toBeGreaterThan(4000);
    logger.write('debug', message);
    const line = instrumented.events('sdk.log').at(-1)?.data;
    expect(line).toMatchObject({ level: 'debug', truncated: true, length: header.length + message.length });
    expect(line?.text.endsWith('[redacted]…')).toBe(true);
    expect(line?.text.length).toBeLessThanOrEqual(4000 + '[redacted]…'.length);
    expect(JSON.stringify(instrumented.core.events())).not.toContain(TOKEN.slice(0, 6));
  });
});
