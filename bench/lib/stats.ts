/** Robust summaries of repeated timings: the machine is shared, so medians and spreads, never a single run. */

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** First and third quartile (linear interpolation between closest ranks). */
  q1: number;
  q3: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
  };
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (position - below);
}

/**
 * Runs `a` and `b` alternately, `reps` times each after `warmup` discarded pairs, swapping which goes first
 * every pair (A B, B A, A B …) so that neither side always runs right after the other. Returns both sample lists.
 */
export async function alternate<T>(
  reps: number,
  warmup: number,
  a: () => Promise<T>,
  b: () => Promise<T>,
): Promise<{ a: T[]; b: T[] }> {
  const result = { a: [] as T[], b: [] as T[] };
  for (let i = 0; i < warmup + reps; i++) {
    const first = i % 2 === 0 ? 'a' : 'b';
    const order = first === 'a' ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const side of order) {
      const value = await (side === 'a' ? a() : b());
      if (i >= warmup) result[side].push(value);
    }
  }
  return result;
}

/** Median of B divided by median of A, plus the spread of the per-pair ratios (pairs are adjacent runs). */
export function ratio(a: readonly number[], b: readonly number[]): { ratio: number; pairs: Summary } {
  const pairs = a.map((value, i) => (b[i] as number) / value);
  return { ratio: summarize(b).median / summarize(a).median, pairs: summarize(pairs) };
}

/**
 * Runs every one of `runs` once per round, `reps` rounds after `warmup` discarded ones, starting each round
 * one further along (A B C, B C A, C A B …) so that no run always follows the same other. Samples per run.
 */
export async function rotate<T>(reps: number, warmup: number, runs: readonly (() => Promise<T>)[]): Promise<T[][]> {
  const samples = runs.map(() => [] as T[]);
  for (let round = 0; round < warmup + reps; round++) {
    for (let k = 0; k < runs.length; k++) {
      const index = (round + k) % runs.length;
      const value = await (runs[index] as () => Promise<T>)();
      if (round >= warmup) samples[index]?.push(value);
    }
  }
  return samples;
}
