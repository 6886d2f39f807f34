import { describe, expect, it } from 'vitest';
import type { EventDataByKind } from '../../../model/events';
import { type DescribeEvent, describeFailure, describeV1Event, describeV2Event } from './listener-events';

const known = { secrets: ['tok-s3cr3t'], masked: [] };

/** What one SDK event becomes: [kind, data] for each event emitted (exactly one for a known name). */
function described(toEvents: DescribeEvent, event: string, ...args: unknown[]) {
  const out: [string, unknown][] = [];
  toEvents(event, args, known, <K extends keyof EventDataByKind>(kind: K, data: EventDataByKind[K]) => {
    out.push([kind, data]);
  });
  return out;
}

/** A V2NIMError as the SDK builds it (its fields are own properties). */
const v2Error = (code: number, desc: string, reason?: string) => ({
  name: 'V2NIMError',
  code,
  desc,
  ...(reason && { detail: { reason } }),
});

describe('V2 login events', () => {
  it('name the login and connect statuses, and map the ones that change the state onto their kinds', () => {
    expect(described(describeV2Event, 'onLoginStatus', 1)).toEqual([
      ['sdk.connect', { event: 'onLoginStatus', status: 'LOGINED' }],
    ]);
    expect(described(describeV2Event, 'onLoginStatus', 2)).toEqual([
      ['sdk.status', { event: 'onLoginStatus', status: 'LOGINING' }],
    ]);
    expect(described(describeV2Event, 'onConnectStatus', 3)).toEqual([
      ['sdk.willReconnect', { event: 'onConnectStatus', status: 'WAITING' }],
    ]);
    expect(described(describeV2Event, 'onConnectStatus', 7)).toEqual([
      ['sdk.status', { event: 'onConnectStatus', status: '7' }],
    ]);
  });

  it('turns a kick into a kicked disconnect with the reason and the kicking client by name', () => {
    const detail = { clientType: 16, reason: 1, reasonDesc: 'bye', customClientType: 0 };
    expect(described(describeV2Event, 'onKickedOffline', detail)).toEqual([
      [
        'sdk.disconnect',
        {
          event: 'onKickedOffline',
          code: 'kicked',
          reason: 'CLIENT_EXCLUSIVE',
          from: 'WEB',
          custom: 'bye',
          willReconnect: false,
        },
      ],
    ]);
  });

  it('keeps a V2NIMError’s code, and its message with the reason, redacted', () => {
    expect(described(describeV2Event, 'onDisconnected', v2Error(192003, 'disconnect', 'kicked'))).toEqual([
      ['sdk.disconnect', { event: 'onDisconnected', code: 192003, message: 'disconnect — kicked' }],
    ]);
    expect(described(describeV2Event, 'onLoginFailed', v2Error(302, 'token tok-s3cr3t refused'))).toEqual([
      ['sdk.error', { event: 'onLoginFailed', code: 302, message: 'token [redacted] refused' }],
    ]);
  });

  it('reports data sync and login clients as status events, and nothing for other names', () => {
    expect(described(describeV2Event, 'onDataSync', 1, 3, null)).toEqual([
      ['sdk.status', { event: 'onDataSync', status: 'MAIN COMPLETED' }],
    ]);
    const [data] = described(describeV2Event, 'onLoginClientChanged', 1, [{ clientId: 'c1', type: 16 }]);
    expect(data?.[1]).toEqual({
      event: 'onLoginClientChanged',
      status: 'LIST',
      detail: { clients: [{ clientId: 'c1', type: 16 }] },
    });
    expect(described(describeV2Event, 'onReceiveMessages', [])).toEqual([]);
  });
});

describe('V1-compatible events', () => {
  it('map logined, willReconnect, disconnect and kicked as v9’s callbacks are mapped', () => {
    expect(described(describeV1Event, 'logined', { connectionId: '1', ip: '127.0.0.1', port: '4000' })).toEqual([
      ['sdk.connect', { event: 'logined', connectionId: '1', ip: '127.0.0.1', port: '4000' }],
    ]);
    expect(described(describeV1Event, 'willReconnect', { retryCount: 1, duration: 1601 })).toEqual([
      ['sdk.willReconnect', { event: 'willReconnect', retryCount: 1, duration: 1601 }],
    ]);
    const kicked = { reason: 'samePlatformKick', message: 'm', clientType: 'Web', ext: '', customClientType: 0 };
    expect(described(describeV1Event, 'kicked', kicked)).toEqual([
      [
        'sdk.disconnect',
        {
          event: 'kicked',
          code: 'kicked',
          reason: 'samePlatformKick',
          message: 'm',
          from: 'Web',
          willReconnect: false,
        },
      ],
    ]);
    expect(described(describeV1Event, 'disconnect', undefined)).toEqual([['sdk.disconnect', { event: 'disconnect' }]]);
  });

  it('never throws on what a hostile or odd SDK passes', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    for (const event of ['logined', 'willReconnect', 'disconnect', 'kicked', 'multiPortLogin']) {
      expect(() => described(describeV1Event, event, hostile)).not.toThrow();
    }
  });
});

describe('describeFailure', () => {
  it('gives a rejection’s message and code, redacted', () => {
    expect(describeFailure(v2Error(302, 'The user name or password is incorrect.'), known)).toEqual({
      error: 'The user name or password is incorrect.',
      code: 302,
    });
    expect(describeFailure('tok-s3cr3t', known)).toEqual({ error: '[redacted]' });
    expect(describeFailure(undefined, known)).toEqual({ error: 'rejected' });
  });
});
