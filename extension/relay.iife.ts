/** Content script (ISOLATED world, document_start): the relay between the page hook and the background. */
import browser from 'webextension-polyfill';
import { RELAY_PORT } from '../src/model/protocol';
import { startRelay } from '../src/relay/relay';
import { fromRuntimePort } from './runtime-port';

startRelay({
  window,
  connectBackground: () => fromRuntimePort(browser.runtime.connect({ name: RELAY_PORT })),
});
