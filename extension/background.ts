/**
 * Background (service worker in Chrome, event page in Firefox). It holds no state of its own that is not also
 * in `storage.session`, so Chrome may stop it whenever it likes.
 */
import { sessionStorageStore, wireBackground } from './background-wiring';

wireBackground(sessionStorageStore());
