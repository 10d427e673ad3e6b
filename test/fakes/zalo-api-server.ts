/**
 * A fake Zalo for tests: one node:http server on 127.0.0.1 (random port) serving both the OAuth host and
 * the OpenAPI host, behaving as docs/zalo-oa-api.md describes: HTTP 200 with `error` codes, the
 * `{ data, error, message }` envelope, string ids, single-use refresh tokens, the 7-day window, and the
 * CS message shapes the real OA refuses (a `template_type` on text with buttons, titles over 20
 * characters, phone/SMS payloads that are not objects) answered with `-201`.
 *
 * Paths: `POST /v4/oa/access_token`, `POST /v3.0/oa/message/cs`, `POST /v2.0/oa/upload/file`,
 * `GET /v3.0/oa/user/detail`. The `-14xxx` codes for OAuth failures are placeholders: the real codes are
 * undocumented, so clients must not depend on them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of {@link startFakeZaloServer}. */
export interface FakeZaloOptions {
  appId?: string;
  appSecret?: string;
  oaSecretKey?: string;
  oaId?: string;
  /** Access-token lifetime in seconds; default 90 000 (25 h). Sent back as a string, like Zalo. */
  accessTokenLifetimeSec?: number;
  /** The fake's clock (tokens, window, sent times); default the real clock. */
  now?: () => Date;
  /** Users never given a last interaction are outside the window; default false (they are inside). */
  strictWindow?: boolean;
  /** A refresh also kills the previous access token (one source says Zalo does); default true. */
  revokeOldAccessTokenOnRefresh?: boolean;
}

/** A scripted failure for the next OpenAPI calls. */
export type FakeZaloFailure =
  | 'rate-limited'
  | 'http-500'
  | { delayMs: number }
  | { error: number; message?: string };

/**
 * A scripted failure of the next token requests: a 502 page or a reset connection before anything is
 * issued, or (`respondAfterMs`) the pair issued — the old refresh token spent — and the answer held back.
 */
export type FakeZaloTokenFailure = 'http-502' | 'reset' | { respondAfterMs: number };

/** A CS message the fake accepted. */
export interface FakeSentMessage {
  userId: string;
  message: Record<string, unknown>;
  messageId: string;
  at: Date;
}

/** A token pair the fake issued. */
export interface FakeTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

/** The running fake and its controls. */
export interface FakeZalo {
  url: string;
  oauthBase: string;
  apiBase: string;
  appId: string;
  appSecret: string;
  oaSecretKey: string;
  oaId: string;
  sent: FakeSentMessage[];
  uploads: Array<{ filename: string; bytes: number; token: string }>;
  /** Successful refreshes so far. */
  readonly refreshCount: number;
  issuedTokens: FakeTokenPair[];
  /** Issues a token pair directly, as the console's API Explorer would (to seed a token store). */
  issueTokens(): FakeTokenPair;
  /** Registers an authorization code for a PKCE challenge, as the consent page would. */
  issueAuthorizationCode(codeChallenge: string): string;
  setLastInteraction(userId: string, at: Date): void;
  setUserProfile(userId: string, profile: Record<string, unknown>): void;
  /** The next `n` OpenAPI calls (CS, upload, user detail) fail this way. */
  failNext(n: number, kind: FakeZaloFailure): void;
  /** The next `n` token requests (code exchange or refresh) fail this way. */
  failNextToken(n: number, kind: FakeZaloTokenFailure): void;
  /** Every access token issued so far stops working (refresh tokens stay valid). */
  expireAccessToken(): void;
  /** Signs a webhook body as Zalo does; adds `timestamp` (now, ms string) and `app_id` if missing. */
  signEvent(
    body: object,
    opts?: { appId?: string; oaSecretKey?: string; timestamp?: string },
  ): { rawBody: string; headers: Record<string, string> };
  close(): Promise<void>;
}

const WINDOW_MS = 7 * 24 * 3600 * 1000;
const CODE_TTL_MS = 10 * 60 * 1000;

