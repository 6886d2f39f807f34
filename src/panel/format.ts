/** Numbers, times and ids as the panel shows them: short, aligned, the way the Network panel writes them. */
import type { CountsByKind } from '../model/events';

export type TimeMode = 'relative' | 'absolute';

/** `+12.345 s` from the session's first event, or the clock time `14:03:07.120`. */
export function formatTime(t: number, origin: number, mode: TimeMode): string {
  if (mode === 'absolute') return formatClock(t);
  const seconds = Math.max(0, t - origin) / 1000;
  return `+${seconds.toFixed(3)} s`;
}

export function formatClock(t: number): string {
  const date = new Date(t);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** `2025-11-26 14:03:07`, local time: a recording's export time, which a reader matches with "around 14:00". */
export function formatDateTime(t: number): string {
  const date = new Date(t);
  if (Number.isNaN(date.getTime())) return '—';
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** `850 ms`, `1.6 s`, `2 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 3600)
    return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  const minutes = Math.floor(totalSeconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** `0 B`, `512 B`, `1.2 kB`, `3.4 MB` (decimal units, as the Network panel). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(1)} GB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `sdk.log 9,990 · ws.traffic 5`: the most first. */
export function formatCountsByKind(byKind: CountsByKind): string {
  return (Object.entries(byKind) as [string, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${formatCount(n)}`)
    .join(' · ');
}

/**
 * Hook ids are `<document token>-i3` / `<document token>-s12`: unique across reloads, but only the tail
 * means anything to a reader. The full id stays in the detail pane and in titles.
 */
export function shortId(id: string): string {
  const dash = id.lastIndexOf('-');
  return dash >= 0 ? id.slice(dash + 1) : id;
}

/** A URL without its scheme's noise for a narrow column: `127.0.0.1:8080/websocket`. */
export function shortUrl(url: string): string {
  return url.replace(/^wss?:\/\//, '');
}

/** `1.6 s, 3.2 s, 8 s ×5`: the SDK's backoff settles on 8 s, repeated for as long as it retries. */
export function compressDelays(delays: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < delays.length) {
    const label = formatDuration(delays[i] as number);
    let run = 1;
    while (i + run < delays.length && formatDuration(delays[i + run] as number) === label) run++;
    parts.push(run > 1 ? `${label} ×${run}` : label);
    i += run;
  }
  const shown = parts.slice(0, 6);
  return parts.length > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}
