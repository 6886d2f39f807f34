/**
 * Builds the fixture for the package: one ES module for Node, `dist/playwright/index.js`, with our `src/` code
 * bundled in and `@playwright/test` (a peer dependency) and Node's modules left as imports. Types come from
 * `tsconfig.build.json`. Run with `npm run build:fixture`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  publicDir: false,
  build: {
    ssr: 'testkit/playwright/index.ts',
    outDir: 'dist/playwright',
    emptyOutDir: true,
    target: 'node20',
    // Readable in a user's stack traces, and the functions sent to the page and the service worker keep
    // the source text they were written with.
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'index.js' } },
  },
});
