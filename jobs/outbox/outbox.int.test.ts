import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Message } from 'telegraf/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../bot/telegram/telegram-channel.ts';
import type { Channel, ChannelId } from '../../handlers/channel.ts';
import type { OutboxItem } from '../../handlers/outbox.ts';
import { listAttempts } from '../../store/deliveries.ts';
import { createPrismaClient } from '../../store/prisma-client.ts';
import {
  type FakeTelegram,
  type FakeTelegramOptions,
  startFakeTelegramServer,
} from '../../test/fakes/telegram-api-server.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/support/redis.ts';
import { waitUntil } from '../../test/support/wait-until.ts';
import { OUTBOX_QUEUE, type OutboxJobData } from '../catalog.ts';
import { outboxJobId, redisConnectionOptions } from '../queues.ts';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker.ts';
import { createOutbox } from './outbox.ts';
import { reconcileOutbox } from './reconcile-outbox.ts';

let database: TestDatabase;
let redis: Redis;
const connection = redisConnectionOptions(TEST_REDIS_URL);
const cleanups: (() => Promise<void>)[] = [];
const JOB_OPTIONS = { attempts: 4, backoff: { type: 'fixed', delay: 100 } };

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

interface Harness {
  fake: FakeTelegram;
  queue: Queue<OutboxJobData>;
  prefix: string;
  outbox: ReturnType<typeof createOutbox>;
  startWorker(concurrency?: number): DeliveryWorker;
}

async function harness(options: { fake?: FakeTelegramOptions; perChatIntervalMs?: number } = {}) {
  const fake = await startFakeTelegramServer(options.fake ?? {});
  const prefix = uniquePrefix();
  const queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, { connection, prefix });
  const channel = new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, partIntervalMs: 0 });
  const channels = new Map<ChannelId, Channel>([['telegram', channel]]);
  const workers: DeliveryWorker[] = [];
  cleanups.push(async () => {
    for (const w of workers) await w.close();
    await queue.close();
    await deletePrefix(redis, prefix);
    await fake.close();
  });
  const h: Harness = {
    fake,
    queue,
    prefix,
    outbox: createOutbox({ db: database.db, queue, jobOptions: JOB_OPTIONS }),
    startWorker(concurrency = 5) {
      const worker = createDeliveryWorker({
        db: database.db,
        connection,
        prefix,
        channels,
        ratePerSecond: 25,
        perChatIntervalMs: options.perChatIntervalMs ?? 0,
        concurrency,
      });
      workers.push(worker);
      return worker;
    },
  };
  return h;
}

let keyCounter = 0;
function item(chatId: number | string, text: string, extra: Partial<OutboxItem> = {}): OutboxItem {
  keyCounter += 1;
  return {
    dedupKey: `test-${Date.now()}-${keyCounter}`,
    kind: 'reminder',
    officerId: null,
    to: { channel: 'telegram', chatId: String(chatId) },
    message: { text },
    ...extra,
  };
}

const texts = (fake: FakeTelegram) =>
  fake.sent().map((c) => (c.result as Partial<Message.TextMessage>).text ?? '');

async function deliveryOf(dedupKey: string) {
  return await database.db.delivery.findUniqueOrThrow({ where: { dedupKey } });
}

