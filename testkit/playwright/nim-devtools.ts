/**
 * The `nimDevtools` fixture: what a NIM developer asks of the extension in a test — the recording, the events,
 * the panel's diagnostics, assertions that read like the bug they catch, and faults to inject — for one page.
 */
import { expect, type Page, test } from '@playwright/test';
import { type DiagnosticsOptions, runDiagnostics } from '../../src/diagnostics/engine';
import type { Finding, RuleId } from '../../src/diagnostics/types';
import type { EventKind, NimEvent, NimEventOf } from '../../src/model/events';
import type { FaultTarget } from '../../src/model/protocol';
import { createRecording } from '../../src/recording/create';
import type { Recording } from '../../src/recording/format';
import { applyEvents, createSession } from '../../src/session/reducer';
import type { InstanceConnectionState, SessionState } from '../../src/session/types';
import {
  currentInstancesOf,
  describeFinding,
  describeSocket,
  type FindingFilter,
  latestInstanceOf,
  lingeringSockets,
  selectFindings,
} from './checks';
import type { PageSession } from './page-session';

/**
 * `tab` (the default): the tab's whole session as the extension stored it, across reloads and navigations —
 * what the panel shows and exports. `document`: only the page's current document, straight from the page hook.
 */
export type Scope = 'tab' | 'document';

export interface ReadOptions {
  scope?: Scope;
}

export interface WaitOptions {
  /** Milliseconds; `nimDevtoolsOptions.timeout` (10 s unless set) by default. */
  timeout?: number;
}

/** Which sockets a fault hits: all of the page's by default, those of an instance or socket, or of an account. */
export type NimFaultTarget = FaultTarget | { account: string };

export interface RecordingOptions extends ReadOptions {
  /** Replace accounts / appKeys by `account-1`, `appkey-1`… as the panel's export can. Tokens are always redacted. */
  redaction?: { maskAccounts?: boolean; maskAppKeys?: boolean };
}

export interface NimDevtools {
  /** The page this fixture reads and drives. */
  readonly page: Page;
  /** A v1 recording (`nim-devtools-recording`), as the panel exports it. */
  recording(options?: RecordingOptions): Promise<Recording>;
  /** Every event, oldest first. */
  events(options?: ReadOptions): Promise<NimEvent[]>;
  /** The events of one kind, oldest first. */
  events<K extends EventKind>(kind: K, options?: ReadOptions): Promise<NimEventOf<K>[]>;
  /** The first event of `kind` (matching `predicate`) in the tab's session, already there or still to come. */
  waitFor<K extends EventKind>(
    kind: K,
    predicate?: (event: NimEventOf<K>) => boolean,
    options?: WaitOptions,
  ): Promise<NimEventOf<K>>;
  /** The session model the panel renders: instances (with their state), sockets, documents, counters. */
  session(options?: ReadOptions): Promise<SessionState>;
  /** The panel's findings, by the same rules (`src/diagnostics`); open-ended checks measure against now. */
  diagnostics(options?: DiagnosticsOptions & ReadOptions): Promise<Finding[]>;
  /** Waits until the latest instance of `account` is in `state` (connecting, connected, reconnecting…). */
  expectState(account: string, state: InstanceConnectionState, options?: WaitOptions): Promise<void>;
  /**
   * Every socket an instance let go of (disconnect, destroy, logout, a final ondisconnect) closes: waits up to
   * `timeout` (2.5 s by default, past the diagnostics' 2 s grace) and fails on sockets still open or closed late.
   */
  expectNoLingeringSockets(options?: WaitOptions): Promise<void>;
  /** Nothing connected again after `kicked` / 417 (the `reconnect-after-kick` rule), so far. */
  expectNoReconnectAfterKick(): Promise<void>;
  /** No findings (errors and warnings by default), so far. */
  expectNoFindings(filter?: FindingFilter): Promise<void>;
  /** Waits for a finding of `rule` and returns the first. */
  expectFinding(rule: RuleId, options?: WaitOptions): Promise<Finding>;
  /** Really closes the matching sockets, so the SDK's own reconnect logic runs. Returns how many were open. */
  drop(target?: NimFaultTarget): Promise<number>;
  /** For `ms`, new sockets fail the way a dead network makes them fail. */
  offline(ms: number): Promise<void>;
  /** Holds the matching sockets' incoming frames for `ms`, then delivers them in order. */
  stall(ms: number, target?: NimFaultTarget): Promise<void>;
  /** Attaches the tab's recording to the test report now (failed tests get one anyway). */
  attachRecording(name?: string): Promise<void>;
  /** The same API for another page of the browser (a second tab of the same account, say). */
  forPage(page: Page): NimDevtools;
}

export interface NimDevtoolsDeps {
  session: PageSession;
  /** The extension's version, for recordings. */
  version: string;
  timeout: number;
  forPage(page: Page): NimDevtools;
}

export const RECORDING_ATTACHMENT = 'nim-devtools-recording.json';
/** A little past the diagnostics' CLOSE_GRACE_MS: a socket still open then is a finding. */
const LINGER_TIMEOUT_MS = 2500;
const POLL_MS = 100;

