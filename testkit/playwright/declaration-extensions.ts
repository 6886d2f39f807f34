/**
 * Gives the relative imports of the emitted declarations their `.js` / `/index.js`, as Node's ESM resolution
 * (TypeScript's `node16` / `nodenext`) requires in a `"type": "module"` package. Our sources import without
 * extensions (`moduleResolution: bundler`); without this a user type-checking with `nodenext` would see the
 * fixture's types as `any`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const RELATIVE_SPECIFIER = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\2/g;

export function withExtension(fromFile: string, specifier: string, exists: (path: string) => boolean): string {
  if (/\.(js|json)$/.test(specifier)) return specifier;
  const base = join(dirname(fromFile), specifier);
  if (exists(`${base}.d.ts`)) return `${specifier}.js`;
  if (exists(join(base, 'index.d.ts'))) return `${specifier}/index.js`;
  throw new Error(`${fromFile}: no declaration for ${specifier}`);
}

export function rewriteDeclaration(file: string, text: string, exists: (path: string) => boolean): string {
  return text.replace(
    RELATIVE_SPECIFIER,
    (_, keyword: string, quote: string, specifier: string) =>
      `${keyword}${quote}${withExtension(file, specifier, exists)}${quote}`,
  );
}

/** Rewrites every `.d.ts` under `dir` in place. */
export function addDeclarationExtensions(dir: string): void {
  for (const file of declarationFiles(dir)) {
    writeFileSync(file, rewriteDeclaration(file, readFileSync(file, 'utf8'), existsSync));
  }
}

function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return declarationFiles(path);
    return entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
