/**
 * PostgreSQL unreachable while a Telegram update arrives on the webhook, or while a stored update is being
 * handled. The database is cut off with `ALTER DATABASE ... ALLOW_CONNECTIONS false` plus
 * pg_terminate_backend (REVOKE CONNECT would not stop the tests' superuser). Nothing is acknowledged that is
 * not stored: the webhook answers non-2xx so that Telegram redelivers. What was stored and acknowledged is
 * handled by the inbound queue once the database is back, exactly once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { adminQuery } from '../support/db.ts';
import { waitUntil } from '../support/wait-until.ts';
import { startWebhookApp, TEST_BOT_TOKEN, type WebhookApp } from '../support/webhook-app.ts';

let fake: FakeTelegram;
let app: WebhookApp;
let restoreNeeded = false;

beforeAll(async () => {
  fake = await startFakeTelegramServer({ token: TEST_BOT_TOKEN });
  app = await startWebhookApp(fake);
}, 60_000);

afterAll(async () => {
  if (restoreNeeded && app) await restore();
  await app?.close();
  await fake?.close();
});

async function cutOff(): Promise<void> {
  restoreNeeded = true;
  const name = app.database.name;
  await adminQuery(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await adminQuery(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
  );
}

async function restore(): Promise<void> {
  await adminQuery(`ALTER DATABASE "${app.database.name}" ALLOW_CONNECTIONS true`);
  restoreNeeded = false;
}

const reportsOfTask2 = () => app.database.db.statusReport.count({ where: { task: { code: '2' } } });
const inboundOf = (updateId: number) =>
  app.database.db.inboundMessage.findMany({ where: { channel: 'telegram', platformId: String(updateId) } });
const confirmations = (pattern: RegExp) =>
  fake.calls.filter(
    (c) => c.method === 'sendMessage' && c.response.ok && pattern.test(String(c.params['text'])),
  );

describe('PostgreSQL unavailable for incoming replies', () => {
  it('answers 5xx while the database is down, records nothing, then records the redelivery once', async () => {
    const reportsBefore = await reportsOfTask2();
    const update = app.textUpdate(700_101, '#2 dang lam 40% da lap 4 camera');
    await cutOff();
    const refused = await app.post(update);
    expect(refused.statusCode).toBeGreaterThanOrEqual(500);
    await restore();

    expect(await inboundOf(700_101)).toEqual([]);
    expect(await reportsOfTask2()).toBe(reportsBefore);

    const accepted = await app.post(update);
    expect(accepted.statusCode).toBe(200);
    await fake.waitFor(
      (c) =>
        c.method === 'sendMessage' && /Đã ghi nhận #2: Đang triển khai, 40%/u.test(String(c.params['text'])),
      15_000,
    );
    expect(await app.post(update).then((r) => r.statusCode)).toBe(200);
    expect(await reportsOfTask2()).toBe(reportsBefore + 1);
    expect((await inboundOf(700_101)).map((r) => r.outcome)).toEqual(['processed']);
    expect(confirmations(/40%/u)).toHaveLength(1);
  });

  it('loses the database after the raw message was stored and acknowledged: handled once when it is back', async () => {
    const reportsBefore = await reportsOfTask2();
    const update = app.textUpdate(700_102, '#2 dang lam 55% da lap 6 camera');
    // Hold status_report so that handling stops right after the raw message was stored...
    const locker = new pg.Client({ connectionString: app.database.url });
    await locker.connect();
    locker.on('error', () => {});
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE status_report IN ACCESS EXCLUSIVE MODE');
    try {
      const accepted = await app.post(update, { handled: false });
      expect(accepted.statusCode, 'stored, so acknowledged').toBe(200);
      expect((await inboundOf(700_102)).map((r) => r.outcome)).toEqual(['received']);
      // ...wait until the handler is blocked on the lock, then the database goes away under it.
      await waitUntil(
        async () => {
          // Inside the locker's transaction pg_stat_activity is a snapshot: take a fresh one.
          await locker.query('SELECT pg_stat_clear_snapshot()');
          const waiting = await locker.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
            [app.database.name],
          );
          return (waiting.rows[0]?.n ?? 0) > 0;
        },
        15_000,
        'handler waiting on status_report',
      );
      await cutOff();
    } finally {
      await locker.end().catch(() => {});
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    await restore();

    await fake.waitFor(
      (c) =>
        c.method === 'sendMessage' && /Đã ghi nhận #2: Đang triển khai, 55%/u.test(String(c.params['text'])),
      30_000,
    );
    await app.handled(700_102);
    expect(await app.post(update).then((r) => r.statusCode)).toBe(200);
    expect(await reportsOfTask2()).toBe(reportsBefore + 1);
    expect((await inboundOf(700_102)).map((r) => r.outcome)).toEqual(['processed']);
    expect(confirmations(/55%/u)).toHaveLength(1);
  }, 60_000);
});
