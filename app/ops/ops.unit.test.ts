/**
 * Token parsing and comparison, the cache of channel checks, and the channel checks against a local HTTP
 * server (answering, refusing, too slow, closed).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationMatches, tokenOf } from './bearer-auth.ts';
import { cached, telegramCheck, zaloCheck } from './channel-checks.ts';

const TOKEN = 'operator-token-0123456789abcdef';
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('operator tokens', () => {
  it.each([
    [undefined, null],
    ['', null],
    [`Bearer ${TOKEN}`, TOKEN],
    [`bearer ${TOKEN}`, TOKEN],
    [basic('ops', TOKEN), TOKEN],
    [basic('', 'a:b'), 'a:b'],
    [`Token ${TOKEN}`, null],
    [`Bearer ${TOKEN} extra`, null],
    [`Basic ${Buffer.from('no-colon').toString('base64')}`, null],
  ])('tokenOf(%j) is %j', (header, expected) => {
    expect(tokenOf(header)).toBe(expected);
  });

  it('GIVEN the token THEN it matches; a prefix, a longer one or none THEN not', () => {
    expect(authorizationMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(authorizationMatches(basic('x', TOKEN), TOKEN)).toBe(true);
    expect(authorizationMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(authorizationMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(authorizationMatches(undefined, TOKEN)).toBe(false);
    expect(authorizationMatches('Bearer ', '')).toBe(false);
  });
});

describe('cached checks', () => {
  it('GIVEN a success THEN it is kept for ttl; a failure at most 5 s; concurrent callers share one call', async () => {
    let clock = 0;
    let calls = 0;
    let answer = true;
    const check = cached(
      async () => {
        calls += 1;
        return answer;
      },
      { ttlMs: 30_000, now: () => clock },
    );
    expect(await Promise.all([check(), check()])).toEqual([true, true]);
    expect(calls).toBe(1);
    clock = 29_999;
    answer = false;
    expect(await check()).toBe(true);
    clock = 30_000;
    expect(await check()).toBe(false);
    expect(calls).toBe(2);
    answer = true;
    clock = 34_999;
    expect(await check()).toBe(false);
    clock = 35_000;
    expect(await check()).toBe(true);
    expect(calls).toBe(3);
  });

  it('GIVEN ttl 0 THEN every call checks again; a throwing check counts as a failure', async () => {
    let calls = 0;
    const check = cached(
      async () => {
        calls += 1;
        throw new Error('boom');
      },
      { ttlMs: 0 },
    );
    expect(await check()).toBe(false);
    expect(await check()).toBe(false);
    expect(calls).toBe(2);
  });
});

describe('channel checks', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/botGOOD/getMe') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":{"id":1}}');
      } else if (req.url?.startsWith('/slow')) {
        setTimeout(() => res.writeHead(200).end(), 1000);
      } else {
        res.writeHead(req.url?.startsWith('/bot') ? 401 : 404).end('{"ok":false}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('Telegram: getMe ok THEN reachable; a refused token, a slow server or a closed port THEN not', async () => {
    expect(await telegramCheck({ apiRoot: `${base}/`, token: 'GOOD', timeoutMs: 500 })()).toBe(true);
    expect(await telegramCheck({ apiRoot: base, token: 'BAD', timeoutMs: 500 })()).toBe(false);
    expect(await telegramCheck({ apiRoot: `${base}/slow`, token: 'GOOD', timeoutMs: 100 })()).toBe(false);
    expect(await telegramCheck({ apiRoot: 'http://127.0.0.1:1', token: 'GOOD', timeoutMs: 500 })()).toBe(
      false,
    );
  });

  it('Zalo: a valid token and any HTTP answer THEN ready; no, broken or expired token, a slow server or a closed port THEN not', async () => {
    const now = new Date('2026-12-04T10:00:00Z');
    const valid = { accessExpiresAt: new Date('2026-12-05T10:00:00Z'), brokenAt: null };
    const check = (
      apiBase: string,
      token: typeof valid | { accessExpiresAt: Date; brokenAt: Date } | null,
      timeoutMs = 500,
    ) => zaloCheck({ apiBase, timeoutMs, readToken: async () => token, now: () => now })();
    expect(await check(base, valid)).toBe(true);
    expect(await check(base, null)).toBe(false);
    expect(await check(base, { ...valid, brokenAt: new Date('2026-12-04T09:00:00Z') })).toBe(false);
    expect(await check(base, { accessExpiresAt: new Date('2026-12-04T09:59:59Z'), brokenAt: null })).toBe(
      false,
    );
    expect(await check(`${base}/slow`, valid, 100)).toBe(false);
    expect(await check('http://127.0.0.1:1', valid)).toBe(false);
  });
});
