/** What the link decoder reads off a NIM link socket: typed, bounded, and never a token. */

/** `out`: sent by the page (the SDK); `in`: received from the NIM server. */
export type LinkDirection = 'out' | 'in';

/** A login request, minus the token (key 1000) and any value equal to it. */
export interface LoginRequest {
  account?: string;
  /** As sent: masking is the caller's job (the decoder hands out no secret, and an appKey is not one). */
  appKey?: string;
  deviceId?: string;
  /** The SDK's compact version, e.g. `92112` for 9.21.12. */
  sdkVersion?: string;
  /** 16 for Web. */
  clientType?: number;
}

/** A successful login reply's session (v8/v9 `loginRes`, v10 `mixAuthRepTag`). */
export interface LoginSession {
  connectionId?: string;
  ip?: string;
  port?: string;
}

/** A kick push (2_5, v10 26_9): who kicked, why. Reasons and client types as numbers, as on the wire. */
export interface KickDetail {
  from?: number;
  reason?: number;
  custom?: string;
  customClientType?: number;
}

/** The frames worth reporting; every other frame decodes to `undefined` (a header peek, nothing kept). */
export type LinkMessage =
  | { type: 'heartbeat'; direction: LinkDirection }
  | { type: 'login'; ser: number; login: LoginRequest }
  | { type: 'loginReply'; ser: number; code: number; session: LoginSession }
  | { type: 'kicked'; kick: KickDetail }
  | { type: 'logout'; ser: number }
  /** A reply with a code other than 200 to any other command; `name` is NIM's own where known. */
  | { type: 'failed'; sid: number; cid: number; ser: number; code: number; name: string };

/** The header every frame of either framing carries; `code` is 200 when the frame has none. */
export interface LinkHeader {
  sid: number;
  cid: number;
  ser: number;
  code: number;
}
