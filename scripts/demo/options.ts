/** `npm start` options: what the command line says, and whether there is a screen to show a browser on. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface DemoOptions {
  /** No screen (or `--headless`): play the scripted tour and write its files instead of waiting for the user. */
  headless: boolean;
  /** `--no-build`: use `dist/chrome` as it is. */
  build: boolean;
  /** Where the tour writes screenshots and the recording. */
  outDir: string;
  help: boolean;
}

export const USAGE = `Usage: npm start [-- [--headless] [--no-build] [--out <dir>]]

Builds the extension, starts a local fake NIM deployment with a demo page on the real NIM Web SDK, and opens
Chromium with the extension loaded and DevTools on the NIM panel.

  --headless   play a scripted tour in headless Chromium and write screenshots of the panel and a recording
               (the default when there is no display)
  --no-build   skip \`npm run build\` and use dist/chrome as it is
  --out <dir>  where the tour writes its files (default: out/demo)
  --help       this text`;

export function parseDemoOptions(argv: string[], env: NodeJS.ProcessEnv, root: string): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      headless: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  return {
    headless: values.headless || !hasDisplay(env),
    build: !values['no-build'],
    outDir: values.out ? resolve(values.out) : resolve(root, 'out/demo'),
    help: values.help,
  };
}

/** macOS and Windows always have a screen; on Linux and the BSDs a window needs an X11 or Wayland display. */
function hasDisplay(env: NodeJS.ProcessEnv): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
