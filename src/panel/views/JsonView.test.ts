import { describe, expect, it } from 'vitest';
import { SHOWN_STRING_LIMIT, shownJson } from './JsonView';

describe('shownJson', () => {
  it('shows a 5 MB string cut, with its length, and everything else as it is', () => {
    const text = 'x'.repeat(5_000_000);
    const shown = shownJson({ kind: 'sdk.log', data: { level: 'debug', text, n: 1 } });
    expect(shown.length).toBeLessThan(SHOWN_STRING_LIMIT + 200);
    expect(shown).toContain(`… [5000000 chars]`);
    expect(JSON.parse(shown).data).toMatchObject({ level: 'debug', n: 1 });
  });

  it('leaves short strings whole', () => {
    expect(shownJson({ a: 'short' })).toBe('{\n  "a": "short"\n}');
  });
});
