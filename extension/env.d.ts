/** Replaced at build time by vite.config.ts with package.json's version. */
declare const __EXTENSION_VERSION__: string;
