/**
 * A local stand-in for NetEase's NIM servers that the real `@yxim/nim-web-sdk` (browser build) logs into, on
 * 127.0.0.1 only. Shared by the e2e tests, the demo and the Playwright fixture. See README.md.
 */
import { HttpServer, LBS_PATH, type LbsRequestRecord } from './http-server';
import {
  type ConnectionInfo,
  type KickOptions,
  LinkServer,
  type LoginRecord,
  type RequestRecord,
  type Transport,
} from './link-server';

export { CSP_POLICIES, LBS_PATH } from './http-server';
export { ClientType, type KickReason } from './nim-packets';
export type { ConnectionInfo, KickOptions, LbsRequestRecord, LoginRecord, RequestRecord, Transport };

export interface FakeNimOptions {
  /** Only loopback: the fake must never be reachable from the network. */
  host?: '127.0.0.1';
  /** HTTP port (LBS + static files); 0 or omitted picks a free one. */
  httpPort?: number;
  /** WebSocket link port; 0 or omitted picks a free one. */
  linkPort?: number;
  /** URL prefix → directory, e.g. `{ '/sdk/': 'node_modules/@yxim/nim-web-sdk/dist/SDK/' }`. */
  staticRoots?: Record<string, string>;
}

/** The SDK's `privateConf` that keeps it on this fake (and off NetEase's statistics and A/B hosts). */
export interface FakeNimPrivateConf {
  lbs_web: string;
  link_web: string;
  link_ssl_web: false;
  isDataReportEnable: false;
  isABTestEnable: false;
  isMixStoreEnable: false;
}

export interface FakeNim {
  /** `http://127.0.0.1:<port>`: LBS at `/lbs/webconf.jsp`, static roots, `?csp=strict` on any static URL. */
  readonly httpUrl: string;
  /**
   * `127.0.0.1:<port>`; the SDK connects to `ws://<linkAddress>/websocket` (binary) or, in socket.io mode,
   * handshakes at `http://<linkAddress>/socket.io/1/` and connects to `ws://<linkAddress>/socket.io/1/websocket/<id>`.
   */
  readonly linkAddress: string;
  privateConf(): FakeNimPrivateConf;
  /** Code for the next logins of `account` (`'*'`: every account without its own); 200 unless set. */
  setLoginResponse(account: string, code: number): void;
  /** Sends `2_5` to the account's logged-in sockets; throws when there is none. */
  kick(account: string, reason?: KickOptions['reason'], options?: Omit<KickOptions, 'reason'>): void;
  /** Server-side close of the account's sockets (all sockets when omitted); see LinkServer.drop. */
  drop(account?: string, closeCode?: number): void;
  /** `true`: the link port stops listening (ECONNREFUSED); `false`: listens again on the same port. */
  refuse(on: boolean): Promise<void>;
  /** `true`: sockets are accepted but no NIM packet is answered (socket.io still connects and beats). */
  silent(on: boolean): void;
  /** Every link socket so far, oldest first. */
  connections(): ConnectionInfo[];
  /** Every login request so far, oldest first; never the token. */
  logins(): LoginRecord[];
  /** Every frame the SDK sent (headers only), oldest first. */
  requests(): RequestRecord[];
  /** Every LBS request so far, oldest first. */
  lbsRequests(): LbsRequestRecord[];
  /** Resolves once `account` has an open socket whose login was answered 200 (at once if it already has one). */
  waitForLogin(account: string, timeoutMs?: number): Promise<void>;
  /** Ends every socket and both servers. */
  close(): Promise<void>;
}

export async function startFakeNim(options: FakeNimOptions = {}): Promise<FakeNim> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('fake-nim listens on 127.0.0.1 only');
  const link = new LinkServer({ host, port: options.linkPort ?? 0 });
  await link.start();
  const http = new HttpServer({
    host,
    port: options.httpPort ?? 0,
    staticRoots: options.staticRoots ?? {},
    linkAddress: () => link.address,
  });
  try {
    await http.start();
  } catch (error) {
    await link.close();
    throw error;
  }
  const httpUrl = http.url;
  return {
    httpUrl,
    linkAddress: link.address,
    privateConf: () => ({
      lbs_web: `${httpUrl}${LBS_PATH}`,
      link_web: link.address,
      link_ssl_web: false,
      isDataReportEnable: false,
      isABTestEnable: false,
      isMixStoreEnable: false,
    }),
    setLoginResponse: (account, code) => link.setLoginResponse(account, code),
    kick: (account, reason, kickOptions) => link.kick(account, { ...kickOptions, ...(reason ? { reason } : {}) }),
    drop: (account, closeCode) => link.drop(account, closeCode),
    refuse: (on) => link.refuse(on),
    silent: (on) => link.silent(on),
    connections: () => link.connections(),
    logins: () => link.logins(),
    requests: () => link.requests(),
    lbsRequests: () => http.lbsRequests(),
    waitForLogin: (account, timeoutMs) => link.waitForLogin(account, timeoutMs),
    close: async () => {
      await Promise.all([link.close(), http.close()]);
    },
  };
}
