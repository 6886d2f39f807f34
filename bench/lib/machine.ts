/** The machine a run was measured on: figures from a shared 2-core box mean little without it. */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Machine {
  cpu: string;
  nproc: number;
  memory: string;
  loadAverage: { start: number[]; end?: number[] };
  node: string;
  chromium: string;
  /** `git rev-parse HEAD` when the run started. */
  commit: string;
  /**
   * Tracked files that differed from `commit` when the run started (`git diff HEAD`), the bench's own generated
   * files left out: the figures describe `commit` only when this is empty.
   */
  uncommitted?: string[];
  /** When the measured `dist/chrome` was built. */
  buildTime: string;
}

export function describeMachine(chromiumPath: string | undefined, buildDir: string): Machine {
  const run = (file: string, args: string[]) => {
    try {
      return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  return {
    cpu: model ?? 'unknown',
    nproc: Number(run('nproc', [])) || cpus().length,
    memory: `${gib(totalmem())} total, ${gib(freemem())} free (free -h: ${run('free', ['-h']).split('\n')[1]?.replace(/\s+/g, ' ')})`,
    loadAverage: { start: loadavg().map(round2) },
    node: process.version,
    chromium: chromiumPath ? run(chromiumPath, ['--version']) : 'Playwright default',
    commit: run('git', ['rev-parse', 'HEAD']),
    uncommitted: uncommittedFiles(run('git', ['diff', '--name-only', 'HEAD'])),
    buildTime: statSync(join(buildDir, 'extension/hook.iife.js')).mtime.toISOString(),
  };
}

/** The bench writes these itself: a run that rewrote them is not dirty for it. */
const GENERATED = new Set(['bench/results.json', 'bench/README.md', 'README.md']);

function uncommittedFiles(changed: string): string[] {
  if (changed === 'unknown') return ['(git diff failed)'];
  return changed.split('\n').filter((path) => path !== '' && !GENERATED.has(path));
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
