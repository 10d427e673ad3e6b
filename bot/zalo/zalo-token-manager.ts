/**
 * The OA access token for every Zalo call: read from the token store, refreshed ahead of expiry, and
 * refreshed once more when Zalo refuses it (the {@link ZaloClient} `onAuthError` hook).
 *
 * Refresh tokens are single use (docs/zalo-oa-api.md, "Tokens"), so a refresh:
 * - runs at most once at a time in this process (callers share the refresh in flight), and under the
 *   store's cross-process lock, so two workers never spend the same refresh token: the second one waits,
 *   then finds a pair other than the one it saw and uses it without refreshing;
 * - stores the new pair the moment Zalo returns it, in a write of its own outside the lock's transaction
 *   (`storeRotated`), so no later timeout or rollback can lose it; the token is used only once stored;
 * - retries transient failures (timeouts, network errors, HTTP 5xx, Zalo's rate limit) a few times with a
 *   short backoff; after the last try nothing changes: the current token is used while it is still valid,
 *   and the next call tries again;
 * - only on Zalo's definite refusal (an OAuth error code) of the refresh token that is still stored marks
 *   the pair broken, logs an error without any token and calls `onBroken` once (the app alerts the
 *   admins). Every later call fails fast with an `auth` {@link ZaloApiError} until an admin authorises the
 *   OA again; the outbox then falls back to the officer's other chat (Telegram).
 */
import { ZaloApiError } from './zalo-errors.ts';
import type { ZaloTokenPair } from './zalo-oauth.ts';

/** Refresh when less than this is left (tokens live 25 h). */
export const ZALO_REFRESH_AHEAD_MS = 60 * 60 * 1000;
/** The `endpoint` of errors raised because no usable token is stored. */
export const ZALO_TOKEN_STORE_ENDPOINT = 'token-store';
/** What an admin runs to authorise the OA again. */
export const ZALO_REAUTHORISE_HINT =
  'run `npm run cli -- zalo auth-url`, open the URL in a browser as an OA admin and approve, then `npm run cli -- zalo exchange <code>`';

/** The stored pair as the manager needs it. */
export interface ZaloTokenSnapshot {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  brokenAt: Date | null;
}

/** A change to apply while the lock is held (`broken`: only if `spent` is still the stored refresh token). */
export type ZaloTokenChange =
  | { kind: 'none' }
  | { kind: 'save'; pair: ZaloTokenPair }
  | { kind: 'broken'; spent: string };

/** Where the pair lives (store/zalo-tokens.ts over PostgreSQL). */
export interface ZaloTokenStore {
  read(): Promise<ZaloTokenSnapshot | null>;
  /**
   * Runs `decide` under a cross-process lock and applies its change before releasing it; nothing changes
   * when `decide` throws. `newlyBroken` is true for the one call that marked the pair broken.
   */
  withLock<T>(
    decide: (current: ZaloTokenSnapshot | null) => Promise<{ change: ZaloTokenChange; result: T }>,
    now: Date,
  ): Promise<{ result: T; newlyBroken: boolean }>;
  /** Writes a pair Zalo just issued at once, outside the lock's transaction (called under the lock). */
  storeRotated(pair: ZaloTokenPair, now: Date): Promise<void>;
}

/** The logger methods used (pino fits). Nothing logged here ever carries a token. */
export interface ZaloTokenLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ZaloTokenManagerOptions {
  store: ZaloTokenStore;
  /** Trades a refresh token for a new pair (`ZaloClient.refreshAccessToken`). */
  refresh(refreshToken: string, now: Date): Promise<ZaloTokenPair>;
  now?: () => Date;
  /** @defaultValue {@link ZALO_REFRESH_AHEAD_MS} */
  refreshAheadMs?: number;
  /** Tries of one refresh against transient failures. @defaultValue 3 */
  refreshAttempts?: number;
  /** Pause before the second try (doubled for each next one). @defaultValue 500 */
  refreshBackoffMs?: number;
  logger?: ZaloTokenLogger;
  /** Called once, by the process that found the grant dead (alert the admins). Errors are logged. */
  onBroken?(event: { at: Date; reason: string }): Promise<void>;
}

type Decision = { token: string; rotated: boolean } | { refused: ZaloApiError };

/** Hands out the OA access token; see the file comment. */
export class ZaloTokenManager {
  readonly #options: ZaloTokenManagerOptions;
  readonly #aheadMs: number;
  #inflight: Promise<string> | null = null;

  constructor(options: ZaloTokenManagerOptions) {
    this.#options = options;
    this.#aheadMs = options.refreshAheadMs ?? ZALO_REFRESH_AHEAD_MS;
  }

