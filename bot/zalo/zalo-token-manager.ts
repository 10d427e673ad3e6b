/**
 * The OA access token for every Zalo call: read from the token store, refreshed ahead of expiry, and
 * refreshed once more when Zalo refuses it (the {@link ZaloClient} `onAuthError` hook).
 *
 * Refresh tokens are single use (see /work/shared/notes/zalo-oa-facts.md §1 and §5.1), so a refresh:
 * - runs at most once at a time in this process (callers share the refresh in flight), and under the
 *   store's cross-process lock, so two workers never spend the same refresh token: the second one waits,
 *   then finds a pair other than the one it saw and uses it without refreshing;
 * - is committed by the store before the lock is released and before anyone uses the new token;
 * - when Zalo refuses it (the grant is dead: chain broken, token revoked, secret changed), marks the pair
 *   broken, logs an error without any token and calls `onBroken` once (the app alerts the admins). Every
 *   later call fails fast with an `auth` {@link ZaloApiError} until an admin authorises the OA again;
 *   the outbox then falls back to the officer's other chat (Telegram).
 * A refresh that fails in transport (timeout, 5xx) changes nothing: the current token is used while it
 * is still valid, and the next call tries again.
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

/** A change to apply while the lock is held. */
export type ZaloTokenChange = { kind: 'none' } | { kind: 'save'; pair: ZaloTokenPair } | { kind: 'broken' };

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
    const { result, newlyBroken } = await this.#options.store.withLock<Decision>(async (stored) => {
      const current = usable(stored);
      // Someone else rotated the pair while we waited for the lock: use theirs, spend nothing.
      if (current.accessToken !== seen && this.#fresh(current, now)) {
        return { change: { kind: 'none' }, result: { token: current.accessToken, rotated: false } };
      }
      try {
        const pair = await this.#options.refresh(current.refreshToken, now);
        return { change: { kind: 'save', pair }, result: { token: pair.accessToken, rotated: true } };
      } catch (err) {
        // Transport failures leave the pair as it is (rolled back); only Zalo's refusal breaks it.
        if (!(err instanceof ZaloApiError)) throw err;
        return { change: { kind: 'broken' }, result: { refused: err } };
      }
    }, now);
    if ('token' in result) {
      if (result.rotated) this.#options.logger?.info({}, 'Zalo OA token refreshed');
      return result.token;
    }
    if (newlyBroken) await this.#reportBroken(now, result.refused);
    throw brokenError(now);
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

function errorSummary(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
