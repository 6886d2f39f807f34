/** `bench/results.json`: what one full run measured, where, and on which code. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Machine } from './machine';
import type { Row } from './report';

export const RESULTS_PATH = resolve(import.meta.dirname, '../results.json');

export interface ModuleSize {
  module: string;
  bytes: number;
}

export interface HookSize {
  minifiedBytes: number;
  gzippedBytes: number;
  modules: ModuleSize[];
}

export interface BenchResults {
  startedAt: string;
  durationS: number;
  machine: Machine;
  /** The browser's command line, shared by both browsers but for `--load-extension` (older runs lack it). */
  browserFlags?: string[];
  reps: Record<string, number>;
  workload: Record<string, unknown>;
  rows: Row[];
  hookModules?: HookSize;
}

export function readResults(): BenchResults {
  return JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) as BenchResults;
}

export function writeResults(results: BenchResults): void {
  writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
}
