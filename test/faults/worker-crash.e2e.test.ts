/**
 * A delivery worker process SIGKILLed mid-batch: a second process takes the batch over, and every
 * message reaches Telegram (the fake) once — except, at most, the few whose send was answered but not
 * yet recorded when the process died (the inherent at-least-once window), which the test measures.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../handlers/outbox.ts';
import { OUTBOX_QUEUE, type OutboxJobData } from '../../jobs/catalog.ts';
import { createOutbox } from '../../jobs/outbox/outbox.ts';
import { redisConnectionOptions } from '../../jobs/queues.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { waitUntil } from '../support/faults.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../support/redis.ts';

const CHILD = path.resolve(import.meta.dirname, 'delivery-worker.child.ts');
const ROOT = path.resolve(import.meta.dirname, '../..');
const COUNT = 60;
const CONCURRENCY = 5;

let database: TestDatabase;
let fake: FakeTelegram;
let redis: Redis;
let queue: Queue<OutboxJobData>;
const prefix = uniquePrefix();
const children: ChildProcess[] = [];
const childOutput: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeTelegramServer();
  redis = createTestRedis();
  queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, {
    connection: redisConnectionOptions(TEST_REDIS_URL),
    prefix,
  });
});

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
  }
  await queue?.close();
  if (redis) {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }
  await fake?.close();
  await database?.drop();
});

async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_BOT_TOKEN: fake.token,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let ready = false;
  child.stdout?.on('data', (chunk) => {
    childOutput.push(String(chunk));
    if (String(chunk).includes('ready')) ready = true;
  });
  child.stderr?.on('data', (chunk) => childOutput.push(String(chunk)));
  await waitUntil(
    () => {
      if (child.exitCode !== null) throw new Error(`worker process exited:\n${childOutput.join('')}`);
      return ready;
    },
    20_000,
    'worker process ready',
  );
  return child;
}

/** Successful sendMessage calls per text, including those whose answer never reached the killed worker. */
function sendsPerText(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of fake.calls) {
    if (call.method !== 'sendMessage' || !call.response.ok) continue;
    const text = String(call.params['text']);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return counts;
}

describe('delivery worker killed with SIGKILL mid-batch', () => {
  it('a new worker process delivers the rest; nothing is sent twice outside the in-flight window', async () => {
    const outbox = createOutbox({
      db: database.db,
      queue,
      jobOptions: { attempts: 4, backoff: { type: 'fixed', delay: 100 } },
    });
    const items: OutboxItem[] = Array.from({ length: COUNT }, (_, i) => ({
      dedupKey: `crash-${i}`,
      kind: 'reminder',
      officerId: null,
      to: { channel: 'telegram', chatId: String(20_000 + i) },
      message: { text: `crash-${i}` },
    }));
    expect(await outbox.enqueue(items)).toEqual({ created: COUNT, duplicates: 0 });

    const first = await startWorkerProcess();
    await waitUntil(() => sendsPerText().size >= 10, 20_000, 'first worker sent some messages');
    const exited = once(first, 'exit');
    first.kill('SIGKILL');
    await exited;
    const sentBeforeKill = sendsPerText().size;
    expect(sentBeforeKill, 'the kill must happen mid-batch').toBeLessThan(COUNT);
    // Deliveries claimed but not recorded as sent: the only ones that may legitimately go out twice.
    const inFlight = await database.db.delivery.findMany({ where: { state: 'sending' } });
    const inFlightTexts = new Set(inFlight.map((d) => d.dedupKey));

    await startWorkerProcess();
    await waitUntil(
      async () => (await database.db.delivery.count({ where: { state: 'sent' } })) === COUNT,
      30_000,
      'all deliveries sent',
    );
    await waitUntil(
      async () => {
        const c = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'wait');
        return Object.values(c).every((n) => n === 0);
      },
      10_000,
      'queue drained',
    );

    const counts = sendsPerText();
    const missing = items.filter((i) => !counts.has(i.message.text)).map((i) => i.dedupKey);
    expect(missing).toEqual([]);
    const twice = [...counts].filter(([, n]) => n > 1).map(([text]) => text);
    expect(
      twice.filter((t) => !inFlightTexts.has(t)),
      'duplicates outside the in-flight window',
    ).toEqual([]);
    expect(twice.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    // The ledger records exactly one successful attempt per delivery.
    const sentAttempts = await database.db.deliveryAttempt.groupBy({
      by: ['deliveryId'],
      where: { outcome: 'sent' },
      _count: { _all: true },
    });
    expect(sentAttempts).toHaveLength(COUNT);
    expect(sentAttempts.every((a) => a._count._all === 1)).toBe(true);
    console.info(
      `[worker-crash] sent before kill: ${sentBeforeKill}/${COUNT}; in flight at kill: ${inFlight.length}; ` +
        `sent twice (answered but not recorded before the kill): ${twice.length}`,
    );
  }, 60_000);
});
