import { describe, expect, it } from 'vitest';
import { compressDelays, formatBytes, formatDateTime, formatDuration, formatTime, shortId } from './format';
import { localeFrom, stringsFor } from './i18n';

describe('format', () => {
  it('writes durations the way a reader scans them', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1600)).toBe('1.6 s');
    expect(formatDuration(41_800)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatDuration(-1)).toBe('—');
  });

  it('writes an export time as a local date and time to the second, and an unreadable one as a dash', () => {
    expect(formatDateTime(new Date(2025, 10, 6, 4, 3, 7, 900).getTime())).toBe('2025-11-06 04:03:07');
    expect(formatDateTime(Number.NaN)).toBe('—');
  });

  it('writes bytes in decimal units, like the Network panel', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(18_230)).toBe('18.2 kB');
    expect(formatBytes(3_400_000)).toBe('3.4 MB');
  });

  it('shows relative times from the first event, never negative', () => {
    expect(formatTime(10_500, 10_000, 'relative')).toBe('+0.500 s');
    expect(formatTime(9_000, 10_000, 'relative')).toBe('+0.000 s');
    expect(formatTime(new Date(2025, 0, 1, 14, 3, 7, 120).getTime(), 0, 'absolute')).toBe('14:03:07.120');
  });

  it('folds the SDK backoff into runs: 8 s forever reads as one entry', () => {
    expect(compressDelays([1600, 3200, 6400, 8000, 8000, 8000])).toBe('1.6 s, 3.2 s, 6.4 s, 8.0 s ×3');
    expect(compressDelays([1, 2, 3, 4, 5, 6, 7, 8])).toBe('1 ms, 2 ms, 3 ms, 4 ms, 5 ms, 6 ms, …');
  });

  it('shortens hook ids to what follows the document token', () => {
    expect(shortId('k3j9x-i12')).toBe('i12');
    expect(shortId('plain')).toBe('plain');
  });
});

describe('i18n', () => {
  it('reads Simplified Chinese for any zh UI language, English otherwise', () => {
    expect(localeFrom('zh-CN')).toBe('zh');
    expect(localeFrom('zh')).toBe('zh');
    expect(localeFrom('zh-TW')).toBe('zh');
    expect(localeFrom('en-US')).toBe('en');
    expect(localeFrom('de')).toBe('en');
    expect(localeFrom(undefined)).toBe('en');
  });

  it('has every string in both languages', () => {
    const shape = (value: unknown): unknown =>
      typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]))
        : typeof value;
    expect(shape(stringsFor('zh'))).toEqual(shape(stringsFor('en')));
  });
});
