import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { type Browser, manifestFor } from './scripts/manifest';

/** `vite build --mode chrome|firefox` writes `dist/<browser>/`; both come from the same sources. */
export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    define: { __EXTENSION_VERSION__: JSON.stringify(pkg.version) },
    plugins: [
      preact(),
      crx({
        manifest: manifestFor(browser),
        browser,
      }),
    ],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      // DevTools pages run in current browsers only; no need to down-level.
      target: browser === 'firefox' ? 'firefox128' : 'chrome111',
      rollupOptions: {
        // Pages reached only through `devtools.panels.create` or a link are not discovered by the plugin.
        input: { panel: 'extension/panel.html' },
      },
    },
  };
});
