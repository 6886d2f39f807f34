import { describe, expect, it } from 'vitest';
import { rewriteDeclaration } from './declaration-extensions';

describe('rewriteDeclaration', () => {
  const files = new Set(['/t/src/model/events.d.ts', '/t/src/diagnostics/index.d.ts', '/t/testkit/browser.d.ts']);
  const exists = (path: string) => files.has(path);

  it('gives relative imports the extension Node’s ESM resolution needs, and leaves packages alone', () => {
    const text = [
      "import type { NimEvent } from '../../src/model/events';",
      "export { runDiagnostics } from '../../src/diagnostics';",
      "export * from '../browser';",
      'type A = import("../../src/model/events").EventKind;',
      "import { test } from '@playwright/test';",
      "export * from './already.js';",
    ].join('\n');
    expect(rewriteDeclaration('/t/testkit/playwright/index.d.ts', text, exists)).toBe(
      [
        "import type { NimEvent } from '../../src/model/events.js';",
        "export { runDiagnostics } from '../../src/diagnostics/index.js';",
        "export * from '../browser.js';",
        'type A = import("../../src/model/events.js").EventKind;',
        "import { test } from '@playwright/test';",
        "export * from './already.js';",
      ].join('\n'),
    );
  });

  it('refuses an import it cannot find a declaration for', () => {
    expect(() => rewriteDeclaration('/t/x/index.d.ts', "export * from './missing';", exists)).toThrow(/missing/);
  });
});
