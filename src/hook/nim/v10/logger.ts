/**
 * The v10 SDK's log lines as `sdk.log` events.
 *
 * Its `Logger` (one per client, `nim.logger`) formats each line once with `formatArgs(args, name)` and then
 * stores it (IndexedDB `nim-logs`: error / warn / log lines even at `debugLevel: 'off'`) and/or hands it to
 * `loggerConfig.logFunc[level]` or the console, by level. The hook observes `formatArgs`, replaced once on the
 * Logger prototype: it sees every line the SDK produces, whichever way it goes, with what reaches the console,
 * the page's logFunc and IndexedDB unchanged (v9 needs an observer logFunc for that; here the SDK formats the
 * lines anyway). The line's level comes from the strategy name the SDK prints (`debg`, `info`, `warn`, `erro`).
 *
 * At `debugLevel: 'debug'` the login request is logged as JSON with the token under Property key 1000: known
 * tokens are scrubbed by value (`formatLine`), and key 1000 of a login packet is scrubbed whatever it holds
 * (a token from `tokenProvider` is never seen by the hook).
 */
import type { LogLevel } from '../../../model/events';
import { REDACTED } from '../../../model/secrets';
import { emitFor, type InstanceTarget } from '../callbacks';
import { formatLine } from '../log-func';
import type { AdapterContext } from '../types';
import { type AnyFunction, type ReplacedMethods, replaceMethod } from './prototype-method';

const LEVEL_OF_NAME: Record<string, LogLevel> = { debg: 'debug', info: 'log', warn: 'warn', erro: 'error' };

/**
 * `"1000":"<token>"` in the JSON of a logged login packet (2_3 in V1, 26_3 in V2); also when the line was cut
 * inside the token (no closing quote before the end), so that not even its start is shown.
 */
const LOGIN_TOKEN = /"1000":"(?:[^"\\]|\\.)*(?:"|$)/g;

/** Which client each Logger belongs to (a WeakMap: the hook keeps no logger alive). */
export type LoggerOwners = WeakMap<object, InstanceTarget>;

export function observeLogger(
  logger: object,
  target: InstanceTarget,
  owners: LoggerOwners,
  replaced: ReplacedMethods,
  context: AdapterContext,
): void {
  owners.set(logger, target);
  replaceMethod(
    logger,
    'formatArgs',
    replaced,
    context,
    (original: AnyFunction) =>
      function (this: unknown, ...args: unknown[]): unknown {
        const line = Reflect.apply(original, this, args);
        const owner = typeof this === 'object' && this !== null ? owners.get(this) : undefined;
        if (owner && typeof line === 'string') {
          context.core.guard('nim.v10.log', () => emitLine(context, owner, args[1], line), undefined);
        }
        return line;
      },
  );
}

function emitLine(context: AdapterContext, target: InstanceTarget, name: unknown, line: string): void {
  const level = (typeof name === 'string' && LEVEL_OF_NAME[name]) || 'log';
  const formatted = formatLine([line], target);
  emitFor(context, target, 'sdk.log', {
    level,
    ...formatted,
    text: withoutLoginToken(formatted.text),
  });
}

export function withoutLoginToken(line: string): string {
  return line.replace(LOGIN_TOKEN, `"1000":"${REDACTED}"`);
}
