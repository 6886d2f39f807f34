import { describe, expect, it } from 'vitest';
import { BLOCK_BEGIN, BLOCK_END, renderDocs, replaceBlock } from './docs';
import type { Row } from './report';
import type { BenchResults } from './results';
import { summarize } from './stats';

const ratioRow: Row = {
  suite: 'page',
  name: 'burst, 30,000 text frames',
  unit: 'ms',
  kind: 'ratio',
  without: summarize([100, 102, 98, 101]),
  with: summarize([101, 103, 99, 100]),
  value: 1.0041,
  spread: summarize([0.99, 1.0, 1.01, 1.02]),
  target: '≤ ×1.01',
  ok: true,
};
const cpuRow: Row = { ...ratioRow, name: '  same runs, main-thread CPU', value: 1.0234, target: '≤ ×1.01', ok: false };
const infoRow: Row = {
  suite: 'install',
  name: 'relay | evaluate',
  unit: 'ms',
  kind: 'value',
  value: 0.4567,
  target: '',
  note: 'traced',
};

function results(overrides: Partial<BenchResults['machine']> = {}): BenchResults {
  return {
    startedAt: '2026-12-03T18:00:00.000Z',
    durationS: 600,
    machine: {
      cpu: 'Test CPU',
      nproc: 2,
      memory: '',
      loadAverage: { start: [1.5, 1, 1], end: [2.25, 1, 1] },
      node: 'v20.20.2',
      chromium: 'Chromium 156.0 built on Debian',
      commit: '0123456789abcdef0123456789abcdef01234567',
      uncommitted: [],
      buildTime: '',
      ...overrides,
    },
    browserFlags: ['--headless', '--no-sandbox'],
    reps: {},
    workload: {},
    rows: [ratioRow, cpuRow, infoRow],
    hookModules: {
      minifiedBytes: 3000,
      gzippedBytes: 1200,
      modules: [
        { module: 'src/hook/nim/methods.ts', bytes: 1500 },
        { module: 'src/hook/core.ts', bytes: 1000 },
        { module: 'src/hook/nim/globals.ts', bytes: 500 },
      ],
    },
  };
}

describe('renderDocs', () => {
  it('puts every figure with a target in the README, from the results and nothing else', () => {
    const { readme } = renderDocs(results());
    expect(readme).toContain('| page: burst, 30,000 text frames | ×1.004 | 0.998–1.01 (0.990–1.02) | ≤ ×1.01 | ok |');
    expect(readme).toContain('| ↳ same runs, main-thread CPU | ×1.023 |');
    expect(readme).toContain('| **miss** |');
    expect(readme).not.toContain('relay');
  });

  it('lists every row in bench/README with both sides, its note, and escapes table pipes', () => {
    const { bench } = renderDocs(results());
    expect(bench).toContain('| page: burst, 30,000 text frames | 101 ms | 101 ms | ×1.004 |');
    expect(bench).toContain('| install: relay \\| evaluate |  |  | 0.457 ms |');
    expect(bench).toContain('- install: relay | evaluate: traced');
  });

  it('says which commit was measured and whether the tree differed', () => {
    expect(renderDocs(results()).readme).toContain('commit `0123456789ab`, nothing uncommitted');
    const dirty = renderDocs(results({ uncommitted: ['src/hook/core.ts'] })).readme;
    expect(dirty).toContain('**plus uncommitted changes** to `src/hook/core.ts`');
    expect(renderDocs(results({ uncommitted: undefined })).readme).toContain('was not recorded');
  });

  it('gives the machine, its load and the shared browser flags', () => {
    const { readme } = renderDocs(results());
    expect(readme).toContain(
      'Test CPU, 2 cores, Node 20.20.2, Chromium 156.0 headless; load average 1.5 at the start, 2.25 at the end',
    );
    expect(readme).toContain('`--headless --no-sandbox`');
  });

  it("sums the hook's bytes by folder, largest first", () => {
    const { bench } = renderDocs(results());
    expect(bench).toContain('3,000 B minified, 1,200 B gzipped');
    const nim = bench.indexOf('| `src/hook/nim` | 2,000 | methods 1,500, globals 500 |');
    const hook = bench.indexOf('| `src/hook` | 1,000 | core 1,000 |');
    expect(nim).toBeGreaterThan(-1);
    expect(hook).toBeGreaterThan(nim);
  });
});

describe('replaceBlock', () => {
  const file = `# Title\n\nprose\n\n${BLOCK_BEGIN}\nold figures\n${BLOCK_END}\n\nmore prose\n`;

  it('replaces only what stands between the markers, and can run again', () => {
    const once = replaceBlock(file, 'new figures');
    expect(once).toBe(`# Title\n\nprose\n\n${BLOCK_BEGIN}\nnew figures\n${BLOCK_END}\n\nmore prose\n`);
    expect(replaceBlock(once, 'new figures')).toBe(once);
  });

  it('refuses a file without the block', () => {
    expect(() => replaceBlock('# no block', 'x')).toThrow(/block/);
  });
});
