/**
 * `npm run cli -- zalo ...` as an operator runs it, against the fake Zalo OAuth host: authorising the OA
 * with PKCE, storing tokens by hand, reading the status. Tokens never appear in the output.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZaloToken, saveZaloToken } from '../store/zalo-tokens.ts';
import { type FakeZalo, startFakeZaloServer } from '../test/fakes/zalo-api-server.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/db.ts';

/** Runs the CLI asynchronously (the fake server answers from this same process meanwhile). */
function cli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', ...args],
      { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('npm run cli -- zalo', () => {
  let t: TestDatabase;
  let fake: FakeZalo;
  let zaloEnv: Record<string, string>;
  const REDIRECT = 'https://bot.example.gov.vn/zalo/callback';

  beforeAll(async () => {
    t = await createTestDatabase();
    fake = await startFakeZaloServer();
    zaloEnv = {
      DATABASE_URL: t.url,
      ZALO_APP_ID: fake.appId,
      ZALO_APP_SECRET: fake.appSecret,
      ZALO_OA_SECRET_KEY: fake.oaSecretKey,
      ZALO_API_BASE: fake.apiBase,
      ZALO_OAUTH_BASE: fake.oauthBase,
      ZALO_REDIRECT_URI: REDIRECT,
    };
  });
  afterAll(async () => {
    await fake?.close();
    await t?.drop();
  });

  const noTokens = (...outputs: string[]) => {
    for (const pair of fake.issuedTokens) {
      for (const out of outputs) {
        expect(out).not.toContain(pair.accessToken);
        expect(out).not.toContain(pair.refreshToken);
      }
    }
  };

  it('GIVEN no ZALO_* variables THEN status still answers and auth-url says what to set (exit 2)', async () => {
    const status = await cli(['zalo', 'status', '--json'], { DATABASE_URL: t.url });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ configured: false, stored: false, usable: false });
    const url = await cli(['zalo', 'auth-url'], { DATABASE_URL: t.url });
    expect(url.code).toBe(2);
    expect(url.stderr).toMatch(
      /Zalo is not configured: set ZALO_APP_ID, ZALO_APP_SECRET, ZALO_OA_SECRET_KEY/u,
    );
    const partial = await cli(['zalo', 'auth-url'], { DATABASE_URL: t.url, ZALO_APP_ID: '123' });
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/ZALO_APP_SECRET: is required when any ZALO_ variable is set/u);
    const { ZALO_REDIRECT_URI: _r, ...withoutRedirect } = zaloEnv;
    const noRedirect = await cli(['zalo', 'auth-url'], withoutRedirect);
    expect(noRedirect.code).toBe(2);
    expect(noRedirect.stderr).toMatch(/ZALO_REDIRECT_URI is not set/u);
  });

  it('GIVEN auth-url, consent and exchange THEN the pair is stored and the status shows dates only', async () => {
    const started = await cli(['zalo', 'auth-url', '--json'], zaloEnv);
    expect(started.code).toBe(0);
    const out = JSON.parse(started.stdout) as { url: string; state: string; verifierStoredIn: string };
    const url = new URL(out.url);
    expect(url.origin + url.pathname).toBe(`${fake.oauthBase}/v4/oa/permission`);
    expect(url.searchParams.get('app_id')).toBe(fake.appId);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('state')).toBe(out.state);
    expect(out.verifierStoredIn).toMatch(/zalo_auth_request/u);
    const pending = await t.db.zaloAuthRequest.findUniqueOrThrow({ where: { state: out.state } });
    expect(started.stdout).not.toContain(pending.codeVerifier);

    // The OA admin approves; Zalo redirects to the callback with the code and our state.
    const code = fake.issueAuthorizationCode(url.searchParams.get('code_challenge') ?? '');
    const exchanged = await cli(
      ['zalo', 'exchange', `${REDIRECT}?code=${code}&oa_id=${fake.oaId}&state=${out.state}`],
      zaloEnv,
    );
    expect(exchanged.code).toBe(0);
    expect(exchanged.stdout).toMatch(/The OA is authorised/u);
    const stored = await readZaloToken(t.db);
    expect(stored?.accessToken).toBe(fake.issuedTokens.at(-1)?.accessToken);
    expect(await t.db.zaloAuthRequest.count({ where: { state: out.state } })).toBe(0);

    const status = await cli(['zalo', 'status', '--json'], zaloEnv);
    expect(JSON.parse(status.stdout)).toMatchObject({
      configured: true,
      stored: true,
      usable: true,
      broken: false,
      accessExpiresAt: stored?.accessExpiresAt.toISOString(),
      version: stored?.version,
    });
    noTokens(started.stdout, started.stderr, exchanged.stdout, exchanged.stderr, status.stdout);

    // A code works once.
    const again = await cli(['zalo', 'exchange', code], zaloEnv);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/No pending authorisation/u);
  });

  it('GIVEN a code Zalo refuses THEN exit 1 with what to do, nothing stored', async () => {
    const before = await readZaloToken(t.db);
    expect((await cli(['zalo', 'auth-url'], zaloEnv)).code).toBe(0);
    const refused = await cli(['zalo', 'exchange', 'code-that-zalo-never-issued'], zaloEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Zalo refused the code: .*run npm run cli -- zalo auth-url again/u);
    expect((await readZaloToken(t.db))?.version).toBe(before?.version);
  });

  it('GIVEN set-tokens THEN the pair is stored, repairs a broken one, and is never echoed', async () => {
    // A stored pair Zalo no longer accepts (marked broken), for set-tokens to repair.
    const old = fake.issueTokens();
    await saveZaloToken(
      t.db,
      {
        accessToken: old.accessToken,
        refreshToken: old.refreshToken,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
      new Date(),
    );
    await t.db.zaloToken.update({ where: { id: 1 }, data: { brokenAt: new Date() } });
    const pair = fake.issueTokens();
    const set = await cli(
      [
        'zalo',
        'set-tokens',
        '--access',
        pair.accessToken,
        '--refresh',
        pair.refreshToken,
        '--expires-in',
        '3600',
        '--json',
      ],
      zaloEnv,
    );
    expect(set.code).toBe(0);
    const out = JSON.parse(set.stdout) as { accessExpiresAt: string; broken: boolean };
    expect(out.broken).toBe(false);
    expect(Math.abs(new Date(out.accessExpiresAt).getTime() - (Date.now() + 3_600_000))).toBeLessThan(60_000);
    expect(await readZaloToken(t.db)).toMatchObject({ accessToken: pair.accessToken, brokenAt: null });
    noTokens(set.stdout, set.stderr);
    const text = await cli(['zalo', 'status'], zaloEnv);
    expect(text.stdout).toMatch(/^OK\nAccess token expires /u);
    const bad = await cli(
      ['zalo', 'set-tokens', '--access', 'a', '--refresh', 'b', '--expires-in', 'soon'],
      zaloEnv,
    );
    expect(bad.code).toBe(2);
  });
});
