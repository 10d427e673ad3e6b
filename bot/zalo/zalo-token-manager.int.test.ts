/**
 * The token manager over the real PostgreSQL token row and the fake Zalo OAuth/OpenAPI server: refresh
 * ahead of expiry, rotation, two processes racing for one refresh token, a refused refresh.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../../store/prisma-client.ts';
import { createZaloTokenStore, readZaloToken, saveZaloToken } from '../../store/zalo-tokens.ts';
import { type FakeZalo, startFakeZaloServer } from '../../test/fakes/zalo-api-server.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { ZaloClient } from './zalo-client.ts';
import { ZaloTokenManager, type ZaloTokenManagerOptions } from './zalo-token-manager.ts';

const USER = '8757318465512391234';
const HOUR = 3_600_000;

let database: TestDatabase;
let fake: FakeZalo;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});
beforeEach(async () => {
  fake = await startFakeZaloServer();
  await database.db.zaloToken.deleteMany();
});
afterEach(async () => {
  await fake.close();
});

function logger() {
  const lines: string[] = [];
  const log = (level: string) => (obj: object, msg: string) =>
    lines.push(`${level} ${msg} ${JSON.stringify(obj)}`);
  return { lines, info: log('info'), warn: log('warn'), error: log('error') };
}

/** A token manager and a client as app/features/zalo.ts wires them, over `db`. */
function wire(db: PrismaClient, extra: Partial<ZaloTokenManagerOptions> = {}) {
  const log = logger();
  const tokens: ZaloTokenManager = new ZaloTokenManager({
    store: createZaloTokenStore(db),
    refresh: (refreshToken, at) => client.refreshAccessToken(refreshToken, at),
    logger: log,
    ...extra,
  });
  const client = new ZaloClient({
    apiBase: fake.apiBase,
    oauthBase: fake.oauthBase,
    appId: fake.appId,
    appSecret: fake.appSecret,
    getAccessToken: () => tokens.getAccessToken(),
    onAuthError: (refused) => tokens.refreshAfterAuthError(refused),
  });
  return { tokens, client, log };
}

/** Seeds the row with a pair the fake issued, expiring in `expiresInMs`. */
async function seed(expiresInMs = 25 * HOUR) {
  const pair = fake.issueTokens();
  await saveZaloToken(database.db, { ...pair, expiresAt: new Date(Date.now() + expiresInMs) }, new Date());
  return pair;
}

