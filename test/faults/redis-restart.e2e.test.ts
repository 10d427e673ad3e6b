/**
 * Redis going away. (1) A private redis-server with an append-only file, fsync at every write, is
 * SIGKILLed while delayed deliveries wait in it, then restarted on the same port and directory: the
 * worker reconnects and each delayed message fires once, not before its time. (2) Redis loses every
 * key (FLUSHALL): reconcileOutbox rebuilds the jobs from PostgreSQL and each message goes out once.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../bot/telegram/telegram-channel.ts';
import type { Channel, ChannelId } from '../../handlers/channel.ts';
import type { OutboxItem } from '../../handlers/outbox.ts';
import { OUTBOX_QUEUE, type OutboxJobData } from '../../jobs/catalog.ts';
import { createDeliveryWorker, type DeliveryWorker } from '../../jobs/outbox/delivery-worker.ts';
import { createOutbox } from '../../jobs/outbox/outbox.ts';
import { reconcileOutbox } from '../../jobs/outbox/reconcile-outbox.ts';
import { redisConnectionOptions } from '../../jobs/queues.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { type PrivateRedis, startPrivateRedis } from '../support/faults.ts';
import { waitUntil } from '../support/wait-until.ts';

const JOB_OPTIONS = { attempts: 6, backoff: { type: 'fixed', delay: 200 } };
const PREFIX = 'faults';

let database: TestDatabase;
let fake: FakeTelegram;
let server: PrivateRedis;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeTelegramServer();
  server = await startPrivateRedis();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});
afterAll(async () => {
  await server?.destroy();
  await fake?.close();
  await database?.drop();
});

function harness() {
  const connection = redisConnectionOptions(server.url);
  const queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, { connection, prefix: PREFIX });
  queue.on('error', () => {});
  const channel = new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, partIntervalMs: 0 });
  const worker: DeliveryWorker = createDeliveryWorker({
    db: database.db,
    connection,
    prefix: PREFIX,
    channels: new Map<ChannelId, Channel>([['telegram', channel]]),
    ratePerSecond: 50,
    perChatIntervalMs: 0,
  });
  cleanups.push(async () => {
    await Promise.race([
      Promise.all([worker.close(), queue.close()]),
      new Promise((resolve) => setTimeout(resolve, 3000)),
    ]);
  });
  return { queue, worker, outbox: createOutbox({ db: database.db, queue, jobOptions: JOB_OPTIONS }) };
}

function items(tag: string, n: number, notBefore?: Date): OutboxItem[] {
  return Array.from({ length: n }, (_, i) => ({
    dedupKey: `${tag}-${i}`,
    kind: 'reminder',
    officerId: null,
    to: { channel: 'telegram', chatId: String(30_000 + i) },
    message: { text: `${tag}-${i}` },
    ...(notBefore ? { notBefore } : {}),
  }));
}

const sendsOf = (text: string) =>
  fake.calls.filter((c) => c.method === 'sendMessage' && c.response.ok && c.params['text'] === text);

async function allSent(keys: string[]): Promise<boolean> {
  return (
    (await database.db.delivery.count({ where: { dedupKey: { in: keys }, state: 'sent' } })) === keys.length
  );
}

async function drained(queue: Queue<OutboxJobData>): Promise<boolean> {
  const counts = await queue.getJobCounts('active', 'wait', 'delayed', 'prioritized');
  return Object.values(counts).every((n) => n === 0);
}

describe('Redis restarted or emptied', () => {
  it('delayed deliveries survive a SIGKILL and restart of Redis (AOF) and fire once, on time', async () => {
    const h = harness();
    await h.worker.worker.waitUntilReady();
    const notBefore = new Date(Date.now() + 3_000);
    const batch = items('aof', 5, notBefore);
    await h.outbox.enqueue(batch);
    expect(await h.queue.getDelayedCount()).toBe(5);

    await server.kill();
    await server.start();
    expect(await h.queue.getDelayedCount()).toBe(5);

    const keys = batch.map((i) => i.dedupKey);
    await waitUntil(() => allSent(keys), 20_000, 'delayed deliveries sent after the restart');
    await waitUntil(() => drained(h.queue), 10_000, 'queue drained');
    for (const item of batch) {
      const sends = sendsOf(item.message.text);
      expect(sends, item.message.text).toHaveLength(1);
      expect(sends[0]!.at).toBeGreaterThanOrEqual(notBefore.getTime());
    }
  }, 40_000);

  it('after Redis lost everything, reconcileOutbox re-queues the open deliveries and each goes out once', async () => {
    const h = harness();
    const batch = items('lost', 4, new Date(Date.now() + 1_500));
    await h.outbox.enqueue(batch);
    const admin = new Redis(server.url);
    await admin.flushall();
    expect(await admin.dbsize()).toBe(0);
    admin.disconnect();

    const reconcile = () =>
      reconcileOutbox({ db: database.db, queue: h.queue, olderThanMs: 0, jobOptions: JOB_OPTIONS });
    expect(await reconcile()).toEqual({ checked: 4, requeued: 4 });
    expect(await reconcile()).toEqual({ checked: 4, requeued: 0 });

    const keys = batch.map((i) => i.dedupKey);
    await waitUntil(() => allSent(keys), 20_000, 'reconciled deliveries sent');
    await waitUntil(() => drained(h.queue), 10_000, 'queue drained');
    expect(await reconcile()).toEqual({ checked: 0, requeued: 0 });
    for (const item of batch) expect(sendsOf(item.message.text), item.message.text).toHaveLength(1);
  }, 40_000);
});
