/**
 * The Zalo OA token pair (the single `zalo_token` row, id 1) and pending OA authorisations.
 *
 * Refresh tokens are single use: whoever spends one must store the new pair before anything else uses
 * it, and two processes must never spend the same one. {@link withZaloTokenLock} serialises the spending
 * across processes: it takes a transaction-scoped PostgreSQL advisory lock and lets the caller decide (and
 * call Zalo) while holding it. The pair Zalo returns is written at once by {@link storeRotatedZaloToken},
 * in its own autocommitted statement, outside the lock's transaction: a transaction that times out or
 * rolls back afterwards cannot take it back. A second process blocks on the lock, then reads the stored
 * pair. No Zalo HTTP happens here.
 */
import type { PrismaClient } from '../prisma/generated/client.ts';

/** Zalo documents refresh tokens as valid 3 months from issue; we count 90 days. */
export const ZALO_REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3600 * 1000;
/** How long a pending authorisation (its PKCE verifier) is kept: the consent page, then a 10-minute code. */
export const ZALO_AUTH_REQUEST_TTL_MS = 60 * 60 * 1000;
/**
 * Longest a caller may hold the token lock: it calls Zalo meanwhile (10 s HTTP timeout, up to three tries
 * for transient failures), so the lock outlives every refresh it guards.
 */
export const ZALO_TOKEN_LOCK_TIMEOUT_MS = 45_000;

const TOKEN_ID = 1;
/** Key of the advisory lock that serialises every change of the pair (any constant unique in the app). */
const TOKEN_LOCK_KEY = 6_061_100_001n;

/** The stored pair and its bookkeeping. Never log it: it holds the tokens. */
export interface StoredZaloToken {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  /** Estimated: {@link ZALO_REFRESH_TOKEN_LIFETIME_MS} after the last rotation. */
  refreshExpiresAt: Date;
  rotatedAt: Date;
  /** Incremented on every change of the pair. */
  version: number;
  /** Set when a refresh was refused: nothing works until an admin authorises the OA again. */
  brokenAt: Date | null;
}

/** A new pair, from a code exchange, a refresh or an operator. */
export interface NewZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

/** The stored pair without the tokens: safe to print and log. */
export type ZaloTokenStatus = Omit<StoredZaloToken, 'accessToken' | 'refreshToken'>;

/** What the caller of {@link withZaloTokenLock} wants done before the lock is released. */
export type ZaloTokenChange =
  | { kind: 'none' }
  | { kind: 'save'; pair: NewZaloTokenPair }
  /**
   * Marks the pair broken (kept when already broken) if the stored refresh token is still `spent`, the one
   * Zalo refused; `newlyBroken` in the answer says whether this call did it.
   */
  | { kind: 'broken'; spent: string };

function fromRow(row: StoredZaloToken & { id: number }): StoredZaloToken {
  const { id: _id, ...token } = row;
  return token;
}

/** The stored pair, read without a lock; null before the first authorisation. */
export async function readZaloToken(db: PrismaClient): Promise<StoredZaloToken | null> {
  const row = await db.zaloToken.findUnique({ where: { id: TOKEN_ID } });
  return row ? fromRow(row) : null;
}

/** The stored pair's dates and state, without the tokens. */
export async function readZaloTokenStatus(db: PrismaClient): Promise<ZaloTokenStatus | null> {
  const row = await readZaloToken(db);
  if (!row) return null;
  const { accessToken: _a, refreshToken: _r, ...status } = row;
  return status;
}

/** The row's columns for a new pair issued at `now`. */
function pairData(pair: NewZaloTokenPair, now: Date) {
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    accessExpiresAt: pair.expiresAt,
    refreshExpiresAt: new Date(now.getTime() + ZALO_REFRESH_TOKEN_LIFETIME_MS),
    rotatedAt: now,
    brokenAt: null,
  };
}

/**
 * Writes a pair Zalo just issued, in one autocommitted statement of its own (never inside the lock's
 * transaction): once this returns, the pair survives whatever happens to the caller's transaction.
 * Call it while holding {@link withZaloTokenLock}, so that no other writer interleaves.
 */
export async function storeRotatedZaloToken(
  db: PrismaClient,
  pair: NewZaloTokenPair,
  now: Date,
): Promise<void> {
  const data = pairData(pair, now);
  await db.zaloToken.upsert({
    where: { id: TOKEN_ID },
    create: { id: TOKEN_ID, ...data },
    update: { ...data, version: { increment: 1 } },
  });
}

/**
 * Stores a pair given by an operator or a code exchange: replaces whatever was there, clears `brokenAt`,
 * and takes the row lock so that it never interleaves with a refresh in progress.
 */