describe('ZaloTokenManager', () => {
  it('GIVEN a fresh stored token THEN it is used as it is, with no refresh', async () => {
    const pair = await seed();
    const { tokens, client } = wire(database.db);
    expect(await tokens.getAccessToken()).toBe(pair.accessToken);
    await client.sendText(USER, 'xin chào');
    expect(fake.sent).toHaveLength(1);
    expect(fake.refreshCount).toBe(0);
  });

  it('GIVEN less than an hour left THEN it refreshes, commits the rotated pair, and the old refresh token is spent', async () => {
    const old = await seed(30 * 60_000);
    const before = await readZaloToken(database.db);
    const { tokens, log } = wire(database.db);
    const token = await tokens.getAccessToken();
    expect(fake.refreshCount).toBe(1);
    const stored = await readZaloToken(database.db);
    expect(stored).toMatchObject({ accessToken: token, version: (before?.version ?? 0) + 1, brokenAt: null });
    expect(stored?.refreshToken).not.toBe(old.refreshToken);
    expect(stored?.accessExpiresAt.getTime()).toBeGreaterThan(Date.now() + 24 * HOUR);
    expect(await tokens.getAccessToken()).toBe(token);
    expect(fake.refreshCount).toBe(1);
    expect(log.lines.join('\n')).not.toContain(token);
  });

  it('GIVEN two processes refreshing at once THEN the refresh token is spent once and both get the new token', async () => {
    await seed(10 * 60_000);
    const second = createPrismaClient({ databaseUrl: database.url, maxConnections: 2 });
    try {
      // Slow refreshes widen the race: without the lock both would spend the same refresh token.
      const slow = (client: () => ZaloClient) => ({
        refresh: async (refreshToken: string, at: Date) => {
          await new Promise((resolve) => setTimeout(resolve, 150));
          return client().refreshAccessToken(refreshToken, at);
        },
      });
      let clientA: ZaloClient | undefined;
      let clientB: ZaloClient | undefined;
      const a = wire(
        database.db,
        slow(() => clientA as ZaloClient),
      );
      const b = wire(
        second,
        slow(() => clientB as ZaloClient),
      );
      clientA = a.client;
      clientB = b.client;
      const [tokenA, tokenB] = await Promise.all([a.tokens.getAccessToken(), b.tokens.getAccessToken()]);
      expect(fake.refreshCount).toBe(1);
      expect(tokenA).toBe(tokenB);
      expect(tokenA).toBe(fake.issuedTokens.at(-1)?.accessToken);
      expect((await readZaloToken(database.db))?.brokenAt).toBeNull();
    } finally {
      await second.$disconnect();
    }
  });

  it('GIVEN Zalo refuses the token (-216) in several concurrent sends THEN one refresh and every send retried once', async () => {
    await seed();
    const { client } = wire(database.db);
    fake.expireAccessToken();
    const users = ['1001', '1002', '1003', '1004', '1005'];
    const sent = await Promise.all(users.map((u) => client.sendText(u, 'nhắc việc')));
    expect(sent.map((s) => s.messageId)).toEqual(
      users.map((u) => fake.sent.find((m) => m.userId === u)?.messageId),
    );
    expect(fake.refreshCount).toBe(1);
  });

  it('GIVEN another process already rotated the pair THEN an auth error uses the stored pair without refreshing', async () => {
    const old = await seed();
    const a = wire(database.db);
    const b = wire(database.db);
    await b.tokens.refreshAfterAuthError(old.accessToken);
    expect(fake.refreshCount).toBe(1);
    await a.client.sendText(USER, 'x');
    // a's first call used the new stored token directly; a refusal of the old one would not refresh either.
    expect(await a.tokens.refreshAfterAuthError(old.accessToken)).toBe(fake.issuedTokens.at(-1)?.accessToken);
    expect(fake.refreshCount).toBe(1);
  });

  it('GIVEN the refresh is refused THEN brokenAt is set, admins alerted once, no token logged, later calls fail fast', async () => {
    const old = await seed(10 * 60_000);
    // Spend the refresh token behind the store's back: the chain is broken.
    const other = new ZaloClient({
      apiBase: fake.apiBase,
      oauthBase: fake.oauthBase,
      appId: fake.appId,
      appSecret: fake.appSecret,
      getAccessToken: async () => '',
    });
    await other.refreshAccessToken(old.refreshToken, new Date());
    const onBroken = vi.fn(async () => {});
    const first = wire(database.db, { onBroken });
    const secondProcess = wire(database.db, { onBroken });
    await expect(first.tokens.getAccessToken()).rejects.toMatchObject({
      name: 'ZaloApiError',
      category: 'auth',
    });
    await expect(secondProcess.tokens.getAccessToken()).rejects.toMatchObject({ category: 'auth' });
    await expect(first.client.sendText(USER, 'x')).rejects.toMatchObject({ category: 'auth' });
    expect(onBroken).toHaveBeenCalledTimes(1);
    expect(onBroken).toHaveBeenCalledWith({
      at: expect.any(Date),
      reason: expect.stringContaining('-14014'),
    });
    expect((await readZaloToken(database.db))?.brokenAt).toBeInstanceOf(Date);
    expect(fake.refreshCount).toBe(1);
    const logs = [...first.log.lines, ...secondProcess.log.lines].join('\n');
    expect(logs).toMatch(/refresh was refused/u);
    for (const secret of [old.accessToken, old.refreshToken, fake.appSecret])
      expect(logs).not.toContain(secret);
    // An operator storing a new pair repairs it.
    const fresh = fake.issueTokens();
    await saveZaloToken(database.db, fresh, new Date());
    expect(await first.tokens.getAccessToken()).toBe(fresh.accessToken);
  });

  it('GIVEN no token stored THEN an auth error that says how to authorise', async () => {
    const { tokens } = wire(database.db);
    await expect(tokens.getAccessToken()).rejects.toThrow(/zalo auth-url/u);
  });

  it('GIVEN the OAuth host is down THEN the still-valid token is used and nothing is marked broken', async () => {
    const pair = await seed(30 * 60_000);
    const { tokens, log } = wire(database.db, {
      refresh: async () => {
        const { ZaloHttpError } = await import('./zalo-errors.ts');
        throw new ZaloHttpError({ endpoint: '/v4/oa/access_token', kind: 'timeout', message: 'timed out' });
      },
    });
    expect(await tokens.getAccessToken()).toBe(pair.accessToken);
    expect((await readZaloToken(database.db))?.brokenAt).toBeNull();
    expect(log.lines.join('\n')).toMatch(/using the current token/u);
  });
});

