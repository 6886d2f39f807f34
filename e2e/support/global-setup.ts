import { existsSync } from 'node:fs';

/** The e2e suite tests the built extension, never sources: fail early with the fix if it is missing. */
export default function globalSetup(): void {
  for (const dir of [
    'dist/chrome/manifest.json',
    'dist/firefox/manifest.json',
    'dist/viewer/index.html',
    'dist/playwright/index.js',
  ]) {
    if (!existsSync(dir))
      throw new Error(`${dir} is missing: run \`npm run build\` first (\`npm test\` does it for you).`);
  }
}