export async function saveZaloToken(
  db: PrismaClient,
  pair: NewZaloTokenPair,
  now: Date,
): Promise<ZaloTokenStatus> {
  await withZaloTokenLock(db, async () => ({ change: { kind: 'save', pair }, result: undefined }), now);
  const status = await readZaloTokenStatus(db);
  if (!status) throw new Error('the Zalo token row vanished right after it was written');
  return status;
}

/**
 * Runs `decide` while holding the cross-process lock on the token row, then applies its change in the
 * same transaction, so that a new pair is committed before the lock is released (and before anyone
 * uses it). `decide` sees the row as committed by whoever held the lock before (null when there is
 * none). When `decide` throws, nothing changes. Returns `decide`'s result and whether this call is the
 * one that marked the pair broken.
 */
export async function withZaloTokenLock<T>(
  db: PrismaClient,
  decide: (current: StoredZaloToken | null) => Promise<{ change: ZaloTokenChange; result: T }>,
  now: Date,
  timeoutMs = ZALO_TOKEN_LOCK_TIMEOUT_MS,
): Promise<{ result: T; newlyBroken: boolean }> {
  return db.$transaction(
    async (tx) => {
      // lock_timeout stops a stuck holder from blocking senders past the transaction timeout.
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${Math.max(1_000, timeoutMs - 5_000)}ms'`);
      // A transaction-scoped advisory lock rather than FOR UPDATE on the row: it also serialises the very
      // first save, when there is no row to lock yet. Released by COMMIT or ROLLBACK, never leaked.
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${TOKEN_LOCK_KEY}::bigint)) AS l`;
      const row = await tx.zaloToken.findUnique({ where: { id: TOKEN_ID } });
      const { change, result } = await decide(row ? fromRow(row) : null);
      let newlyBroken = false;
      if (change.kind === 'save') {
        const data = pairData(change.pair, now);
        await tx.zaloToken.upsert({
          where: { id: TOKEN_ID },
          create: { id: TOKEN_ID, ...data },
          update: { ...data, version: { increment: 1 } },
        });
      } else if (change.kind === 'broken') {
        const { count } = await tx.zaloToken.updateMany({
          where: { id: TOKEN_ID, brokenAt: null, refreshToken: change.spent },
          data: { brokenAt: now },
        });
        newlyBroken = count === 1;
      }
      return { result, newlyBroken };
    },
    { maxWait: 10_000, timeout: timeoutMs },
  );
}

/** Records a pending authorisation (its PKCE verifier) and drops expired ones. */
export async function createZaloAuthRequest(
  db: PrismaClient,
  input: { state: string; codeVerifier: string; redirectUri: string; now: Date },
): Promise<{ expiresAt: Date }> {
  const expiresAt = new Date(input.now.getTime() + ZALO_AUTH_REQUEST_TTL_MS);
  await db.$transaction([
    db.zaloAuthRequest.deleteMany({ where: { expiresAt: { lte: input.now } } }),
    db.zaloAuthRequest.create({
      data: {
        state: input.state,
        codeVerifier: input.codeVerifier,
        redirectUri: input.redirectUri,
        createdAt: input.now,
        expiresAt,
      },
    }),
  ]);
  return { expiresAt };
}

/** A pending authorisation: by its state, or the newest one; null when none is left (or it expired). */
export async function findZaloAuthRequest(
  db: PrismaClient,
  input: { state?: string; now: Date },
): Promise<{ state: string; codeVerifier: string; redirectUri: string; expiresAt: Date } | null> {
  return db.zaloAuthRequest.findFirst({
    where: { expiresAt: { gt: input.now }, ...(input.state ? { state: input.state } : {}) },
    orderBy: { createdAt: 'desc' },
    select: { state: true, codeVerifier: true, redirectUri: true, expiresAt: true },
  });
}

/** Forgets a pending authorisation once its code was exchanged (a code is single use anyway). */
export async function deleteZaloAuthRequest(db: PrismaClient, state: string): Promise<void> {
  await db.zaloAuthRequest.deleteMany({ where: { state } });
}

/**
 * The token store port of `bot/zalo/zalo-token-manager.ts`, over this database. `lockTimeoutMs` (tests
 * shorten it) bounds how long the lock's transaction may live.
 */
export function createZaloTokenStore(db: PrismaClient, options: { lockTimeoutMs?: number } = {}) {
  return {
    read: () => readZaloToken(db),
    withLock: <T>(
      decide: (current: StoredZaloToken | null) => Promise<{ change: ZaloTokenChange; result: T }>,
      now: Date,
    ) => withZaloTokenLock(db, decide, now, options.lockTimeoutMs),
    storeRotated: (pair: NewZaloTokenPair, now: Date) => storeRotatedZaloToken(db, pair, now),
  };
}
