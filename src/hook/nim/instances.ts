/**
 * The SDK instances the hook has seen, by object identity (a WeakMap: the hook never keeps a page object
 * alive). An instance gets its id the first time `getInstance` hands it out; every later event of that
 * instance carries the id.
 */
import type { SdkFlavour } from '../../model/events';
import { append } from '../../model/intrinsics';
import type { KnownSecrets } from '../../model/redact-text';
import { maskValue } from '../../model/secrets';
import type { HookCore } from '../core';
import type { FoundSecrets } from '../redact';
import { type Fingerprint, optionNames, readOption } from './options';
import type { NimInstanceSummary, SdkAdapter } from './types';

export interface InstanceRecord {
  readonly id: string;
  readonly flavour: SdkFlavour;
  readonly adapter: SdkAdapter;
  /** The hook's guess at the SDK's singleton key (flavour, account, chatroom), see `singletonKey`. */
  key: string | undefined;
  account: string | undefined;
  /** Masked. */
  appKey: string | undefined;
  /** Fingerprints of the options as the SDK merged them over `getInstance` and `setOptions` calls. */
  readonly options: Map<string, string>;
  /** Every secret value this instance was given: scrubbed from its log lines and messages. */
  readonly secrets: Set<string>;
  readonly masked: Set<string>;
  destroyed: boolean;
}

export interface InstanceRegistry {
  create(instance: object, flavour: SdkFlavour, adapter: SdkAdapter): InstanceRecord;
  of(instance: unknown): InstanceRecord | undefined;
  /** The instance not yet destroyed that the SDK would hand out again for this key. */
  liveByKey(key: string): InstanceRecord | undefined;
  /** Records with their instance, for those the page still holds. */
  live(): { record: InstanceRecord; instance: object }[];
  summaries(): NimInstanceSummary[];
  /** Every secret and appKey any instance was given, destroyed ones too: a token must never leak later. */
  knownSecrets(): KnownSecrets;
}

interface Entry {
  record: InstanceRecord;
  ref: { deref(): object | undefined };
}

export function createInstanceRegistry(core: HookCore): InstanceRegistry {
  const byInstance = new WeakMap<object, InstanceRecord>();
  let entries: Entry[] = [];
  /** Every record ever made, also of instances the page dropped: their tokens must stay hidden. */
  const everyRecord: InstanceRecord[] = [];

  function live(): { record: InstanceRecord; instance: object }[] {
    const out: { record: InstanceRecord; instance: object }[] = [];
    entries = entries.filter((entry) => {
      const instance = entry.ref.deref();
      if (instance !== undefined) append(out, { record: entry.record, instance });
      return instance !== undefined;
    });
    return out;
  }

  return {
    create(instance, flavour, adapter) {
      const record: InstanceRecord = {
        id: core.nextId('i'),
        flavour,
        adapter,
        key: undefined,
        account: undefined,
        appKey: undefined,
        options: new Map(),
        secrets: new Set(),
        masked: new Set(),
        destroyed: false,
      };
      byInstance.set(instance, record);
      append(entries, { record, ref: weakRef(instance) });
      append(everyRecord, record);
      return record;
    },
    knownSecrets() {
      const secrets = new Set<string>();
      const masked = new Set<string>();
      for (const record of everyRecord) {
        for (const value of record.secrets) secrets.add(value);
        for (const value of record.masked) masked.add(value);
      }
      return { secrets: [...secrets], masked: [...masked] };
    },
    of(instance) {
      return typeof instance === 'object' && instance !== null ? byInstance.get(instance) : undefined;
    },
    liveByKey(key) {
      return live().find(({ record }) => !record.destroyed && record.key === key)?.record;
    },
    live,
    summaries() {
      return live().map(({ record }) => ({
        id: record.id,
        flavour: record.flavour,
        ...(record.account !== undefined && { account: record.account }),
        ...(record.appKey !== undefined && { appKey: record.appKey }),
        destroyed: record.destroyed,
      }));
    },
  };
}

function weakRef(instance: object): { deref(): object | undefined } {
  // Browsers without WeakRef (before 2020) keep the instance alive: a leak, not a malfunction.
  return typeof WeakRef === 'function' ? new WeakRef(instance) : { deref: () => instance };
}

/**
 * The SDK keeps one instance per `"NIM-account-" + account` (Chatroom: account and chatroomId) and hands it
 * out again until it is destroyed. The hook needs to know *before* calling `getInstance` whether that will
 * happen (see `get-instance.ts`), so it keeps the same key itself.
 */
export function singletonKey(flavour: SdkFlavour, options: object): string {
  const account = String(readOption(options, 'account'));
  return flavour === 'Chatroom' ? `Chatroom|${account}|${String(readOption(options, 'chatroomId'))}` : `NIM|${account}`;
}

/**
 * Merges options given to the SDK (`getInstance`, `setOptions`) into what the hook knows of the instance, and
 * returns the names whose value differs from before (`compare`: only an instance that had options before).
 */
export function noteOptions(
  record: InstanceRecord,
  options: object,
  given: FoundSecrets,
  fingerprint: Fingerprint,
  compare: boolean,
): string[] {
  const changed: string[] = [];
  for (const name of optionNames(options)) {
    const print = fingerprint(readOption(options, name));
    if (compare && record.options.get(name) !== print) append(changed, name);
    record.options.set(name, print);
  }
  for (const secret of given.secrets) record.secrets.add(secret);
  for (const value of given.masked) record.masked.add(value);
  const account = readOption(options, 'account');
  if (typeof account === 'string' || typeof account === 'number') record.account = String(account);
  const appKey = readOption(options, 'appKey');
  if (typeof appKey === 'string') record.appKey = maskValue(appKey);
  return changed;
}
