export {
  type CodeExplanation,
  explainDisconnect,
  isKickCode,
  normalizeCode,
} from '../nim/codes';
export { DOCS_HOME } from '../nim/docs';
export { DiagnosticsEngine, type DiagnosticsOptions, runDiagnostics } from './engine';
export { formatDuration, MAX_EVIDENCE } from './finding';
export { type FindingGroup, groupFindings, SEVERITY_ORDER, sortGroups } from './group';
export { RULES } from './rules';
export { KICK_RELOGIN_WINDOW_MS } from './rules/reconnect-after-kick';
export { STORM_MIN_ATTEMPTS, STORM_WINDOW_MS } from './rules/reconnect-storm';
export { SOCKET_BUDGETS, type SocketBudget } from './rules/socket-budget';
export { CLOSE_GRACE_MS, DONE_GRACE_MS } from './rules/socket-open-after-disconnect';
export * from './types';
