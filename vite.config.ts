import { fileURLToPath } from 'node:url';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { type Browser, manifestFor } from './scripts/manifest.ts';

const define = { __EXTENSION_VERSION__: JSON.stringify(pkg.version) };

/**
 * `vite build --mode chrome|firefox` writes `dist/<browser>/`; both come from the same sources.
 * `vite build --mode viewer` writes `dist/viewer/`, the recording viewer as a page that needs no extension.
 */
export default defineConfig(({ mode }) => (mode === 'viewer' ? viewerConfig() : extensionConfig(mode)));

function extensionConfig(mode: string): UserConfig {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    define,
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
        input: { panel: 'extension/panel.html', viewer: 'extension/viewer.html' },
      },
    },
  };
}

/**
 * The viewer for a bug report's reader, who may open it from disk: browsers refuse module scripts and
 * `crossorigin` requests from file://, so the page gets one classic script (CSS included) at a relative path.
 */
function viewerConfig(): UserConfig {
  return {
    // The page lands at the top of `outDir`, where `staticViewerPage` names it index.html.
    root: fileURLToPath(new URL('./extension', import.meta.url)),
    base: './',
    publicDir: false,
    define,
    plugins: [preact(), staticViewerPage()],
    build: {
      outDir: fileURLToPath(new URL('./dist/viewer', import.meta.url)),
      emptyOutDir: true,
      // Whatever browser the reader has, a few years back.
      target: 'es2020',
      modulePreload: false,
      rollupOptions: {
        input: fileURLToPath(new URL('./extension/viewer.html', import.meta.url)),
        output: { format: 'iife' },
      },
    },
  };
}

function staticViewerPage(): Plugin {
  return {
    name: 'nim-devtools:static-viewer-page',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['viewer.html'];
      if (page?.type !== 'asset') throw new Error('the viewer build wrote no viewer.html');
      delete bundle['viewer.html'];
      const html = String(page.source)
        .replace(/<script type="module" crossorigin /g, '<script defer ')
        .replace(/ crossorigin(?=[\s>])/g, '');
      this.emitFile({ type: 'asset', fileName: 'index.html', source: html });
    },
  };
}
