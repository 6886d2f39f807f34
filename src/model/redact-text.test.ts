import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUT_MARK, redactText } from './redact-text';
import { REDACTED } from './secrets';

describe('redactText', () => {
  it('replaces known secrets and their URL-encoded form, longest first', () => {
    expect(redactText('a tok+1/x b tok%2B1%2Fx', { secrets: ['tok+1/x'] })).toBe(`a ${REDACTED} b ${REDACTED}`);
    expect(redactText('abcd abcdef', { secrets: ['abcd', 'abcdef'] })).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('does not search for values shorter than 4 characters', () => {
    expect(redactText('abc 123', { secrets: ['abc'] })).toBe('abc 123');
  });

  it('replaces the value after a secret-named key in JSON, objects and URLs', () => {
    expect(redactText('{"token":"t1","account":"alice"}')).toBe(`{"token":"${REDACTED}","account":"alice"}`);
    expect(redactText("{ token: 't1', password = hunter2 }")).toBe(`{ token: '${REDACTED}', password = ${REDACTED} }`);
    expect(redactText('GET /lbs?id=alice&token=t1&k=1')).toBe(`GET /lbs?id=alice&token=${REDACTED}&k=1`);
    expect(redactText('ws://h/push?access_token=abc#x')).toBe(`ws://h/push?access_token=${REDACTED}#x`);
    expect(redactText('token: null, token: undefined')).toBe('token: null, token: undefined');
    expect(redactText(`token=${REDACTED}&x=1`)).toBe(`token=${REDACTED}&x=1`);
  });

  it('looks inside the values of plain keys (a URL or JSON in a log field)', () => {
    expect(redactText('{"msg":"GET /x?token=t1 ok","url":"/y?pwd=p"}')).toBe(
      `{"msg":"GET /x?token=${REDACTED} ok","url":"/y?pwd=${REDACTED}"}`,
    );
  });

  it('reads JSON written inside a JSON string', () => {
    expect(redactText('{"body":"{\\"token\\":\\"t1\\",\\"a\\":1}"}')).toBe(
      `{"body":"{\\"token\\":\\"${REDACTED}\\",\\"a\\":1}"}`,
    );
  });

  it('hides an unterminated quoted secret to the end', () => {
    expect(redactText('{"token":"abcdef')).toBe(`{"token":"${REDACTED}`);
  });

  it('masks appKeys by value and by key', () => {
    const appKey = '45c6af3c98409b18a84451215d0bdd6e';
    expect(redactText(`Instance init, appkey:${appKey}`, { masked: [appKey] })).toBe('Instance init, appkey:45c6…dd6e');
    expect(redactText(`k appKey=${appKey}`)).toBe('k appKey=45c6…dd6e');
  });

  describe('cutting long text before it is scanned', () => {
    it('keeps maxLength characters and marks the cut', () => {
      expect(redactText('abcdefghij', { maxLength: 4 })).toBe(`abcd${CUT_MARK}`);
      expect(redactText('abcd', { maxLength: 4 })).toBe('abcd');
    });

    it('replaces a known secret that straddles the cut whole', () => {
      const text = `${'x'.repeat(95)} SECRET-TOKEN-123 tail`;
      expect(redactText(text, { secrets: ['SECRET-TOKEN-123'], maxLength: 100 })).toBe(
        `${'x'.repeat(95)} ${REDACTED}${CUT_MARK}`,
      );
    });

    it('replaces a keyed value that straddles the cut whole', () => {
      const text = `${'x'.repeat(90)} token=abcdefghijklmnop&rest`;
      expect(redactText(text, { maxLength: 100 })).toBe(`${'x'.repeat(90)} token=${REDACTED}${CUT_MARK}`);
    });

    it('finds a long secret by its head and hides it as far as it matches', () => {
      const secret = `H${'s'.repeat(5000)}`;
      const out = redactText(`a ${secret} b`, { secrets: [secret] });
      expect(out).toBe(`a ${REDACTED} b`);
      const cut = redactText(`a ${secret} b`, { secrets: [secret], maxLength: 1000 });
      expect(cut).toBe(`a ${REDACTED}${CUT_MARK}`);
    });
  });

  describe('linear time, counted in steps', () => {
    const stepsFor = (text: string, options: Parameters<typeof redactText>[1] = {}) => {
      const meter = { steps: 0 };
      redactText(text, { ...options, meter });
      return meter.steps;
    };

    it.each([
      ['one long word', 'a'.repeat(65_536)],
      ['unterminated quoted values after plain keys', 'a:"'.repeat(20_000)],
      ['unterminated quoted secrets', 'token:"'.repeat(10_000)],
      ['quotes before names', '"a'.repeat(30_000)],
      ['keys without separators', 'token '.repeat(10_000)],
      ['long white space after a key', `token${' '.repeat(60_000)}`],
      ['escaped quotes', '\\"token\\":\\"'.repeat(6_000)],
    ])('%s: at most a few steps per character', (_name, text) => {
      expect(stepsFor(text)).toBeLessThanOrEqual(3 * text.length);
    });

    it('reads no further than the cut and its reach, whatever the length', () => {
      const small = stepsFor('a:"'.repeat(10_000), { maxLength: 4000 });
      const huge = stepsFor('a:"'.repeat(400_000), { maxLength: 4000 });
      expect(huge).toBe(small);
    });
  });

  describe('properties', () => {
    // Filler is lower case and punctuation; secrets are upper case and digits: a run of 8 secret characters in
    // the output can only be a leak.
    const filler = fc.string({ unit: fc.constantFrom(...'abc xyz:="\',&?#{}\\/.-_'.split('')), maxLength: 200 });
    const secretValue = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split('')),
      minLength: 16,
      maxLength: 40,
    });
    const placement = fc.record({
      at: fc.nat(),
      value: secretValue,
      keyed: fc.boolean(),
      // How logs, JSON, objects and URLs write a secret after its key.
      form: fc.constantFrom(
        (v: string) => `token=${v}&`,
        (v: string) => `accessToken: ${v},`,
        (v: string) => `"password":"${v}"`,
        (v: string) => `{pwd: '${v}'}`,
        (v: string) => `?access_token=${v}#`,
        (v: string) => `\\"token\\":\\"${v}\\"`,
      ),
    });
    const leaks = (output: string, value: string) => {
      for (let i = 0; i + 8 <= value.length; i++) if (output.includes(value.slice(i, i + 8))) return true;
      return false;
    };

    it('leaves no secret, known or keyed, anywhere in what it keeps, also across the cut', () => {
      fc.assert(
        fc.property(
          fc.array(filler, { minLength: 1, maxLength: 60 }),
          fc.array(placement, { minLength: 1, maxLength: 6 }),
          fc.integer({ min: 20, max: 5000 }),
          fc.integer({ min: 1, max: 200 }),
          (pieces, placements, maxLength, repeat) => {
            // Stretch the filler so that texts reach hundreds of kilobytes.
            const parts = pieces.map((piece, index) => (index === 0 ? piece.repeat(repeat) : piece));
            const known: string[] = [];
            for (const { at, value, keyed, form } of placements) {
              // A keyed value stands in one of its forms; a known one is found wherever it stands.
              parts.splice(at % (parts.length + 1), 0, keyed ? ` ${form(value)} ` : value);
              if (!keyed) known.push(value);
            }
            const text = parts.join('');
            const output = redactText(text, { secrets: known, maxLength });
            for (const { value } of placements) expect(leaks(output, value)).toBe(false);
            expect(output.length).toBeLessThanOrEqual(maxLength + REDACTED.length + CUT_MARK.length);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('takes steps linear in what it reads for strings up to 1 MB', () => {
      fc.assert(
        fc.property(filler, fc.integer({ min: 1, max: 1_000_000 }), secretValue, (piece, size, secret) => {
          const text = `${piece || 'a'}${secret}`.repeat(Math.ceil(size / (piece.length + secret.length + 1)));
          const meter = { steps: 0 };
          redactText(text, { secrets: [secret], meter });
          // Each known value costs one walk of the text (`indexOf`), the key scan at most three steps a character.
          expect(meter.steps).toBeLessThanOrEqual(6 * text.length);
        }),
        { numRuns: 30 },
      );
    });
  });
});