describe('outbox', () => {
  it('delivers 20 messages to 5 chats exactly once, with a sent row and an attempt row each', async () => {
    const h = await harness();
    const items = Array.from({ length: 20 }, (_, i) => item(1000 + (i % 5), `msg-${i}`));
    expect(await h.outbox.enqueue(items)).toEqual({ created: 20, duplicates: 0 });
    h.startWorker();
    await waitUntil(() => h.fake.sent().length >= 20);
    await waitUntil(
      async () =>
        (await database.db.delivery.count({
          where: { state: 'sent', dedupKey: { in: items.map((i) => i.dedupKey) } },
        })) === 20,
    );
    expect(texts(h.fake).sort()).toEqual(items.map((i) => i.message.text).sort());
    for (const i of items) {
      const row = await deliveryOf(i.dedupKey);
      expect(row).toMatchObject({ state: 'sent', attempts: 1, platformMessageId: expect.any(String) });
      expect((await listAttempts(database.db, row.id)).map((a) => a.outcome)).toEqual(['sent']);
    }
  });

  it('accepts a dedupKey once, within a batch and across calls', async () => {
    const h = await harness();
    const first = item(2000, 'once');
    expect(await h.outbox.enqueue([first, { ...first }])).toEqual({ created: 1, duplicates: 1 });
    expect(await h.outbox.enqueue([first])).toEqual({ created: 0, duplicates: 1 });
    h.startWorker();
    await waitUntil(async () => (await deliveryOf(first.dedupKey)).state === 'sent');
    expect(texts(h.fake)).toEqual(['once']);
  });

  it('rides out a 429 storm: all delivered once, rate-limited attempts recorded', async () => {
    const h = await harness();
    h.fake.failNext(5, { status: 429, retryAfter: 1 });
    const items = Array.from({ length: 5 }, (_, i) => item(3000 + i, `storm-${i}`));
    await h.outbox.enqueue(items);
    h.startWorker();
    await waitUntil(
      async () =>
        (await database.db.delivery.count({
          where: { state: 'sent', dedupKey: { in: items.map((i) => i.dedupKey) } },
        })) === 5,
    );
    expect(texts(h.fake).sort()).toEqual(items.map((i) => i.message.text).sort());
    const attempts = await database.db.deliveryAttempt.findMany({
      where: { delivery: { dedupKey: { in: items.map((i) => i.dedupKey) } } },
    });
    expect(attempts.filter((a) => a.outcome === 'rate-limited')).toHaveLength(5);
    expect(attempts.filter((a) => a.outcome === 'rate-limited').every((a) => a.retryAfterMs === 1000)).toBe(
      true,
    );
    expect(attempts.filter((a) => a.outcome === 'sent')).toHaveLength(5);
  });

  it('retries 500s, then delivers; gives up as failed when the attempts run out', async () => {
    const h = await harness();
    h.fake.failNext(2, { status: 500 });
    const retried = item(4000, 'after-500s');
    await h.outbox.enqueue([retried]);
    h.startWorker();
    await waitUntil(async () => (await deliveryOf(retried.dedupKey)).state === 'sent');
    const row = await deliveryOf(retried.dedupKey);
    expect((await listAttempts(database.db, row.id)).map((a) => a.outcome)).toEqual([
      'transient',
      'transient',
      'sent',
    ]);
    h.fake.failNext(4, { status: 500 });
    const doomed = item(4001, 'never');
    await h.outbox.enqueue([doomed]);
    await waitUntil(async () => (await deliveryOf(doomed.dedupKey)).state === 'failed');
    expect((await deliveryOf(doomed.dedupKey)).attempts).toBe(4);
    expect(texts(h.fake)).toEqual(['after-500s']);
  });

  it('marks a blocked chat undeliverable without retrying, and flags the identity', async () => {
    const h = await harness();
    await database.db.channelIdentity.create({ data: { channel: 'telegram', chatId: '5000' } });
    h.fake.blockChat(5000);
    const blocked = item(5000, 'blocked');
    await h.outbox.enqueue([blocked]);
    h.startWorker();
    await waitUntil(async () => (await deliveryOf(blocked.dedupKey)).state === 'undeliverable');
    const row = await deliveryOf(blocked.dedupKey);
    expect((await listAttempts(database.db, row.id)).map((a) => a.outcome)).toEqual(['not-reachable']);
    const identity = await database.db.channelIdentity.findFirstOrThrow({ where: { chatId: '5000' } });
    expect(identity.unreachableSince).toBeInstanceOf(Date);
    expect(h.fake.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  it('falls back to the next address when the first chat refuses', async () => {
    const h = await harness();
    h.fake.blockChat(5100);
    const redirected = item(5100, 'via fallback', { fallback: [{ channel: 'telegram', chatId: '5101' }] });
    await h.outbox.enqueue([redirected]);
    h.startWorker();
    await waitUntil(async () => (await deliveryOf(redirected.dedupKey)).state === 'sent');
    const row = await deliveryOf(redirected.dedupKey);
    expect(row.chatId).toBe('5101');
    expect((await listAttempts(database.db, row.id)).map((a) => a.outcome)).toEqual([
      'not-reachable',
      'sent',
    ]);
    expect(h.fake.sent(5101)).toHaveLength(1);
  });

  it('carries long texts (split, buttons last) and documents (filename kept) through the queue', async () => {
    const h = await harness();
    const long = Array.from({ length: 200 }, (_, i) => `Dòng ${i} ${'x'.repeat(44)}`).join('\n');
    const pdf = Buffer.from('%PDF-1.4 báo cáo').toString('base64');
    await h.outbox.enqueue([
      item(6000, long, { message: { text: long, buttons: [[{ label: 'Xong', payload: '#1 xong' }]] } }),
      item(6001, '', {
        message: {
          text: '',
          attachments: [
            { kind: 'document', filename: 'tong-hop.pdf', mimeType: 'application/pdf', base64: pdf },
          ],
        },
      }),
    ]);
    h.startWorker();
    await waitUntil(() => h.fake.sent(6000).length >= 3 && h.fake.sent(6001).length >= 1);
    const parts = h.fake.sent(6000);
    expect(parts.map((c) => c.params['reply_markup'] !== undefined)).toEqual([false, false, true]);
    const doc = h.fake.sent(6001)[0]?.result as Message.DocumentMessage;
    expect(doc.document.file_name).toBe('tong-hop.pdf');
  });
});

describe('outbox resilience', () => {
  it('sends once when the same delivery is queued under several job ids', async () => {
    const h = await harness();
    const once = item(7000, 'only once');
    await h.outbox.enqueue([once]);
    const { id, jobKey } = await deliveryOf(once.dedupKey);
    await h.queue.add('deliver', { deliveryId: id }, { jobId: `dup-${id}` });
    await h.queue.add('deliver', { deliveryId: id }, { jobId: outboxJobId(id, jobKey) });
    h.startWorker();
    const settled = async (jobId: string) =>
      (await (await h.queue.getJob(jobId))?.getState()) === 'completed';
    await waitUntil(async () => (await settled(`dup-${id}`)) && (await settled(outboxJobId(id, jobKey))));
    await h.queue.add('deliver', { deliveryId: id }, { jobId: `again-${id}` });
    await waitUntil(() => settled(`again-${id}`));
    expect(texts(h.fake)).toEqual(['only once']);
    expect((await listAttempts(database.db, id)).map((a) => a.outcome)).toEqual(['sent']);
  });

  it('delivers everything once when a worker is closed mid-way and another takes over', async () => {
    const h = await harness();
    const items = Array.from({ length: 10 }, (_, i) => item(7100 + i, `handover-${i}`));
    h.fake.failNext(10, { delayMs: 150 }, { method: 'sendMessage' });
    await h.outbox.enqueue(items);
    const first = h.startWorker(1);
    await waitUntil(() => h.fake.sent().length >= 3);
    await first.close();
    const sentByFirst = h.fake.sent().length;
    expect(sentByFirst).toBeLessThan(10);
    h.startWorker(2);
    await waitUntil(() => h.fake.sent().length >= 10);
    await waitUntil(
      async () =>
        (await database.db.delivery.count({
          where: { state: 'sent', dedupKey: { in: items.map((i) => i.dedupKey) } },
        })) === 10,
    );
    expect(texts(h.fake).sort()).toEqual(items.map((i) => i.message.text).sort());
  });

  it('paces a burst to one chat so that Telegram never answers 429', async () => {
    const h = await harness({ fake: { perChatPerSecond: 1 }, perChatIntervalMs: 1100 });
    await h.outbox.enqueue(Array.from({ length: 5 }, (_, i) => item(7200, `paced-${i}`)));
    h.startWorker();
    await waitUntil(() => h.fake.sent(7200).length >= 5, 20_000);
    expect(h.fake.http429Count).toBe(0);
    const at = h.fake.sent(7200).map((c) => c.at);
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(1000);
  });

  it('fails a delivery with a bad payload and keeps working', async () => {
    const h = await harness();
    const bad = await database.db.delivery.create({
      data: {
        dedupKey: `bad-${Date.now()}`,
        kind: 'reminder',
        channel: 'telegram',
        chatId: '7300',
        payload: { to: 'nowhere' },
      },
    });
    await h.queue.add('deliver', { deliveryId: bad.id }, { jobId: outboxJobId(bad.id, bad.jobKey) });
    // Retries allowed: bad job data must still fail at once, never retried.
    await h.queue.add('deliver', { deliveryId: -1 }, { ...JOB_OPTIONS, jobId: 'garbage' });
    const good = item(7301, 'still working');
    await h.outbox.enqueue([good]);
    h.startWorker();
    await waitUntil(async () => (await deliveryOf(good.dedupKey)).state === 'sent');
    await waitUntil(
      async () =>
        (await database.db.delivery.findUniqueOrThrow({ where: { id: bad.id } })).state === 'failed',
    );
    expect((await listAttempts(database.db, bad.id)).map((a) => a.outcome)).toEqual(['invalid-payload']);
    const garbage = await waitUntil(async () => {
      const job = await h.queue.getJob('garbage');
      return (await job?.getState()) === 'failed' && job;
    }, 'the job with bad data failed');
    expect(garbage.failedReason).toMatch(/^bad deliver job data/);
    expect(garbage.attemptsMade).toBe(1);
  });

  it('re-queues open deliveries after Redis lost its jobs, never twice, and honours notBefore', async () => {
    const h = await harness();
    const notBefore = new Date(Date.now() + 1500);
    const items = [item(7400, 'lost-0'), item(7401, 'lost-1'), item(7402, 'later', { notBefore })];
    await h.outbox.enqueue(items);
    await h.queue.obliterate({ force: true });
    const reconcile = () =>
      reconcileOutbox({ db: database.db, queue: h.queue, olderThanMs: 0, jobOptions: JOB_OPTIONS });
    const first = await reconcile();
    expect(first.requeued).toBeGreaterThanOrEqual(3);
    expect((await reconcile()).requeued).toBe(0);
    h.startWorker();
    await waitUntil(
      () =>
        h.fake
          .sent()
          .filter(
            (c) =>
              c.params['chat_id'] !== undefined &&
              ['7400', '7401', '7402'].includes(String(c.params['chat_id'])),
          ).length >= 3,
    );
    expect(
      texts(h.fake)
        .filter((t) => ['lost-0', 'lost-1', 'later'].includes(t))
        .sort(),
    ).toEqual(['later', 'lost-0', 'lost-1']);
    expect(h.fake.sent(7402)[0]!.at).toBeGreaterThanOrEqual(notBefore.getTime());
  });
});

describe('enqueues that arrive together', () => {
  it('share one insert and one addBulk, each answered for its own items, and are all delivered once', async () => {
    const h = await harness();
    const statements: string[] = [];
    const db = createPrismaClient({
      databaseUrl: database.url,
      maxConnections: 2,
      onQuery: (sql) => statements.push(sql),
    });
    cleanups.push(() => db.$disconnect());
    const outbox = createOutbox({ db, queue: h.queue, jobOptions: JOB_OPTIONS });
    const repeated = item(7500, 'shared-0');
    const calls = [
      [repeated],
      [item(7501, 'shared-1'), item(7502, 'shared-2')],
      [{ ...repeated }, item(7503, 'shared-3')],
      [item(7504, 'shared-4')],
    ];

    const results = await Promise.all(calls.map((items) => outbox.enqueue(items)));

    expect(results).toEqual([
      { created: 1, duplicates: 0 },
      { created: 2, duplicates: 0 },
      { created: 1, duplicates: 1 },
      { created: 1, duplicates: 0 },
    ]);
    expect(statements.filter((sql) => sql.includes('INSERT INTO delivery')).length).toBeLessThan(
      calls.length,
    );
    h.startWorker();
    await waitUntil(() => h.fake.sent().length >= 5);
    expect(texts(h.fake).sort()).toEqual(['shared-0', 'shared-1', 'shared-2', 'shared-3', 'shared-4']);
  });

  it('fail together when queueing fails, their rows kept pending for the reconciler', async () => {
    const h = await harness();
    const closed = new Queue<OutboxJobData>(OUTBOX_QUEUE, { connection, prefix: h.prefix });
    await closed.close();
    const outbox = createOutbox({ db: database.db, queue: closed, jobOptions: JOB_OPTIONS });
    const calls = [[item(7600, 'unqueued-0')], [item(7601, 'unqueued-1')], [item(7602, 'unqueued-2')]];

    const settled = await Promise.allSettled(calls.map((items) => outbox.enqueue(items)));

    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const [only] of calls) expect((await deliveryOf(only!.dedupKey)).state).toBe('pending');
    await reconcileOutbox({ db: database.db, queue: h.queue, olderThanMs: 0, jobOptions: JOB_OPTIONS });
    h.startWorker();
    await waitUntil(() => h.fake.sent().length >= 3);
    expect(texts(h.fake).sort()).toEqual(['unqueued-0', 'unqueued-1', 'unqueued-2']);
  });
});
