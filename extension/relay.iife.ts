/**
 * Content script (ISOLATED world, document_start, all frames): the relay between the page hook and the background.
 * It runs in every frame of every site, so it does without webextension-polyfill (22 KB to compile on every first
 * visit, and it reads `chrome.runtime` at load): the one API it needs, `runtime.connect`, is the same in Chrome
 * and Firefox (which also answers to `chrome`), and is reached only once the hook has something to say.
 */
import { RELAY_PORT } from '../src/model/protocol';
import { startRelay } from '../src/relay/relay';
import { fromRuntimePort } from './runtime-port';

startRelay({
  window,
  connectBackground: () => fromRuntimePort(chrome.runtime.connect({ name: RELAY_PORT })),
});
