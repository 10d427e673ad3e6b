/**
 * Errors raised by the Zalo OA adapter, each carrying a delivery category the outbox can act on.
 *
 * Zalo answers application errors with HTTP 200 and a non-zero `error` field; those become
 * {@link ZaloApiError}. Transport failures (timeouts, refused connections, 5xx, unreadable bodies) become
 * {@link ZaloHttpError}. Neither ever carries a token, a secret or the request body: they are safe to log.
 */

/** What the caller should do about a failed Zalo call. */
export type ZaloErrorCategory = 'auth' | 'outside-window' | 'rate-limited' | 'transient' | 'permanent';

const AUTH_CODES: ReadonlySet<number> = new Set([-216, -220, -124]);
const WINDOW_CODES: ReadonlySet<number> = new Set([-230, -232, -213, -305, -311]);
const RATE_CODES: ReadonlySet<number> = new Set([-32]);

/**
 * Classifies a Zalo application error code.
 * - auth: -216 (invalid token), -220 (expired or removed), -124 (ZNS host invalid token);
 * - outside-window: -230, -232 (no interaction in 7 days), -213 (not a follower), -305, -311 (legacy 48 h);
 * - rate-limited: -32;
 * - permanent: everything else, notably -201 (invalid parameter), -227 (user banned or inactive),
 *   -244 (user restricted this message type), -248.
 * HTTP 5xx, timeouts and network failures are transient; see {@link ZaloHttpError}.
 */
export function classifyZaloError(code: number): ZaloErrorCategory {
  if (AUTH_CODES.has(code)) return 'auth';
  if (WINDOW_CODES.has(code)) return 'outside-window';
  if (RATE_CODES.has(code)) return 'rate-limited';
  return 'permanent';
}

/** Codes meaning the user cannot be reached on Zalo at all for now (banned, inactive, blocked us). */
export const ZALO_UNREACHABLE_CODES: ReadonlySet<number> = new Set([-227, -244]);

/** Zalo answered, but with an application error (`error` ≠ 0, or a token response without a token). */
export class ZaloApiError extends Error {
  override readonly name = 'ZaloApiError';
  /** Zalo's error code; 0 when Zalo gave none (for example a token response without `access_token`). */
  readonly code: number;
  /** The API path called, without host or query string. */
  readonly endpoint: string;
  readonly category: ZaloErrorCategory;

  constructor(args: { code: number; message: string; endpoint: string; category?: ZaloErrorCategory }) {
    super(args.message);
    this.code = args.code;
    this.endpoint = args.endpoint;
    this.category = args.category ?? classifyZaloError(args.code);
  }
}

/** How a transport failure happened. */
export type ZaloHttpFailure = 'timeout' | 'network' | 'http-status' | 'bad-response';

/**
 * The request did not produce a usable Zalo envelope: timeout, network failure, an HTTP status other than
 * 2xx, or a body that is not the expected JSON. Deliberately keeps no reference to the axios error, whose
 * `config` holds the access token, the app secret and the request body.
 */
export class ZaloHttpError extends Error {
  override readonly name = 'ZaloHttpError';
  readonly endpoint: string;
  readonly kind: ZaloHttpFailure;
  /** HTTP status when a response arrived. */
  readonly status: number | undefined;
  readonly category: ZaloErrorCategory;

  constructor(args: {
    endpoint: string;
    kind: ZaloHttpFailure;
    message: string;
    status?: number;
    category?: ZaloErrorCategory;
  }) {
    super(args.message);
    this.endpoint = args.endpoint;
    this.kind = args.kind;
    this.status = args.status;
    this.category = args.category ?? categoryForTransport(args.kind, args.status);
  }
}

/** 429 is rate-limited, 401/403 auth, 408 and 5xx transient, other 4xx permanent; no status: transient. */
function categoryForTransport(kind: ZaloHttpFailure, status: number | undefined): ZaloErrorCategory {
  if (kind !== 'http-status' || status === undefined) return 'transient';
  if (status === 429) return 'rate-limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408 || status >= 500) return 'transient';
  return 'permanent';
}

/** True for the two adapter error classes. */
export function isZaloError(err: unknown): err is ZaloApiError | ZaloHttpError {
  return err instanceof ZaloApiError || err instanceof ZaloHttpError;
}
