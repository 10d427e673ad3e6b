import axios from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeZalo, startFakeZaloServer } from '../../test/fakes/zalo-api-server.ts';
import { ZaloApiError } from './zalo-errors.ts';
import {
  buildAuthorizeUrl,
  createPkcePair,
  exchangeCode,
  pkceChallenge,
  refreshAccessToken,
} from './zalo-oauth.ts';

const NOW = new Date('2026-12-01T03:00:00.000Z');

describe('PKCE and the authorize URL', () => {
  it('makes a 43-character alphanumeric verifier and its base64url SHA-256 challenge', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { codeVerifier, codeChallenge } = createPkcePair();
      expect(codeVerifier).toMatch(/^[A-Za-z0-9]{43}$/);
      expect(codeChallenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(codeChallenge).toBe(pkceChallenge(codeVerifier));
      seen.add(codeVerifier);
    }
    expect(seen.size).toBe(50);
  });

  it('matches a vector computed independently with openssl (sha256 | base64url, no padding)', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mJ92K9H8kKqEQO6pKj1vzXy5Wq7qZM')).toBe(
      'PKpgVcCOzJZca1vyigfe9GBTGK4XGQAanKABj76jisk',
    );
  });

  it('builds /v4/oa/permission with encoded parameters', () => {
    const url = new URL(
      buildAuthorizeUrl({
        oauthBase: 'https://oauth.zaloapp.com/',
        appId: '123',
        redirectUri: 'https://bot.example.vn/zalo/callback?x=1',
        codeChallenge: 'abc',
        state: 's t',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://oauth.zaloapp.com/v4/oa/permission');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      app_id: '123',
      redirect_uri: 'https://bot.example.vn/zalo/callback?x=1',
      code_challenge: 'abc',
      state: 's t',
    });
  });
});

describe('token endpoint against the fake', () => {
  let fake: FakeZalo;
  const http = axios.create();
  beforeEach(async () => {
    fake = await startFakeZaloServer({ now: () => NOW });
  });
  afterEach(() => fake.close());

  const creds = () => ({ oauthBase: fake.oauthBase, appId: fake.appId, appSecret: fake.appSecret, now: NOW });

  it('exchanges a code (with the verifier) and computes expiresAt from the string expires_in', async () => {
    const pkce = createPkcePair();
    const code = fake.issueAuthorizationCode(pkce.codeChallenge);
    const pair = await exchangeCode(http, { ...creds(), code, codeVerifier: pkce.codeVerifier });
    expect(pair.accessToken).toBe(fake.issuedTokens[0]?.accessToken);
    expect(pair.expiresAt.getTime()).toBe(NOW.getTime() + 90_000_000);
  });

  it('rejects a wrong verifier and a reused code as auth errors', async () => {
    const pkce = createPkcePair();
    const code = fake.issueAuthorizationCode(pkce.codeChallenge);
    const wrong = exchangeCode(http, { ...creds(), code, codeVerifier: createPkcePair().codeVerifier });
    await expect(wrong).rejects.toMatchObject({ name: 'ZaloApiError', category: 'auth' });
    const reused = exchangeCode(http, { ...creds(), code, codeVerifier: pkce.codeVerifier });
    await expect(reused).rejects.toBeInstanceOf(ZaloApiError);
  });

  it('refresh rotates the pair and the old refresh token is dead', async () => {
    const first = fake.issueTokens();
    const second = await refreshAccessToken(http, { ...creds(), refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(fake.refreshCount).toBe(1);
    const again = refreshAccessToken(http, { ...creds(), refreshToken: first.refreshToken });
    await expect(again).rejects.toMatchObject({ category: 'auth', endpoint: '/v4/oa/access_token' });
    expect(fake.refreshCount).toBe(1);
    const third = await refreshAccessToken(http, { ...creds(), refreshToken: second.refreshToken });
    expect(third.accessToken).toBe(fake.issuedTokens[2]?.accessToken);
  });

  it('never puts the secret or the refresh token in the error message', async () => {
    const err = await refreshAccessToken(http, {
      ...creds(),
      appSecret: 'wrong-secret',
      refreshToken: 'rt-secret',
    })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    const text = JSON.stringify({
      ...(err as Error),
      message: (err as Error).message,
      stack: (err as Error).stack,
    });
    expect(text).not.toContain('wrong-secret');
    expect(text).not.toContain('rt-secret');
  });
});

describe('token response parsing', () => {
  const stub = (body: string, status = 200) =>
    axios.create({
      adapter: async (config) => ({ data: body, status, statusText: '', headers: {}, config }),
    });
  const args = { oauthBase: 'https://o', appId: '1', appSecret: 's', refreshToken: 'r', now: NOW };

  it('accepts a numeric expires_in', async () => {
    const pair = await refreshAccessToken(
      stub('{"access_token":"a","refresh_token":"b","expires_in":3600}'),
      args,
    );
    expect(pair).toEqual({
      accessToken: 'a',
      refreshToken: 'b',
      expiresAt: new Date(NOW.getTime() + 3_600_000),
    });
  });

  it('treats HTTP 200 with error != 0, or no access_token, as auth', async () => {
    for (const body of ['{"error":-14014,"error_name":"Invalid refresh token"}', '{"refresh_token":"b"}']) {
      await expect(refreshAccessToken(stub(body), args)).rejects.toMatchObject({ category: 'auth' });
    }
  });

  it('treats HTTP 5xx and non-JSON as transient transport errors', async () => {
    await expect(refreshAccessToken(stub('oops', 502), args)).rejects.toMatchObject({
      name: 'ZaloHttpError',
      category: 'transient',
    });
    await expect(refreshAccessToken(stub('<html>'), args)).rejects.toMatchObject({ kind: 'bad-response' });
  });
});
