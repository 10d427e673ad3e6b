/**
 * The operations endpoints on the real runtime (PostgreSQL, Redis, the fake Telegram Bot API): /metrics
 * reports what the delivery worker and the webhook really did, /ready follows Telegram's reachability,
 * and the queue dashboard and /metrics refuse requests without their tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegramServer } from '../../test/fakes/telegram-api-server.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from '../../test/support/app.ts';

const ADMIN_TOKEN = 'admin-token-for-the-ops-test-0123456789';
const METRICS_TOKEN = 'metrics-token-for-the-ops-test-0123456789';
const WEBHOOK_SECRET = 'webhook_secret_for_ops_test';

describe('operations endpoints', () => {
  let fake: FakeTelegram;
  let app: TestApp;

  const inject = (options: {
    url: string;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    payload?: object;
  }) =>
    app.runtime.server!.inject({
      method: options.method ?? 'GET',
      url: options.url,
      headers: options.headers,
      payload: options.payload,
    });
  const scrape = async () => {
    const res = await inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  /** The value of one sample, or undefined when the series is absent. */
  const sample = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };
  const eventually = async (series: string, expected: number, timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = sample(await scrape(), series);
      if (value === expected) return;
      if (Date.now() > deadline) throw new Error(`${series} is ${value}, expected ${expected}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    fake = await startFakeTelegramServer({ token: TEST_BOT_TOKEN });
    app = await startTestApp({
      telegram: fake,
      env: {
        ADMIN_TOKEN,
        METRICS_TOKEN,
        READY_CHANNEL_CACHE_SECONDS: '0',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.gov.vn/webhooks/telegram',
        TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('GIVEN METRICS_TOKEN THEN /metrics answers 401 without it or with another, and the exposition with it', async () => {
    expect((await inject({ url: '/metrics' })).statusCode).toBe(401);
    const wrong = await inject({ url: '/metrics', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(wrong.statusCode).toBe(401);
    const ok = await inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/u);
    expect(ok.body).toContain('# TYPE deanbot_messages_sent_total counter');
    expect(sample(ok.body, 'deanbot_metrics_source_up{source="database"}')).toBe(1);
    expect(sample(ok.body, 'deanbot_metrics_source_up{source="redis"}')).toBe(1);
    expect(sample(ok.body, 'deanbot_queue_jobs{queue="outbox",state="waiting"}')).toBe(0);
    expect(sample(ok.body, 'deanbot_queue_oldest_waiting_seconds{queue="outbox"}')).toBe(0);
    expect(sample(ok.body, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('GIVEN a message whose first send fails THEN sent and retried move for Telegram, and a delayed one shows in the queue depth', async () => {
    fake.failNext(1, { status: 500 }, { method: 'sendMessage' });
    const to = { channel: 'telegram' as const, chatId: '7001' };
    await app.runtime.outbox.enqueue([
      { dedupKey: 'ops-test-now', kind: 'notice', officerId: null, to, message: { text: 'một' } },
      {
        dedupKey: 'ops-test-later',
        kind: 'notice',
        officerId: null,
        to,
        message: { text: 'hai' },
        notBefore: new Date(Date.now() + 3_600_000),
      },
    ]);
    await eventually('deanbot_messages_sent_total{channel="telegram"}', 1);
    const text = await scrape();
    expect(sample(text, 'deanbot_messages_retried_total{channel="telegram"}')).toBe(1);
    expect(sample(text, 'deanbot_messages_open{channel="telegram"}')).toBe(1);
    expect(sample(text, 'deanbot_queue_jobs{queue="outbox",state="delayed"}')).toBe(1);
    expect(sample(text, 'deanbot_queue_jobs{queue="outbox",state="completed"}')).toBe(1);
    expect(sample(text, 'deanbot_messages_failed_total{channel="telegram",state="failed"}')).toBeUndefined();
  });

  it('GIVEN webhook requests THEN their latency is recorded by status, and the inbound message is counted', async () => {
    const url = '/webhooks/telegram';
    const refused = await inject({ url, method: 'POST', payload: { update_id: 1 } });
    expect(refused.statusCode).toBe(401);
    const accepted = await inject({
      url,
      method: 'POST',
      headers: { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      payload: {
        update_id: 9001,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: 7002, type: 'private', first_name: 'Hoa' },
          from: { id: 7002, is_bot: false, first_name: 'Hoa' },
          text: 'xin chào',
        },
      },
    });
    expect(accepted.statusCode).toBe(200);
    const text = await scrape();
    const count = (status: number) =>
      sample(text, `deanbot_webhook_duration_seconds_count{route="${url}",status_code="${status}"}`);
    expect(count(401)).toBe(1);
    expect(count(200)).toBe(1);
    const inbound = text
      .split('\n')
      .filter((l) => l.startsWith('deanbot_inbound_messages_total{channel="telegram"'))
      .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
    expect(inbound).toBe(1);
    expect(text).not.toMatch(/deanbot_webhook_duration_seconds_count\{route="\/metrics"/u);
  });

  it('GIVEN ADMIN_TOKEN THEN the queue dashboard answers 401 without it or with another, 200 with it', async () => {
    const none = await inject({ url: '/admin/queues' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic realm=/u);
    expect(
      (await inject({ url: '/admin/queues', headers: { authorization: `Bearer ${METRICS_TOKEN}` } }))
        .statusCode,
    ).toBe(401);
    expect((await inject({ url: '/admin/queues/api/queues' })).statusCode).toBe(401);

    const page = await inject({ url: '/admin/queues', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/u);
    const basic = `Basic ${Buffer.from(`operator:${ADMIN_TOKEN}`).toString('base64')}`;
    const api = await inject({ url: '/admin/queues/api/queues', headers: { authorization: basic } });
    expect(api.statusCode).toBe(200);
    expect((api.json() as { queues: { name: string }[] }).queues.map((q) => q.name)).toContain('outbox');
  });

  it('GIVEN Telegram answers THEN /ready is 200 with every check; WHEN it stops answering THEN 503 naming Telegram', async () => {
    const up = await inject({ url: '/ready' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ ready: true, database: true, redis: true, channels: { telegram: true } });
    await fake.close();
    const down = await inject({ url: '/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ ready: false, database: true, redis: true, channels: { telegram: false } });
  });
});

describe('operations endpoints without tokens', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('GIVEN no ADMIN_TOKEN THEN the dashboard does not exist; GIVEN no METRICS_TOKEN THEN /metrics is open', async () => {
    const server = app.runtime.server!;
    const admin = `Bearer ${ADMIN_TOKEN}`;
    expect(
      (await server.inject({ url: '/admin/queues', headers: { authorization: admin } })).statusCode,
    ).toBe(404);
    const metrics = await server.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('deanbot_queue_jobs{queue="outbox",state="active"} 0');
    const ready = await server.inject({ url: '/ready' });
    expect(ready.json()).toEqual({ ready: true, database: true, redis: true, channels: {} });
  });
});
