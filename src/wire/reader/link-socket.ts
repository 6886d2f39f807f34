/**
 * One NIM link socket read frame by frame: a candidate (its URL looked like a link) until its first NIM frame out
 * is a login request, then a confirmed link whose lifecycle commands become events. Anything else demotes it:
 * the socket's `link` becomes null and its frames cost nothing again.
 *
 * Who the events belong to: the socket's owner when the SDK's API is instrumented (the instance `ownerOf` found,
 * or the instrumented instance with the login's account); the wire then adds only what the API does not say
 * (failed replies to other commands, heartbeats) and never makes a second instance. Otherwise the wire's own instance for the
 * login's account (`wire-instances.ts`), driven by the login reply, the kick, the logout and the socket's close.
 */
import type { EventDataByKind, EventIds, EventSink } from '../../model/events';
import { maskValue } from '../../model/secrets';
import { withoutUndefined } from '../../model/without-undefined';
import {
  clientTypeName,
  decodeLinkFrame,
  kickReasonName,
  type LinkDirection,
  type LinkMessage,
  type LoginRequest,
} from '..';
import type { WireInstance, WireInstances } from './wire-instances';

/** Socket.io frames (`1::`, `2::`) the SDK may send before its login; past this many the socket is not a link. */
const MAX_FRAMES_BEFORE_LOGIN = 8;
/** Failed replies reported per socket: a server failing every chat message must not flood the buffer. */
const MAX_FAILED_REPORTS = 50;

export interface LinkSocket {
  frame(data: unknown, direction: LinkDirection): void;
  closed(): void;
}

export interface LinkContext {
  core: EventSink;
  instances: WireInstances;
  /** The instance the SDK's instrumented API knows for this account, if any. */
  apiInstanceFor(account: string): string | undefined;
  /** The page realm's constructors, captured at install: reading a frame calls no page code. */
  ArrayBuffer: typeof ArrayBuffer;
  Uint8Array: typeof Uint8Array;
}

type Owner = { via: 'api'; instanceId: string } | { via: 'wire'; instance: WireInstance };
type FailedReply = Extract<LinkMessage, { type: 'failed' }>;

/** What the reader needs of the socket's record: its ids (it sets the owner), its heartbeat count, its reader slot. */
export interface LinkTarget {
  readonly socketId: string;
  instanceId: string | undefined;
  ids: EventIds;
  heartbeats: number;
  link: LinkSocket | null;
}

