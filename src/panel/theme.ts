/**
 * The panel follows the DevTools theme. Hosts report it differently: Chrome's `devtools.panels.themeName` is
 * `'default'` or `'dark'`, Firefox's `'light'`, `'dark'` or `'firebug'`; a page outside DevTools (the panel
 * opened as a tab, the standalone viewer) has only `prefers-color-scheme`.
 */
export type Theme = 'light' | 'dark';

export function themeFromDevtools(themeName: string | undefined): Theme {
  return themeName === 'dark' ? 'dark' : 'light';
}

/** Follows `prefers-color-scheme` live; returns the unsubscribe function. */
export function followColorScheme(win: Window, apply: (theme: Theme) => void): () => void {
  const query = win.matchMedia('(prefers-color-scheme: dark)');
  const update = () => apply(query.matches ? 'dark' : 'light');
  update();
  query.addEventListener('change', update);
  return () => query.removeEventListener('change', update);
}
