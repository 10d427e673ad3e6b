/**
 * Zalo OA OAuth v4: PKCE pair, authorize URL, code exchange and refresh-token rotation.
 *
 * Facts relied on (see docs/zalo-oa-api.md, "Tokens"):
 * - `GET <oauth base>/v4/oa/permission?app_id&redirect_uri&code_challenge&state` is the consent page; S256
 *   is implicit, there is no `code_challenge_method` (verify against a real OA).
 * - `POST <oauth base>/v4/oa/access_token`, form-encoded, header `secret_key: <app secret>`; fields
 *   `app_id`, `grant_type`, and `code` + `code_verifier` or `refresh_token`.
 * - Success: `{ access_token, refresh_token, expires_in }`, `expires_in` sometimes a string ("90000").
 * - Failure: HTTP 200 with `error` ≠ 0 (`-14xxx` family, `error_name`, `error_reason`, `error_description`).
 *   No code is documented for a reused refresh token, so any answer without `access_token` is an auth error.
 * - Refresh tokens are single use: the caller must persist the returned pair before using it.
 */
import { createHash, randomInt } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { ZaloApiError } from './zalo-errors.ts';
import { parseJsonBody, requestRaw, truncate } from './zalo-http.ts';

/** The token endpoint path, relative to the OAuth base. */
export const ZALO_TOKEN_PATH = '/v4/oa/access_token';
/** The consent page path, relative to the OAuth base. */
export const ZALO_PERMISSION_PATH = '/v4/oa/permission';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A PKCE verifier and its S256 challenge. */
export interface PkcePair {
  /** 43 alphanumeric characters; keep it server-side until the callback. */
  codeVerifier: string;
  /** base64url (no padding) of SHA-256 of the verifier. */
  codeChallenge: string;
}

/** Creates a fresh PKCE pair from a cryptographic random source. */
export function createPkcePair(): PkcePair {
  let codeVerifier = '';
  for (let i = 0; i < 43; i++) codeVerifier += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return { codeVerifier, codeChallenge: pkceChallenge(codeVerifier) };
}

/** The S256 challenge of a verifier. */
export function pkceChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'utf8').digest('base64url');
}

/** Builds the OA consent URL an OA admin opens in a browser. */
export function buildAuthorizeUrl(args: {
  oauthBase: string;
  appId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string;
}): string {
  const url = new URL(`${trimSlash(args.oauthBase)}${ZALO_PERMISSION_PATH}`);
  url.searchParams.set('app_id', args.appId);
  url.searchParams.set('redirect_uri', args.redirectUri);
  url.searchParams.set('code_challenge', args.codeChallenge);
  url.searchParams.set('state', args.state);
  return url.toString();
}

/** An OA access token with its (rotated) refresh token. */
export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

/** Exchanges an authorization code (single use, valid 10 minutes) for a token pair. */
export function exchangeCode(
  http: AxiosInstance,
  args: {
    oauthBase: string;
    appId: string;
    appSecret: string;
    code: string;
    codeVerifier: string;
    now: Date;
  },
): Promise<ZaloTokenPair> {
  return requestToken(http, args, {
    app_id: args.appId,
    grant_type: 'authorization_code',
    code: args.code,
    code_verifier: args.codeVerifier,
  });
}

/**
 * Trades a refresh token for a new pair. The old refresh token is dead once Zalo answers: persist the
 * result atomically before anything else, and never run two refreshes concurrently.
 */
export function refreshAccessToken(
  http: AxiosInstance,
  args: { oauthBase: string; appId: string; appSecret: string; refreshToken: string; now: Date },
): Promise<ZaloTokenPair> {
  return requestToken(http, args, {
    app_id: args.appId,
    grant_type: 'refresh_token',
    refresh_token: args.refreshToken,
  });
}

const expiresInSchema = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
]);

const tokenSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: expiresInSchema.pipe(z.number().int().positive()),
});

const errorSchema = z.looseObject({
  error: z.union([z.number(), z.string()]).optional(),
  error_name: z.string().optional(),
  error_reason: z.string().optional(),
  error_description: z.string().optional(),
  message: z.string().optional(),
});

async function requestToken(
  http: AxiosInstance,
  args: { oauthBase: string; appSecret: string; now: Date },
  form: Record<string, string>,
): Promise<ZaloTokenPair> {
  const endpoint = ZALO_TOKEN_PATH;
  const res = await requestRaw(http, endpoint, {
    method: 'POST',
    url: `${trimSlash(args.oauthBase)}${ZALO_TOKEN_PATH}`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', secret_key: args.appSecret },
    data: new URLSearchParams(form).toString(),
  });
  const json = parseJsonBody(endpoint, res.body);
  const token = tokenSchema.safeParse(json);
  const err = errorSchema.safeParse(json);
  const code = err.success ? Number(err.data.error ?? 0) : 0;
  if (token.success && (code === 0 || Number.isNaN(code))) {
    return {
      accessToken: token.data.access_token,
      refreshToken: token.data.refresh_token,
      expiresAt: new Date(args.now.getTime() + token.data.expires_in * 1000),
    };
  }
  const reason = err.success
    ? (err.data.error_description ?? err.data.error_reason ?? err.data.error_name ?? err.data.message)
    : undefined;
  throw new ZaloApiError({
    code: Number.isSafeInteger(code) ? code : 0,
    endpoint,
    category: 'auth',
    message: `Zalo token request failed${code ? ` (error ${code})` : ''}: ${truncate(reason ?? 'no usable token in the answer')}`,
  });
}

function trimSlash(base: string): string {
  return base.replace(/\/+$/, '');
}
