/**
 * A second `getInstance` for an account that already has an instance. The SDK hands back the same object
 * (a singleton per account), merges the new options into it, and the new call's callbacks replace the old
 * ones — silently: code that relied on the first call's `onmsg` or `ondisconnect` no longer runs. Flagged
 * when the hook saw options differ (`changed`), with the old and new values.
 */
import type { Json, NimEvent } from '../../model/events';
import { GET_INSTANCE_SINGLETON_DOC } from '../../nim/docs';
import type { GetInstanceRecord, SessionState } from '../../session/types';
import { describeInstance, makeFinding } from '../finding';
import type { Finding, Localized, Rule, RuleAnalyzer } from '../types';

/** How much of one option value a finding shows. */
const VALUE_CHARS = 40;

export const silentOptionChange: Rule = {
  id: 'silent-option-change',
  severity: 'warning',
  title: { en: 'getInstance silently changed options', zh: 'getInstance 悄悄修改了配置' },
  explanation: {
    en: 'NIM.getInstance is a singleton per account: a second call returns the same instance, merges its options into it and replaces its callbacks. Keep one getInstance call per account, or change options deliberately with setOptions.',
    zh: 'NIM.getInstance 对同一账号是单例：再次调用会返回同一实例，把新配置合并进去并替换回调函数。请每个账号只调用一次 getInstance，或通过 setOptions 有意地修改配置。',
  },
  doc: GET_INSTANCE_SINGLETON_DOC,
  createAnalyzer: () => new SilentOptionChange(),
};

class SilentOptionChange implements RuleAnalyzer {
  private readonly found: Finding[] = [];

  observe(event: NimEvent, session: SessionState): void {
    if (event.kind !== 'sdk.getInstance' || !event.data.reused || event.data.changed.length === 0) return;
    if (event.instanceId === undefined) return;
    const instance = session.instances.get(event.instanceId);
    const history = instance?.getInstance ?? [];
    // The session already holds this call as the last entry.
    const earlier = history.slice(0, -1);
    const previous = earlier[earlier.length - 1];
    const diff = event.data.changed.map((name) => change(name, lastValue(earlier, name), event.data.options[name]));
    const who = describeInstance(event.instanceId, instance?.account);
    this.found.push(
      makeFinding(silentOptionChange, {
        evidence: previous ? [previous, event] : [event],
        anchor: event,
        instanceId: event.instanceId,
        detail: {
          en: `getInstance was called again for ${who} (seq ${event.seq}) and returned the existing instance with changed options — ${diff.map((d) => d.en).join('; ')}. Its callbacks now replace the earlier ones.`,
          zh: `再次为 ${who} 调用了 getInstance（seq ${event.seq}），返回的是已有实例，且配置被修改——${diff.map((d) => d.zh).join('；')}。新传入的回调已替换之前的回调。`,
        },
      }),
    );
  }

  findings(): Finding[] {
    return this.found;
  }
}

function lastValue(history: GetInstanceRecord[], name: string): Json | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const options = history[i]?.options;
    if (options && name in options) return options[name];
  }
  return undefined;
}

/** `debug: false → true`; a redacted value (a token) only says that it changed. */
function change(name: string, before: Json | undefined, after: Json | undefined): Localized {
  const [from, to] = [show(before), show(after)];
  if (from === to) return { en: `${name} (value hidden)`, zh: `${name}（值已隐藏）` };
  return { en: `${name}: ${from} → ${to}`, zh: `${name}：${from} → ${to}` };
}

function show(value: Json | undefined): string {
  if (value === undefined) return '(unset)';
  const text = JSON.stringify(value);
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS - 1)}…` : text;
}
