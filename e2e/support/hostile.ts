/**
 * Driving e2e/pages/hostile.js (a page that attacks the hook) from a Chromium (Playwright) or a Firefox
 * (puppeteer) page, and judging what the hook recorded of it.
 */
import { expect } from '@playwright/test';
import type { NimEvent } from '../../src/model/events';

/** The builtins hostile.js replaces after the hook installed. */
const SPIED_BUILTINS = [
  'JSON.stringify',
  'Array.prototype.push',
  'Object.defineProperty',
  'MessagePort.prototype.postMessage',
  'EventTarget.prototype.addEventListener',
  'WebSocket.prototype.send',
] as const;

/** The values hostile.js throws at the hook (its `attackValues`), each through every callback and logFunc. */
const ATTACK_VALUES = 13;

/** No event the hook makes of the attack may be larger than this (the largest are redacted option objects). */
export const MAX_EVENT_CHARS = 64 * 1024;

export interface AttackReport {
  /** What the page observed of every attack: must be the same without the extension. */
  observed: Record<string, string>;
  /** With the extension: whether the spies can tell a call from the hook (they see it call a subscriber). */
  callerDetection: boolean | undefined;
  /** Calls of each spied builtin, from anywhere. */
  calls: Record<string, number>;
  /** Calls of each spied builtin made by extension code. */
  fromExtension: Record<string, number>;
  /** What the thieves caught of the hook's channel. */
  stolen: string[];
}

interface HostileWindow {
  app: { loaded: Promise<void> };
  hostile: {
    run(echoUrl: string): Promise<Pick<AttackReport, 'observed' | 'callerDetection'>>;
    report(): Pick<AttackReport, 'calls' | 'fromExtension' | 'stolen'>;
  };
}

/** What both Playwright's and puppeteer's pages offer. */
export interface DrivenPage {
  goto(url: string): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export async function hostileAttack(page: DrivenPage, pageUrl: string, echoUrl: string): Promise<AttackReport> {
  await page.goto(pageUrl);
  await page.evaluate(() => (window as unknown as HostileWindow).app.loaded, undefined);
  const run = await page.evaluate((url) => (window as unknown as HostileWindow).hostile.run(url), echoUrl);
  const caught = await page.evaluate(() => (window as unknown as HostileWindow).hostile.report(), undefined);
  return { ...run, ...caught };
}

/**
 * The page saw what it sees without the extension (`without`), and the hook stayed out of its way: the spies saw
 * the page's own calls but none from the hook (which they can tell), and the thieves caught nothing.
 */
export function expectUnharmed(
  withHook: AttackReport & { callbacks: string[] },
  without: AttackReport & { callbacks: string[] },
): void {
  expect(withHook.observed).toEqual(without.observed);
  expect(withHook.callbacks).toEqual(without.callbacks);
  expect(withHook.callbacks).toContain('onconnect');
  expect(withHook.callerDetection).toBe(true);
  for (const name of SPIED_BUILTINS) expect(withHook.calls[name], name).toBeGreaterThan(0);
  expect(withHook.fromExtension).toEqual({});
  expect(without.stolen).toEqual([]);
  expect(withHook.stolen).toEqual([]);
}

export function expectBoundedEvents(events: NimEvent[]): void {
  for (const event of events) {
    const size = JSON.stringify(event).length;
    expect(size, `${event.kind} #${event.seq}`).toBeLessThanOrEqual(MAX_EVENT_CHARS);
  }
  expect(JSON.stringify(events)).not.toContain('s3cr3t');
}

/** Every callback and log line of the fake SDK's instance became an event; hook errors stayed few. */
export function expectAttackReported(events: NimEvent[]): void {
  const instanceId = events.find(
    (event) => event.kind === 'sdk.getInstance' && event.data.account === 'mallory',
  )?.instanceId;
  expect(instanceId).toBeDefined();
  const count = (kind: NimEvent['kind']) =>
    events.filter((event) => event.kind === kind && event.instanceId === instanceId).length;
  expect(count('sdk.connect')).toBe(ATTACK_VALUES);
  expect(count('sdk.willReconnect')).toBe(ATTACK_VALUES);
  expect(count('sdk.disconnect')).toBe(ATTACK_VALUES);
  expect(count('sdk.error')).toBe(ATTACK_VALUES);
  expect(count('sdk.log')).toBe(2 * ATTACK_VALUES);
}
