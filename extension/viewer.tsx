/**
 * The standalone recording viewer: the panel's views over a file, read-only. It uses no extension API, so the
 * same page ships inside the extension (`extension/viewer.html`) and as a static page (`dist/viewer/index.html`,
 * `npm run build:viewer`) that a bug report's reader opens from disk. Language and theme come from the browser.
 */
import { render } from 'preact';
import { localeFrom } from '../src/panel/i18n';
import { followColorScheme, type Theme } from '../src/panel/theme';
import { Shell } from '../src/panel/views/Shell';

const followTheme = (apply: (theme: Theme) => void) => followColorScheme(window, apply);

const root = document.getElementById('app');
if (root) {
  render(
    <Shell
      locale={localeFrom(navigator.language)}
      tool={{ name: 'nim-devtools', version: __EXTENSION_VERSION__ }}
      followTheme={followTheme}
    />,
    root,
  );
}
