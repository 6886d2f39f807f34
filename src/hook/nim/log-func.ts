/**
 * The SDK's log lines as `sdk.log` events, through its `logFunc` option (observed in the SDK's source, 8.9 and
 * 9.21 alike):
 * - the logger calls `logFunc[level].apply(logFunc, args)` for `debug` / `log` / `info` / `warn` / `error`,
 *   only if that member is a function, on the *deep clone* the SDK made of the options: an object logFunc
 *   keeps its own enumerable members only (a class instance's prototype methods are never called), a
 *   function logFunc is kept as is, and is never called itself (the typings say `logFunc` is a function:
 *   it then silences the console and receives nothing);
 * - with any truthy `logFunc` the SDK writes nothing to the console; without one it writes to the console
 *   itself (with `%c` styling) when `debug: true` or a `logLevel` is set, and nothing otherwise.
 *
 * The choice, exactness first:
 * - the page gave a logFunc: the hook's stand-in emits each line, then calls what the SDK would have called;
 * - no logFunc and the console is silent (no `debug`, no `logLevel`): an observer-only logFunc is installed.
 *   Nothing reaches the console either way. Cost: the SDK now formats lines it used to drop. With it the SDK
 *   also sends the lines it logs at level `debug` to `logFunc.log`;
 * - no logFunc and the SDK logs to the console: nothing is installed and there are no `sdk.log` events.
 *   Forwarding to the console from the hook would change where DevTools says each line comes from.
 */
import type { LogLevel } from '../../model/events';
import { stringify } from '../../model/intrinsics';
import { READ_PAST_CUT, redactText } from '../../model/redact-text';
import { redact } from '../redact';
import { emitFor, type InstanceTarget, secretsOf } from './callbacks';
import { optionNames, readOption } from './options';
import type { AdapterContext } from './types';

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'log', 'info', 'warn', 'error'];

const MAX_LINE = 4000;

type PageFunction = (...args: unknown[]) => unknown;

/** The hook's `logFunc` for these options, or `undefined` to leave the option as the page gave it. */
export function logFuncOverride(options: object, target: InstanceTarget, context: AdapterContext): object | undefined {
  const page = optionNames(options).includes('logFunc') ? readOption(options, 'logFunc') : undefined;
  if (typeof page === 'function' || (typeof page === 'object' && page !== null)) {
    return chainLogFunc(page, target, context);
  }
  if (page) return undefined; // `logFunc: true`: the console is silenced and nothing is called; keep it so
  return consoleIsSilent(options) ? chainLogFunc(undefined, target, context) : undefined;
}

/** The SDK's rule: `logLevel`, else `"debug"` when `debug` is truthy, else `"off"`. */
function consoleIsSilent(options: object): boolean {
  const logLevel = readOption(options, 'logLevel');
  if (logLevel) return typeof logLevel === 'string' && logLevel.toLowerCase() === 'off';
  return !readOption(options, 'debug');
}

function chainLogFunc(page: object | undefined, target: InstanceTarget, context: AdapterContext): object {
  const emitLine = (level: LogLevel, args: unknown[]) =>
    context.core.guard(
      'nim.logFunc',
      () => emitFor(context, target, 'sdk.log', { level, ...formatLine(args, target) }),
      undefined,
    );
  const callPage = (fn: unknown, thisArg: unknown, args: unknown[]): unknown => {
    if (typeof fn !== 'function') return undefined;
    const frame = { kind: 'page', callback: 'logFunc', instanceId: target.record?.id } as const;
    return context.frames.run(frame, () => Reflect.apply(fn as PageFunction, thisArg, args));
  };
  // What the SDK would have found on its clone: an object's own enumerable members, taken now like the clone.
  const snapshot = typeof page === 'object' ? ownFunctions(page) : undefined;
  const pageMember = (level: LogLevel): unknown => (snapshot ? snapshot.get(level) : page && readOption(page, level));

  // A page function stays a function (an SDK build that calls `logFunc(...)` would still find one).
  const standIn: Record<string, unknown> =
    typeof page === 'function'
      ? (function (this: unknown, ...args: unknown[]) {
          emitLine('log', args);
          return callPage(page, this, args);
        } as unknown as Record<string, unknown>)
      : {};
  for (const level of LOG_LEVELS) {
    standIn[level] = (...args: unknown[]) => {
      emitLine(level, args);
      // The SDK would pass its clone of the page's logFunc as `this`; the page's own object is the nearest.
      return callPage(pageMember(level), page, args);
    };
  }
  return standIn;
}

function ownFunctions(object: object): Map<string, unknown> {
  const members = new Map<string, unknown>();
  for (const key of optionNames(object)) {
    const value = readOption(object, key);
    if (typeof value === 'function') members.set(key, value);
  }
  return members;
}

/**
 * One line of text: the SDK's prefixed message, then its further arguments as redacted JSON, cut at MAX_LINE.
 * Only what can be shown is assembled: a 1 MB message in a debug line is sliced, never copied or scanned.
 */
export function formatLine(
  args: unknown[],
  target: InstanceTarget,
): { text: string; truncated?: boolean; length?: number } {
  const known = secretsOf(target);
  const budget = MAX_LINE + READ_PAST_CUT;
  let line = '';
  let length = 0;
  for (const arg of args) {
    const part =
      typeof arg === 'string'
        ? arg
        : stringify(redact(arg, { ...known, maxDepth: 4, maxNodes: 300, maxString: MAX_LINE }));
    const separator = length === 0 ? '' : ' ';
    length += separator.length + part.length;
    if (line.length >= budget) continue;
    line += separator;
    line += part.length > budget - line.length ? part.slice(0, budget - line.length) : part;
  }
  const text = redactText(line, { ...known, maxLength: MAX_LINE });
  return length > MAX_LINE ? { text, truncated: true, length } : { text };
}
