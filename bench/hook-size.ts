/**
 * What the hook's size is made of: the hook entry bundled again the way the build does it (rolldown, IIFE,
 * minified) with a source map, and every byte of the minified output attributed to the source module its
 * mapping points into (the method of source-map-explorer). Written to a temp dir; `dist/` is not touched.
 */
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import type { HookSize } from './lib/results';

const ROOT = resolve(import.meta.dirname, '..');

export async function measureHookSize(): Promise<HookSize> {
  const bundle = await rolldown({
    input: resolve(ROOT, 'extension/hook.iife.ts'),
    cwd: ROOT,
    transform: { define: { __EXTENSION_VERSION__: JSON.stringify('0.0.0') } },
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'iife', minify: true, sourcemap: true });
  await bundle.close();
  const chunk = output[0];
  if (!chunk.map) throw new Error('rolldown gave no source map');
  const bytes = attribute(chunk.code, chunk.map.mappings, chunk.map.sources);
  const modules = [...bytes]
    .map(([source, count]) => ({ module: source.replace(`${ROOT}/`, '').replace(/^(\.\.\/)+/, ''), bytes: count }))
    .sort((a, b) => b.bytes - a.bytes);
  return {
    minifiedBytes: Buffer.byteLength(chunk.code),
    gzippedBytes: gzipSync(chunk.code).length,
    modules,
  };
}

/** Output bytes per source file: each mapping segment owns the code up to the next segment on its line. */
function attribute(code: string, mappings: string, sources: readonly string[]): Map<string, number> {
  const lines = code.split('\n');
  const totals = new Map<string, number>();
  const add = (source: string, count: number) => totals.set(source, (totals.get(source) ?? 0) + count);
  let sourceIndex = 0;
  mappings.split(';').forEach((line, lineNumber) => {
    const text = lines[lineNumber] ?? '';
    let column = 0;
    const segments: { column: number; source?: number }[] = [];
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const fields = decodeVlq(segment);
      column += fields[0] as number;
      if (fields.length >= 4) {
        sourceIndex += fields[1] as number;
        segments.push({ column, source: sourceIndex });
      } else segments.push({ column });
    }
    const firstColumn = segments[0]?.column ?? text.length;
    if (firstColumn > 0) add('(unmapped)', Buffer.byteLength(text.slice(0, firstColumn)));
    segments.forEach((segment, i) => {
      const end = segments[i + 1]?.column ?? text.length;
      const owner = segment.source === undefined ? '(unmapped)' : (sources[segment.source] ?? '(unknown)');
      add(owner, Buffer.byteLength(text.slice(segment.column, end)));
    });
  });
  return totals;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Source-map Base64 VLQ: 5 data bits per digit, continuation in bit 6, sign in the lowest bit. */
function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}