  /** The stored token, refreshed first when it has less than `refreshAheadMs` left. */
  async getAccessToken(): Promise<string> {
    const now = this.#now();
    const current = usable(await this.#options.store.read());
    if (this.#fresh(current, now)) return current.accessToken;
    try {
      return await this.#refresh(current.accessToken);
    } catch (err) {
      // A refresh that failed in transport changed nothing: the current token still works until it expires.
      if (err instanceof ZaloApiError || current.accessExpiresAt.getTime() <= now.getTime()) throw err;
      this.#options.logger?.warn(
        { err: errorSummary(err), accessExpiresAt: current.accessExpiresAt.toISOString() },
        'Zalo OA token refresh failed; using the current token while it lasts',
      );
      return current.accessToken;
    }
  }

  /**
   * For `ZaloClient`'s `onAuthError`: Zalo refused `refusedToken`. Returns the pair another worker stored
   * meanwhile, or refreshes.
   */
  refreshAfterAuthError(refusedToken: string): Promise<string> {
    return this.#refresh(refusedToken);
  }

  #refresh(seen: string): Promise<string> {
    if (!this.#inflight) {
      this.#inflight = this.#refreshUnderLock(seen).finally(() => {
        this.#inflight = null;
      });
    }
    return this.#inflight;
  }

  async #refreshUnderLock(seen: string): Promise<string> {
    const now = this.#now();
    let stored: string | undefined;
    let outcome: { result: Decision; newlyBroken: boolean };
    try {
      outcome = await this.#options.store.withLock<Decision>(async (row) => {
        const current = usable(row);
        // Someone else rotated the pair while we waited for the lock: use theirs, spend nothing.
        if (current.accessToken !== seen && this.#fresh(current, now)) {
          return { change: { kind: 'none' }, result: { token: current.accessToken, rotated: false } };
        }
        const spent = await this.#spend(current.refreshToken, now);
        if ('refused' in spent) {
          return { change: { kind: 'broken', spent: current.refreshToken }, result: spent };
        }
        await this.#options.store.storeRotated(spent.pair, now);
        stored = spent.pair.accessToken;
        return { change: { kind: 'none' }, result: { token: stored, rotated: true } };
      }, now);
    } catch (err) {
      // The pair was stored before the lock's transaction failed (a timeout, a lost connection): it stands.
      if (stored === undefined) throw err;
      this.#options.logger?.warn({ err: errorSummary(err) }, 'Zalo OA token lock ended badly; new pair kept');
      return stored;
    }
    const { result, newlyBroken } = outcome;
    if ('token' in result) {
      if (result.rotated) this.#options.logger?.info({}, 'Zalo OA token refreshed');
      return result.token;
    }
    if (newlyBroken) await this.#reportBroken(now, result.refused);
    // Refused, but the stored refresh token is another one (rotated meanwhile): that pair is the chain.
    const latest = await this.#options.store.read();
    if (latest && !latest.brokenAt && latest.accessToken !== seen) return latest.accessToken;
    throw brokenError(latest?.brokenAt ?? now);
  }

  /**
   * Trades `refreshToken` for a new pair, retrying transient failures; a definite refusal is returned,
   * a transient failure after the last try is thrown.
   */
  async #spend(
    refreshToken: string,
    now: Date,
  ): Promise<{ pair: ZaloTokenPair } | { refused: ZaloApiError }> {
    const attempts = Math.max(1, this.#options.refreshAttempts ?? 3);
    let backoff = this.#options.refreshBackoffMs ?? 500;
    for (let attempt = 1; ; attempt++) {
      try {
        return { pair: await this.#options.refresh(refreshToken, now) };
      } catch (err) {
        if (isDefiniteRefusal(err)) return { refused: err };
        if (attempt >= attempts) throw err;
        this.#options.logger?.warn(
          { err: errorSummary(err), attempt },
          'Zalo OA token refresh failed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff *= 2;
      }
    }
  }

  async #reportBroken(at: Date, refused: ZaloApiError): Promise<void> {
    this.#options.logger?.error(
      { code: refused.code, endpoint: refused.endpoint, reason: refused.message },
      `Zalo OA token refresh was refused: Zalo sending is stopped until an admin authorises the OA again (${ZALO_REAUTHORISE_HINT})`,
    );
    try {
      await this.#options.onBroken?.({ at, reason: refused.message });
    } catch (err) {
      this.#options.logger?.error(
        { err: errorSummary(err) },
        'could not alert the admins about the Zalo token',
      );
    }
  }

  #fresh(token: ZaloTokenSnapshot, now: Date): boolean {
    return token.accessExpiresAt.getTime() - now.getTime() > this.#aheadMs;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}

/** The pair, or an `auth` error when there is none or it is broken (no Zalo call is made then). */
function usable(token: ZaloTokenSnapshot | null): ZaloTokenSnapshot {
  if (!token) {
    throw new ZaloApiError({
      code: 0,
      endpoint: ZALO_TOKEN_STORE_ENDPOINT,
      category: 'auth',
      message: `No Zalo OA token is stored: ${ZALO_REAUTHORISE_HINT}`,
    });
  }
  if (token.brokenAt) throw brokenError(token.brokenAt);
  return token;
}

function brokenError(since: Date): ZaloApiError {
  return new ZaloApiError({
    code: 0,
    endpoint: ZALO_TOKEN_STORE_ENDPOINT,
    category: 'auth',
    message: `The Zalo OA token is broken since ${since.toISOString()} (Zalo refused a refresh): ${ZALO_REAUTHORISE_HINT}`,
  });
}

/**
 * Zalo answered the refresh with an error of its own (an OAuth code such as `-14014`): the refresh token
 * will never work. Transport failures, HTTP 5xx, the rate limit (`-32`) and answers without any code are
 * not definite.
 */
export function isDefiniteRefusal(err: unknown): err is ZaloApiError {
  return err instanceof ZaloApiError && err.code !== 0 && err.code !== -32;
}

function errorSummary(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