export function createLinkSocket(tracked: LinkTarget, context: LinkContext): LinkSocket {
  const { core } = context;
  let confirmed = false;
  let framesBeforeLogin = 0;
  let failedReports = 0;
  let owner: Owner | undefined;

  function demote(): void {
    tracked.link = null;
  }

  function readable(data: unknown): string | Uint8Array | undefined {
    if (typeof data === 'string') return data;
    if (data instanceof context.ArrayBuffer) return new context.Uint8Array(data);
    if (data instanceof context.Uint8Array) return data;
    // A Blob (binaryType 'blob') cannot be read synchronously; the SDK asks for array buffers.
    return undefined;
  }

  /** True once the socket's first NIM frame out is a login; anything else first demotes the socket. */
  function confirms(data: string | Uint8Array, message: LinkMessage | undefined): message is LinkMessage {
    if (message?.type === 'login') {
      confirmed = true;
      return true;
    }
    if (!isSocketIoControl(data) || ++framesBeforeLogin > MAX_FRAMES_BEFORE_LOGIN) demote();
    return false;
  }

  /** The ids of this socket's events from now on; later events (traffic, close) then name the owner too. */
  function adopt(instanceId: string): void {
    if (tracked.instanceId !== undefined) return;
    tracked.instanceId = instanceId;
    tracked.ids = { socketId: tracked.socketId, instanceId };
  }

  function login(request: LoginRequest): void {
    const account = request.account ?? '';
    const apiId = tracked.instanceId ?? context.apiInstanceFor(account);
    if (apiId !== undefined) {
      owner = { via: 'api', instanceId: apiId };
    } else {
      const appKey = request.appKey === undefined ? undefined : maskValue(request.appKey);
      const instance = context.instances.login(
        tracked.socketId,
        appKey === undefined ? { account } : { account, appKey },
      );
      owner = { via: 'wire', instance };
    }
    adopt(owner.via === 'api' ? owner.instanceId : owner.instance.id);
  }

  function report(message: LinkMessage): void {
    if (message.type === 'heartbeat') tracked.heartbeats++;
    else if (message.type === 'login') login(message.login);
    else if (owner === undefined) return;
    else if (message.type === 'failed') reportFailure(message);
    else if (owner.via === 'wire') reportLifecycle(message, owner.instance);
    else reportDetail(message);
  }

  /**
   * An instance whose API the hook instruments reports its own lifecycle: the wire adds only what the SDK's
   * callbacks leave out, on the same instance — the login reply's code, and who kicked it and why.
   */
  function reportDetail(message: LinkMessage): void {
    if (message.type === 'loginReply') {
      core.emit('sdk.status', { event: 'login reply', status: String(message.code), via: 'wire' }, tracked.ids);
    } else if (message.type === 'kicked') {
      const { reason, from, custom } = disconnectOf(message) ?? {};
      const detail = withoutUndefined({ from, custom });
      core.emit(
        'sdk.status',
        { event: 'kicked', ...withoutUndefined({ status: reason }), detail, via: 'wire' },
        tracked.ids,
      );
    }
  }

  /** A failed command, which no SDK callback reports: for the wire's instances and the API's alike. */
  function reportFailure(message: FailedReply): void {
    if (++failedReports > MAX_FAILED_REPORTS) return;
    core.emit('sdk.error', { code: message.code, message: message.name, via: 'wire' }, tracked.ids);
  }

  /** The wire's own instance: a login reply connects or ends it, a kick or a logout ends it. */
  function reportLifecycle(message: LinkMessage, instance: WireInstance): void {
    if (instance.socketId !== tracked.socketId || instance.state === 'ended') return;
    if (message.type === 'loginReply' && message.code === 200) {
      instance.state = 'connected';
      const { connectionId, ip, port } = message.session;
      const data = { connectionId, ip, port: port === undefined ? undefined : Number(port) || port };
      core.emit('sdk.connect', { ...withoutUndefined(data), via: 'wire' }, tracked.ids);
      return;
    }
    const ending = disconnectOf(message);
    if (ending === undefined) return;
    instance.state = 'ended';
    core.emit('sdk.disconnect', { ...ending, willReconnect: false, via: 'wire' }, tracked.ids);
  }

  return {
    frame(data, direction) {
      const frame = readable(data);
      if (frame === undefined) return;
      if (!confirmed) {
        // Nothing the server says before the login request matters (socket.io's `1::` handshake).
        if (direction === 'in') return;
        const message = decodeLinkFrame(frame, direction);
        if (confirms(frame, message)) report(message);
        return;
      }
      const message = decodeLinkFrame(frame, direction);
      if (message !== undefined) report(message);
    },
    closed() {
      if (owner?.via !== 'wire') return;
      const { instance } = owner;
      if (instance.socketId !== tracked.socketId) return;
      if (instance.state !== 'connecting' && instance.state !== 'connected') return;
      instance.state = 'lost';
      core.emit('sdk.willReconnect', { via: 'wire' }, tracked.ids);
    },
  };
}

/** A socket.io 0.9 frame other than a message (`0::` … `8::`, not `3:`): what may precede the SDK's login. */
function isSocketIoControl(data: string | Uint8Array): boolean {
  if (typeof data !== 'string' || data[1] !== ':') return false;
  const type = data.charCodeAt(0) - 48;
  return type >= 0 && type <= 8 && type !== 3;
}

/** What the SDK's own `ondisconnect` would say for a refused login, a kick or a logout. */
function disconnectOf(message: LinkMessage): EventDataByKind['sdk.disconnect'] | undefined {
  switch (message.type) {
    case 'loginReply':
      return { code: message.code };
    case 'kicked': {
      const { from, reason, custom } = message.kick;
      return withoutUndefined({
        code: 'kicked',
        reason: reason === undefined ? undefined : kickReasonName(reason),
        from: from === undefined ? undefined : clientTypeName(from),
        custom: custom || undefined,
      });
    }
    case 'logout':
      return { code: 'logout' };
    default:
      return undefined;
  }
}
