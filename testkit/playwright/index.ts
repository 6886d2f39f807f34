/**
 * `nim-devtools/playwright`: a Playwright `test` whose browser runs the NIM DevTools extension, with a
 * `nimDevtools` fixture to assert on what the NIM Web SDK did with its connections. See README.md.
 */

export type { DiagnosticsOptions } from '../../src/diagnostics/engine';
export type { Finding, Localized, PlatformProfile, RuleId, Severity } from '../../src/diagnostics/types';
export type { EventDataByKind, EventKind, NimEvent, NimEventOf } from '../../src/model/events';
export type { FaultTarget } from '../../src/model/protocol';
export type { Recording } from '../../src/recording/format';
export type {
  InstanceConnectionState,
  InstanceRecord,
  SessionState,
  SocketRecord,
  SocketState,
} from '../../src/session/types';
export type { FindingFilter } from './checks';
export { expect, type NimDevtoolsFixtures, type NimDevtoolsOptions, type NimDevtoolsTest, test } from './fixture';
export type {
  NimDevtools,
  NimFaultTarget,
  ReadOptions,
  RecordingOptions,
  Scope,
  WaitOptions,
} from './nim-devtools';
