import type { Rule } from '../types';
import { allAttemptsFailedThenReconnect } from './all-attempts-failed-then-reconnect';
import { callBeforeDestroyDone } from './call-before-destroy-done';
import { connectInCallback } from './connect-in-callback';
import { disconnectCode } from './disconnect-code';
import { reconnectAfterKick } from './reconnect-after-kick';
import { reconnectStorm } from './reconnect-storm';
import { silentOptionChange } from './silent-option-change';
import { socketBudget } from './socket-budget';
import { socketOpenAfterDisconnect } from './socket-open-after-disconnect';
import { twoTabsKicking } from './two-tabs-kicking';
import { unexpectedLogin } from './unexpected-login';

export const RULES: readonly Rule[] = [
  socketOpenAfterDisconnect,
  callBeforeDestroyDone,
  socketBudget,
  reconnectStorm,
  connectInCallback,
  reconnectAfterKick,
  allAttemptsFailedThenReconnect,
  silentOptionChange,
  twoTabsKicking,
  disconnectCode,
  unexpectedLogin,
];
