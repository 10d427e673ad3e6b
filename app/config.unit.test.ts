import { describe, expect, it } from 'vitest';
import { parseConfig, secretsOf } from './config.ts';

const BASE = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/deanbot' };

describe('parseConfig', () => {
  it('GIVEN only DATABASE_URL THEN defaults apply and both channels are disabled', () => {
    const result = parseConfig(BASE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      logLevel: 'info',
      timeZone: 'Asia/Ho_Chi_Minh',
      telegram: { enabled: false, apiRoot: 'https://api.telegram.org' },
      zalo: { enabled: false, apiBase: 'https://openapi.zalo.me', oauthBase: 'https://oauth.zaloapp.com' },
    });
  });

  it.each([
    ['missing DATABASE_URL', {}, /^DATABASE_URL: .*\(example: DATABASE_URL=postgresql:/u],
    ['malformed DATABASE_URL', { DATABASE_URL: 'localhost:5432' }, /^DATABASE_URL: must be a URL/u],
    [
      'PORT not a number',
      { ...BASE, PORT: 'abc' },
      /^PORT: must be a whole number from 1 to 65535 \(example: PORT=3000\)$/u,
    ],
    ['PORT out of range', { ...BASE, PORT: '70000' }, /^PORT: must be 1-65535/u],
    ['unknown LOG_LEVEL', { ...BASE, LOG_LEVEL: 'loud' }, /^LOG_LEVEL: must be one of/u],
    ['bad time zone', { ...BASE, APP_TIMEZONE: 'Mars/Olympus' }, /^APP_TIMEZONE: must be an IANA time zone/u],
    ['bad Telegram token', { ...BASE, TELEGRAM_BOT_TOKEN: 'abc' }, /^TELEGRAM_BOT_TOKEN: must look like/u],
    [
      'webhook URL without secret',
      {
        ...BASE,
        TELEGRAM_BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAA',
        TELEGRAM_WEBHOOK_URL: 'https://x.example/webhooks/telegram',
      },
      /^TELEGRAM_WEBHOOK_SECRET: is required when TELEGRAM_WEBHOOK_URL is set/u,
    ],
    [
      'half a Zalo configuration',
      { ...BASE, ZALO_APP_ID: '123' },
      /^ZALO_APP_SECRET: is required when any ZALO_ variable/u,
    ],
    [
      'bad Redis URL',
      { ...BASE, REDIS_URL: 'http://localhost' },
      /^REDIS_URL: must be a URL starting with redis:/u,
    ],
  ])('GIVEN %s THEN one line names the variable, the problem and an example', (_name, env, line) => {
    const result = parseConfig(env);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((p) => line.test(p))).toBe(true);
    for (const p of result.problems) expect(p).not.toContain('\n');
  });

  it('GIVEN Telegram and Zalo credentials THEN both channels are enabled with their modes', () => {
    const result = parseConfig({
      ...BASE,
      TELEGRAM_BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAA',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example/webhooks/telegram',
      TELEGRAM_WEBHOOK_SECRET: 'abcdefghijklmnop_123',
      ZALO_APP_ID: '42',
      ZALO_APP_SECRET: 'app-secret-value',
      ZALO_OA_SECRET_KEY: 'oa-secret-value',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.telegram).toMatchObject({ enabled: true, mode: 'webhook' });
    expect(result.config.zalo).toMatchObject({ enabled: true, appId: '42' });
    expect(secretsOf(result.config)).toEqual(
      expect.arrayContaining(['123456:AAAAAAAAAAAAAAAAAAAAAAAA', 'app-secret-value', 'oa-secret-value']),
    );
  });
});

describe('operations variables', () => {
  it('GIVEN nothing THEN /metrics is open and channel checks are kept 30 s; GIVEN values THEN they apply and the token is a secret', () => {
    const defaults = parseConfig(BASE);
    expect(defaults.ok && defaults.config).toMatchObject({
      metricsToken: undefined,
      readyChannelCacheSeconds: 30,
    });
    const set = parseConfig({
      ...BASE,
      METRICS_TOKEN: 'metrics-token-0123456789abcdef',
      READY_CHANNEL_CACHE_SECONDS: '0',
    });
    expect(set.ok).toBe(true);
    if (!set.ok) return;
    expect(set.config).toMatchObject({
      metricsToken: 'metrics-token-0123456789abcdef',
      readyChannelCacheSeconds: 0,
    });
    expect(secretsOf(set.config)).toContain('metrics-token-0123456789abcdef');
  });

  it.each([
    [{ METRICS_TOKEN: 'short' }, /^METRICS_TOKEN: must be at least 24 characters \(example: /u],
    [{ READY_CHANNEL_CACHE_SECONDS: '-1' }, /^READY_CHANNEL_CACHE_SECONDS: must be 0-3600 \(example: /u],
    [
      { READY_CHANNEL_CACHE_SECONDS: 'soon' },
      /^READY_CHANNEL_CACHE_SECONDS: must be a whole number of seconds/u,
    ],
  ])('GIVEN %j THEN one line explains it', (env, line) => {
    const result = parseConfig({ ...BASE, ...env });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(line);
  });
});
