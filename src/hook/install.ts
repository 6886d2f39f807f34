/**
 * Puts the whole page hook in place, synchronously, at document_start: the core, the WebSocket wrapper, the
 * NIM instrumentation, the page API and the channel to the relay. Nothing here may throw into the page.
 */
import type { RelayToHook } from '../model/protocol';
import { redactUrl } from '../model/redact-url';
import { recordingEnvelope } from '../recording/envelope';
import type { Recording } from '../recording/format';
import { createLinkWatch } from '../wire/reader';
import { createHookCore, type HookCore } from './core';
import { createFunctionMask } from './function-mask';
import { instrumentNim } from './nim';
import { hasPageApi, installPageApi, type NimDevtoolsPageApi } from './page-api';
import { connectToRelay } from './transport';
import { instrumentWebSocket, type SocketRegistry } from './websocket';

/** Per document: a long reconnect storm fits; memory stays a few MB at most. */
const RING_CAPACITY = 10_000;

export interface InstallOptions {
  /** The extension's version, reported by the page API and in recordings. */
  version: string;
  /** False for a page API without the extension's relay (e.g. a test harness injecting the hook). */
  relay?: boolean;
}

export function installHook(win: Window & typeof globalThis, options: InstallOptions): HookCore | undefined {
  // Twice in one document (an extension reload, or a test injecting the hook too): the first one stays.
  if (hasPageApi(win)) return undefined;
  const core = createHookCore({ capacity: RING_CAPACITY });
  const mask = core.guard('mask', () => createFunctionMask(win), undefined);
  const nim = core.guard('nim', () => instrumentNim(win, core, { disguise: mask?.disguise }), undefined);
  // Every URL the hook reports loses its credentials, and the tokens the SDK was given wherever they stand.
  const urlWithoutSecrets = (url: string) => redactUrl(url, nim?.knownSecrets() ?? {});
  const pageUrl = () => urlWithoutSecrets(win.location.href);
  const link = core.guard(
    'link',
    () =>
      createLinkWatch(win, core, {
        apiInstanceFor: (account) =>
          nim?.instances().find((instance) => !instance.destroyed && instance.account === account)?.id,
      }),
    undefined,
  );
  const sockets = core.guard(
    'websocket',
    () =>
      instrumentWebSocket(win, core, {
        mask,
        link,
        redactUrl: urlWithoutSecrets,
        ownerOf: (socket) => nim?.currentInstanceId() ?? nim?.ownerOfSocket(socket),
      }),
    undefined,
  );

  const api: NimDevtoolsPageApi<Recording> = {
    version: options.version,
    register: (sdk) => core.guard('register', () => nim?.register(sdk), undefined),
    recording: () =>
      recordingEnvelope({
        events: core.events(),
        page: { url: pageUrl(), userAgent: win.navigator.userAgent, title: win.document.title || undefined },
        tool: { name: 'nim-devtools', version: options.version },
        exportedAt: new Date(),
      }),
    events: () => core.events(),
    subscribe: (listener) => core.subscribe(listener),
    drop: (target) => sockets?.faults.drop(target ?? {}, 'page') ?? 0,
    offline: (ms) => sockets?.faults.offline(ms, 'page'),
    stall: (ms, target) => {
      sockets?.faults.stall(ms, target ?? {}, 'page');
    },
  };
  core.guard('page-api', () => installPageApi(win, api), undefined);

  if (options.relay !== false) {
    core.guard(
      'transport',
      () => connectToRelay({ win, core, pageUrl, onCommand: (command) => runCommand(sockets, command) }),
      undefined,
    );
  }
  return core;
}

function runCommand(sockets: SocketRegistry | undefined, command: RelayToHook): void {
  if (!sockets || command.type !== 'fault') return;
  const target = { instanceId: command.instanceId, socketId: command.socketId };
  const durationMs = command.durationMs ?? 0;
  if (command.fault === 'drop') sockets.faults.drop(target, 'panel');
  else if (command.fault === 'offline') sockets.faults.offline(durationMs, 'panel');
  else sockets.faults.stall(durationMs, target, 'panel');
}