describe('ZaloTokenManager: no refresh token lost to a timeout or a transient failure', () => {
  it('GIVEN Zalo issues the new pair but answers after the lock transaction timed out THEN the pair is stored and the chain goes on', async () => {
    await seed(10 * 60_000);
    const onBroken = vi.fn(async () => {});
    const { tokens, client } = wire(database.db, { onBroken });
    // The lock's transaction may live 1 s; Zalo spends the old refresh token, then answers 2 s later.
    const shortLock = createZaloTokenStore(database.db, { lockTimeoutMs: 1_000 });
    const manager = new ZaloTokenManager({
      store: shortLock,
      refresh: (refreshToken, at) => client.refreshAccessToken(refreshToken, at),
      onBroken,
    });
    fake.failNextToken(1, { respondAfterMs: 2_000 });
    const token = await manager.getAccessToken();
    const issued = fake.issuedTokens.at(-1);
    expect(token).toBe(issued?.accessToken);
    const stored = await readZaloToken(database.db);
    expect(stored).toMatchObject({ accessToken: issued?.accessToken, refreshToken: issued?.refreshToken });
    expect(stored?.brokenAt).toBeNull();
    // The stored refresh token is the live one: the next rotation works.
    fake.expireAccessToken();
    await client.sendText(USER, 'sau khi làm mới');
    expect(fake.refreshCount).toBe(2);
    expect(await tokens.getAccessToken()).toBe(fake.issuedTokens.at(-1)?.accessToken);
    expect(onBroken).not.toHaveBeenCalled();
  });

  it('GIVEN a 502 then a reset connection THEN the refresh is retried and succeeds, nothing marked broken', async () => {
    const old = await seed(10 * 60_000);
    const onBroken = vi.fn(async () => {});
    const { tokens, log } = wire(database.db, { onBroken, refreshBackoffMs: 50 });
    fake.failNextToken(1, 'http-502');
    fake.failNextToken(1, 'reset');
    const token = await tokens.getAccessToken();
    expect(token).not.toBe(old.accessToken);
    expect(token).toBe(fake.issuedTokens.at(-1)?.accessToken);
    expect(fake.refreshCount).toBe(1);
    expect(await readZaloToken(database.db)).toMatchObject({ accessToken: token, brokenAt: null });
    expect(log.lines.filter((l) => /retrying/u.test(l))).toHaveLength(2);
    expect(onBroken).not.toHaveBeenCalled();
  });

  it('GIVEN every try fails in transport and the token has expired THEN the call fails, the chain is intact, and the next call refreshes', async () => {
    const old = await seed(-60_000);
    const onBroken = vi.fn(async () => {});
    const { tokens } = wire(database.db, { onBroken, refreshAttempts: 2, refreshBackoffMs: 20 });
    fake.failNextToken(2, 'http-502');
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ name: 'ZaloHttpError' });
    expect(await readZaloToken(database.db)).toMatchObject({
      refreshToken: old.refreshToken,
      brokenAt: null,
    });
    expect(await tokens.getAccessToken()).toBe(fake.issuedTokens.at(-1)?.accessToken);
    expect(fake.refreshCount).toBe(1);
    expect(onBroken).not.toHaveBeenCalled();
  });
});