/** Starts the fake on 127.0.0.1, port 0. */
export async function startFakeZaloServer(options: FakeZaloOptions = {}): Promise<FakeZalo> {
  const appId = options.appId ?? '4318825107935187232';
  const appSecret = options.appSecret ?? 'fake-app-secret';
  const oaSecretKey = options.oaSecretKey ?? 'fake-oa-secret-key';
  const oaId = options.oaId ?? '2952394741235412567';
  const lifetimeSec = options.accessTokenLifetimeSec ?? 90_000;
  const now = options.now ?? (() => new Date());
  const revokeOld = options.revokeOldAccessTokenOnRefresh ?? true;

  const accessTokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  const refreshTokens = new Map<string, string>(); // live refresh token -> its access token
  const codes = new Map<string, { challenge: string; expiresAt: number }>();
  const lastInteraction = new Map<string, Date>();
  const profiles = new Map<string, Record<string, unknown>>();
  const failures: FakeZaloFailure[] = [];
  const tokenFailures: FakeZaloTokenFailure[] = [];
  let refreshCount = 0;

  const issueTokens = (): FakeTokenPair => {
    const pair = {
      accessToken: `at-${randomBytes(24).toString('base64url')}`,
      refreshToken: `rt-${randomBytes(24).toString('base64url')}`,
      expiresAt: new Date(now().getTime() + lifetimeSec * 1000),
    };
    accessTokens.set(pair.accessToken, { expiresAt: pair.expiresAt.getTime(), revoked: false });
    refreshTokens.set(pair.refreshToken, pair.accessToken);
    fake.issuedTokens.push(pair);
    return pair;
  };

  const tokenIsCurrent = (req: IncomingMessage): boolean => {
    const token = req.headers['access_token'];
    const state = typeof token === 'string' ? accessTokens.get(token) : undefined;
    return state !== undefined && !state.revoked && state.expiresAt > now().getTime();
  };

  /** The token endpoint with its scripted failures (see {@link FakeZaloTokenFailure}). */
  const handleTokenRequest = async (
    req: IncomingMessage,
    body: string,
    res: ServerResponse,
  ): Promise<void> => {
    const failure = tokenFailures.shift();
    if (failure === 'http-502') {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (failure === 'reset') {
      req.socket.destroy();
      return;
    }
    const held = { body: '' };
    handleToken(req, body, held);
    if (failure !== undefined) await new Promise((r) => setTimeout(r, failure.respondAfterMs));
    if (res.destroyed) return;
    json(res, JSON.parse(held.body));
  };

  const handleToken = (req: IncomingMessage, body: string, res: { body: string }): undefined => {
    const form = new URLSearchParams(body);
    const answer = (value: unknown): undefined => {
      res.body = JSON.stringify(value);
      return undefined;
    };
    const oauthError = (error: number, name: string): undefined =>
      answer({ error, error_name: name, error_reason: name, error_description: name });
    if (req.headers['secret_key'] !== appSecret) return oauthError(-14001, 'Invalid secret key');
    if (form.get('app_id') !== appId) return oauthError(-14003, 'Invalid app id');
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const code = form.get('code') ?? '';
      const entry = codes.get(code);
      codes.delete(code);
      if (!entry || entry.expiresAt < now().getTime())
        return oauthError(-14019, 'Invalid authorization code');
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== entry.challenge) {
        return oauthError(-14020, 'Invalid code verifier');
      }
    } else if (grant === 'refresh_token') {
      const old = form.get('refresh_token') ?? '';
      const oldAccess = refreshTokens.get(old);
      if (oldAccess === undefined) return oauthError(-14014, 'Invalid refresh token');
      refreshTokens.delete(old);
      if (revokeOld) {
        const state = accessTokens.get(oldAccess);
        if (state) state.revoked = true;
      }
      refreshCount++;
    } else {
      return oauthError(-14005, 'Invalid grant type');
    }
    const pair = issueTokens();
    answer({
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: String(lifetimeSec),
    });
  };

  const handleCs = (body: string, res: ServerResponse): undefined => {
    const parsed = parseObject(body);
    const recipient = parsed?.['recipient'];
    const userId = isObject(recipient) ? recipient['user_id'] : undefined;
    const message = parsed?.['message'];
    if (typeof userId !== 'string' || userId.length === 0) return envelope(res, -201, 'user_id is invalid');
    if (!isObject(message)) return envelope(res, -201, 'message is invalid');
    const text = message['text'];
    if (text !== undefined && (typeof text !== 'string' || text.length === 0 || text.length > 2000)) {
      return envelope(res, -201, 'text is invalid');
    }
    const attachment = message['attachment'];
    if (text === undefined && !isObject(attachment)) return envelope(res, -201, 'message is invalid');
    const refusal = attachmentRefusal(attachment);
    if (refusal !== null) return envelope(res, -201, refusal);
    const last = lastInteraction.get(userId);
    const at = now();
    if (last ? at.getTime() - last.getTime() > WINDOW_MS : options.strictWindow === true) {
      return envelope(res, -230, 'User has not interacted with the OA in the past 7 days');
    }
    const messageId = randomBytes(16).toString('hex');
    fake.sent.push({ userId, message, messageId, at });
    envelope(res, 0, 'Success', {
      message_id: messageId,
      user_id: userId,
      sent_time: String(at.getTime()),
      quota: { quota_type: 'reply_quota', remain: '8', total: '8' },
    });
  };

  const handleUpload = (req: IncomingMessage, raw: Buffer, res: ServerResponse): undefined => {
    if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      return envelope(res, -201, 'file is invalid');
    }
    const filename = /filename="([^"]*)"/.exec(raw.toString('latin1'))?.[1];
    if (filename === undefined || raw.length === 0) return envelope(res, -201, 'file is invalid');
    const token = `ft-${randomBytes(16).toString('hex')}`;
    fake.uploads.push({
      filename: Buffer.from(filename, 'latin1').toString('utf8'),
      bytes: raw.length,
      token,
    });
    envelope(res, 0, 'Success', { token });
  };

  const handleDetail = (url: URL, res: ServerResponse): undefined => {
    const data = parseObject(url.searchParams.get('data') ?? '');
    const userId = data?.['user_id'];
    if (typeof userId !== 'string' || userId.length === 0) return envelope(res, -201, 'user_id is invalid');
    const last = lastInteraction.get(userId);
    envelope(res, 0, 'Success', {
      user_id: userId,
      user_id_by_app: `9${userId.slice(1)}`,
      display_name: `Người dùng ${userId.slice(-4)}`,
      user_is_follower: true,
      user_last_interaction_date: last ? ddmmyyyy(last) : ddmmyyyy(now()),
      avatar: '',
      ...profiles.get(userId),
    });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void route(req, Buffer.concat(chunks), res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });

  const route = async (req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const key = `${req.method} ${url.pathname}`;
    if (key === 'POST /v4/oa/access_token') return handleTokenRequest(req, raw.toString('utf8'), res);
    const api = ['POST /v3.0/oa/message/cs', 'POST /v2.0/oa/upload/file', 'GET /v3.0/oa/user/detail'];
    if (!api.includes(key)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const failure = failures.shift();
    if (failure === 'rate-limited') return envelope(res, -32, 'Your application reached limit call api');
    if (failure === 'http-500') {
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body>Internal Server Error</body></html>');
      return;
    }
    if (failure !== undefined && 'error' in failure)
      return envelope(res, failure.error, failure.message ?? 'Error');
    if (failure !== undefined) await new Promise((r) => setTimeout(r, failure.delayMs));
    if (!tokenIsCurrent(req)) return envelope(res, -216, 'Access token is invalid');
    if (key === 'POST /v3.0/oa/message/cs') return handleCs(raw.toString('utf8'), res);
    if (key === 'POST /v2.0/oa/upload/file') return handleUpload(req, raw, res);
    return handleDetail(url, res);
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const fake: FakeZalo = {
    url: base,
    oauthBase: base,
    apiBase: base,
    appId,
    appSecret,
    oaSecretKey,
    oaId,
    sent: [],
    uploads: [],
    get refreshCount() {
      return refreshCount;
    },
    issuedTokens: [],
    issueTokens,
    issueAuthorizationCode(codeChallenge) {
      const code = `code-${randomBytes(16).toString('hex')}`;
      codes.set(code, { challenge: codeChallenge, expiresAt: now().getTime() + CODE_TTL_MS });
      return code;
    },
    setLastInteraction(userId, at) {
      lastInteraction.set(userId, at);
    },
    setUserProfile(userId, profile) {
      profiles.set(userId, profile);
    },
    failNext(n, kind) {
      for (let i = 0; i < n; i++) failures.push(kind);
    },
    failNextToken(n, kind) {
      for (let i = 0; i < n; i++) tokenFailures.push(kind);
    },
    expireAccessToken() {
      for (const state of accessTokens.values()) state.revoked = true;
    },
    signEvent(body, opts = {}) {
      const full: Record<string, unknown> = { app_id: appId, ...(body as Record<string, unknown>) };
      if (full['timestamp'] === undefined) full['timestamp'] = opts.timestamp ?? String(now().getTime());
      const rawBody = JSON.stringify(full);
      const mac = createHash('sha256')
        .update(
          `${opts.appId ?? appId}${rawBody}${String(full['timestamp'])}${opts.oaSecretKey ?? oaSecretKey}`,
        )
        .digest('hex');
      return { rawBody, headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` } };
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
    },
  };
  return fake;
}

const BUTTON_TYPES = ['oa.query.show', 'oa.query.hide', 'oa.open.url', 'oa.open.phone', 'oa.open.sms'];

/**
 * Why Zalo would refuse this attachment (`-201`, invalid parameter), or null. Text with buttons is
 * `{type: "template", payload: {buttons}}` WITHOUT `template_type` (Messenger's `"button"` is refused);
 * 1 to 5 buttons; titles of 1 to 20 characters; query payloads a string of at most 1,000 characters;
 * url, phone and SMS payloads objects with their fields (docs/zalo-oa-api.md, "Buttons").
 */
function attachmentRefusal(attachment: unknown): string | null {
  if (attachment === undefined) return null;
  if (!isObject(attachment) || !isObject(attachment['payload'])) return 'attachment is invalid';
  const payload = attachment['payload'];
  const buttons = payload['buttons'];
  if (buttons === undefined) {
    return payload['template_type'] === 'button' ? 'template_type is invalid' : null;
  }
  if (attachment['type'] !== 'template') return 'attachment type is invalid';
  if ('template_type' in payload) return 'template_type is invalid';
  if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 5) return 'buttons is invalid';
  for (const button of buttons) {
    const problem = buttonRefusal(button);
    if (problem !== null) return problem;
  }
  return null;
}

function buttonRefusal(button: unknown): string | null {
  if (!isObject(button)) return 'button is invalid';
  const { title, type, payload } = button;
  if (typeof title !== 'string' || title.length === 0 || title.length > 20) return 'button title is invalid';
  if (typeof type !== 'string' || !BUTTON_TYPES.includes(type)) return 'button type is invalid';
  const text = (v: unknown) => typeof v === 'string' && v.length > 0;
  if (type.startsWith('oa.query.')) {
    return typeof payload === 'string' && text(payload) && payload.length <= 1000
      ? null
      : 'button payload is invalid';
  }
  if (!isObject(payload)) return 'button payload is invalid';
  if (type === 'oa.open.url') return text(payload['url']) ? null : 'button payload is invalid';
  if (type === 'oa.open.phone') return text(payload['phone_code']) ? null : 'button payload is invalid';
  return text(payload['phone_code']) && text(payload['content']) ? null : 'button payload is invalid';
}

function json(res: ServerResponse, body: unknown): undefined {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'x-ratelimit-limit': '4000',
    'x-ratelimit-remain': '3999',
  });
  res.end(text);
}

function envelope(res: ServerResponse, error: number, message: string, data?: unknown): undefined {
  return json(res, data === undefined ? { error, message } : { data, error, message });
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ddmmyyyy(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