export function createNimDevtools({ session, version, timeout, forPage }: NimDevtoolsDeps): NimDevtools {
  const read = (options: ReadOptions = {}) =>
    options.scope === 'document' ? session.documentEvents() : session.tabEvents();
  const sessionOf = async (options?: ReadOptions) => {
    const state = createSession();
    applyEvents(state, await read(options));
    return state;
  };
  const findings = async (options: DiagnosticsOptions & ReadOptions = {}) =>
    runDiagnostics(await read(options), { now: Date.now(), ...options });
  const step = <T>(title: string, body: () => Promise<T>) => test.step(title, body, { box: true });

  const faultTarget = async (target: NimFaultTarget | undefined): Promise<FaultTarget[]> => {
    if (target === undefined || !('account' in target)) return [target ?? {}];
    const instances = currentInstancesOf(await sessionOf(), target.account);
    if (instances.length === 0) throw new Error(`nim-devtools: no live instance of account ${target.account}`);
    return instances.map((instance) => ({ instanceId: instance.id }));
  };

  async function events(kindOrOptions?: EventKind | ReadOptions, maybeOptions?: ReadOptions): Promise<NimEvent[]> {
    const kind = typeof kindOrOptions === 'string' ? kindOrOptions : undefined;
    const options = typeof kindOrOptions === 'string' ? maybeOptions : kindOrOptions;
    const all = await read(options);
    return kind === undefined ? all : all.filter((event) => event.kind === kind);
  }

  const api: NimDevtools = {
    page: session.page,

    async recording(options = {}) {
      const snapshot = await session.snapshot();
      const list = options.scope === 'document' ? await session.documentEvents() : await session.tabEvents(snapshot);
      const result = createRecording({
        events: list,
        page: {
          url: snapshot.url,
          userAgent: snapshot.userAgent,
          ...(snapshot.title ? { title: snapshot.title } : {}),
        },
        tool: { name: 'nim-devtools', version },
        exportedAt: new Date(),
        redaction: options.redaction,
      });
      if (!result.ok) throw new Error(`nim-devtools: cannot make a recording: ${result.error.message}`);
      return result.recording;
    },

    events: events as NimDevtools['events'],

    waitFor<K extends EventKind>(
      kind: K,
      predicate: (event: NimEventOf<K>) => boolean = () => true,
      options: WaitOptions = {},
    ) {
      const limit = options.timeout ?? timeout;
      return step(`nimDevtools.waitFor(${kind})`, async () => {
        const deadline = Date.now() + limit;
        for (;;) {
          const ofKind = (await events(kind)) as NimEventOf<K>[];
          const found = ofKind.find(predicate);
          if (found) return found;
          if (Date.now() > deadline) {
            const seen = ofKind.length === 0 ? 'none so far' : `${ofKind.length} so far, none matching the predicate`;
            throw new Error(`nim-devtools: no ${kind} event within ${limit} ms (${seen})`);
          }
          await sleep(POLL_MS);
        }
      });
    },

    session: sessionOf,
    diagnostics: findings,

    expectState(account, state, options = {}) {
      return step(`nimDevtools.expectState(${account}, ${state})`, async () => {
        await expect
          .poll(async () => latestInstanceOf(await sessionOf(), account)?.state ?? 'no instance of this account', {
            message: `state of the NIM instance of ${account}`,
            timeout: options.timeout ?? timeout,
          })
          .toBe(state);
      });
    },

    expectNoLingeringSockets(options = {}) {
      return step('nimDevtools.expectNoLingeringSockets()', async () => {
        await expect
          .poll(
            async () => {
              const state = await sessionOf();
              const lingering = lingeringSockets(state, await findings());
              return [...lingering.closing.map(describeSocket), ...lingering.findings.map(describeFinding)];
            },
            {
              message: 'sockets left open after their NIM instance let go of them',
              timeout: options.timeout ?? LINGER_TIMEOUT_MS,
            },
          )
          .toEqual([]);
      });
    },

    expectNoReconnectAfterKick() {
      return step('nimDevtools.expectNoReconnectAfterKick()', async () => {
        const found = selectFindings(await findings(), { rules: ['reconnect-after-kick'], severity: 'info' });
        expect(found.map(describeFinding), 'connections made again after a kick').toEqual([]);
      });
    },

    expectNoFindings(filter = {}) {
      return step('nimDevtools.expectNoFindings()', async () => {
        expect(selectFindings(await findings(), filter).map(describeFinding), 'nim-devtools findings').toEqual([]);
      });
    },

    expectFinding(rule, options = {}) {
      return step(`nimDevtools.expectFinding(${rule})`, async () => {
        let first: Finding | undefined;
        await expect
          .poll(
            async () => {
              first = (await findings()).find((finding) => finding.rule === rule);
              return first !== undefined;
            },
            { message: `a ${rule} finding`, timeout: options.timeout ?? timeout },
          )
          .toBe(true);
        return first as Finding;
      });
    },

    async drop(target) {
      let dropped = 0;
      for (const each of await faultTarget(target)) dropped += await session.drop(each);
      return dropped;
    },

    offline: (ms) => session.offline(ms),

    async stall(ms, target) {
      for (const each of await faultTarget(target)) await session.stall(ms, each);
    },

    async attachRecording(name = RECORDING_ATTACHMENT) {
      const recording = await api.recording();
      await test.info().attach(name, { body: JSON.stringify(recording, null, 2), contentType: 'application/json' });
    },

    forPage,
  };
  return api;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
