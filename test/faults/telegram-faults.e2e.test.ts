/**
 * Telegram misbehaving while the outbox sends: 5xx answers, requests that hang past the channel's
 * timeout, and a 429 storm (scripted 429s on top of a global flood limit) over 30 chats. Every message
 * reaches its chat once and every attempt is in the ledger.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../bot/telegram/telegram-channel.ts';
import type { Channel, ChannelId } from '../../handlers/channel.ts';
import type { OutboxItem } from '../../handlers/outbox.ts';
import { OUTBOX_QUEUE, type OutboxJobData } from '../../jobs/catalog.ts';
import { createDeliveryWorker } from '../../jobs/outbox/delivery-worker.ts';
import { createOutbox } from '../../jobs/outbox/outbox.ts';
import { redisConnectionOptions } from '../../jobs/queues.ts';
import {
  type FakeTelegram,
  type FakeTelegramOptions,
  startFakeTelegramServer,
} from '../fakes/telegram-api-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../support/redis.ts';
import { waitUntil } from '../support/wait-until.ts';

const connection = redisConnectionOptions(TEST_REDIS_URL);
const JOB_OPTIONS = { attempts: 8, backoff: { type: 'fixed', delay: 100 } };

let database: TestDatabase;
let redis: Redis;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  redis?.disconnect();
  await database?.drop();
});

async function harness(fakeOptions: FakeTelegramOptions = {}, requestTimeoutMs = 5_000) {
  const fake = await startFakeTelegramServer(fakeOptions);
  const prefix = uniquePrefix();
  const queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, { connection, prefix });
  const channel = new TelegramChannel({
    token: fake.token,
    apiRoot: fake.apiRoot,
    partIntervalMs: 0,
    requestTimeoutMs,
  });
  const worker = createDeliveryWorker({
    db: database.db,
    connection,
    prefix,
    channels: new Map<ChannelId, Channel>([['telegram', channel]]),
    ratePerSecond: 25,
    perChatIntervalMs: 0,
  });
  cleanups.push(async () => {
    await worker.close();
    await queue.close();
    await deletePrefix(redis, prefix);
    await fake.close();
  });
  return { fake, outbox: createOutbox({ db: database.db, queue, jobOptions: JOB_OPTIONS }) };
}

function items(tag: string, n: number, firstChat: number): OutboxItem[] {
  return Array.from({ length: n }, (_, i) => ({
    dedupKey: `${tag}-${i}`,
    kind: 'reminder',
    officerId: null,
    to: { channel: 'telegram', chatId: String(firstChat + i) },
    message: { text: `${tag}-${i}` },
  }));
}

async function settled(batch: OutboxItem[], timeoutMs: number): Promise<void> {
  const keys = batch.map((i) => i.dedupKey);
  await waitUntil(
    async () =>
      (await database.db.delivery.count({ where: { dedupKey: { in: keys }, state: 'sent' } })) ===
      keys.length,
    timeoutMs,
    `${keys.length} deliveries sent`,
  );
}

/** sendMessage calls answered 200 to the client, per text. */
function answeredSends(fake: FakeTelegram): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of fake.calls) {
    if (c.method !== 'sendMessage' || c.status !== 200) continue;
    const text = String(c.params['text']);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return counts;
}

async function ledger(batch: OutboxItem[]) {
  const rows = await database.db.delivery.findMany({
    where: { dedupKey: { in: batch.map((i) => i.dedupKey) } },
    include: { attemptRows: { orderBy: { id: 'asc' } } },
  });
  return rows;
}

function expectOncePerText(fake: FakeTelegram, batch: OutboxItem[]): void {
  const counts = answeredSends(fake);
  expect(batch.map((i) => counts.get(i.message.text) ?? 0)).toEqual(batch.map(() => 1));
}

describe('Telegram faults', () => {
  it('retries 5xx answers until each message is delivered once, recording every attempt', async () => {
    const { fake, outbox } = await harness();
    fake.failNext(6, { status: 500 }, { method: 'sendMessage' });
    const batch = items('err500', 3, 40_000);
    await outbox.enqueue(batch);
    await settled(batch, 20_000);
    expectOncePerText(fake, batch);
    const rows = await ledger(batch);
    const outcomes = rows.flatMap((r) => r.attemptRows.map((a) => a.outcome));
    expect(outcomes.filter((o) => o === 'transient')).toHaveLength(6);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(3);
    for (const r of rows) expect(r.attempts).toBe(r.attemptRows.length);
  });

  it('treats a request hanging past the channel timeout as transient and retries it', async () => {
    const { fake, outbox } = await harness({}, 400);
    fake.failNext(3, { delayMs: 2_000 }, { method: 'sendMessage' });
    const batch = items('hang', 3, 41_000);
    await outbox.enqueue(batch);
    await settled(batch, 20_000);
    expectOncePerText(fake, batch);
    const rows = await ledger(batch);
    const timedOut = rows.flatMap((r) => r.attemptRows).filter((a) => a.outcome === 'transient');
    expect(timedOut).toHaveLength(3);
    for (const a of timedOut) expect(a.error).toMatch(/abort|timeout/i);
    for (const r of rows) expect(r.attempts).toBe(r.attemptRows.length);
    // A request abandoned by the client may still have been executed by the server (as Telegram may):
    // this is the at-least-once window of timeouts; the fake shows it as an ok answer nobody received.
    const ghosts = fake.calls.filter((c) => c.method === 'sendMessage' && c.status === 0 && c.response.ok);
    console.info(`[telegram-faults] timed-out sends the server executed anyway: ${ghosts.length}/3`);
    expect(ghosts.length).toBeLessThanOrEqual(3);
  });

  it('rides out a 429 storm over 30 chats: each delivered once, rate-limited attempts recorded', async () => {
    const { fake, outbox } = await harness({ globalRatePerSecond: 10 });
    fake.failNext(10, { status: 429, retryAfter: 1 }, { method: 'sendMessage' });
    const batch = items('storm', 30, 42_000);
    await outbox.enqueue(batch);
    await settled(batch, 45_000);
    expectOncePerText(fake, batch);
    expect(fake.http429Count).toBeGreaterThanOrEqual(10);
    const rows = await ledger(batch);
    const attempts = rows.flatMap((r) => r.attemptRows);
    const limited = attempts.filter((a) => a.outcome === 'rate-limited');
    expect(limited.length).toBe(fake.http429Count);
    expect(limited.every((a) => (a.retryAfterMs ?? 0) >= 1000)).toBe(true);
    expect(attempts.filter((a) => a.outcome === 'sent')).toHaveLength(30);
    for (const r of rows) expect(r.attempts).toBe(r.attemptRows.length);
  }, 60_000);
});
