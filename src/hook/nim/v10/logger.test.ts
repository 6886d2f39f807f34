import { describe, expect, it } from 'vitest';
import { withoutLoginToken } from './logger';

describe('withoutLoginToken', () => {
  it('hides key 1000 of a logged login packet, whatever it holds', () => {
    expect(withoutLoginToken('sendCmd {"Q":[{"1000":"tok\\"en-x","19":"alice"}]}')).toBe(
      'sendCmd {"Q":[{"1000":"[redacted]","19":"alice"}]}',
    );
  });

  it('hides a token cut with its line: not even its start is shown', () => {
    expect(withoutLoginToken('sendCmd {"Q":[{"19":"alice","1000":"tokenprovider-abc…')).toBe(
      'sendCmd {"Q":[{"19":"alice","1000":"[redacted]"',
    );
  });
});
