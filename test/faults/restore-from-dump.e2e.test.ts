/**
 * Recovery as README's Reliability section documents it: PostgreSQL restored from a `pg_dump` while Redis
 * keeps its queues. The restored database hands out the row ids of the messages created after the dump
 * again; every message created after the restore must still be delivered (once), never mistaken for a
 * job Redis remembers as completed. Also: the reconciler walks every open delivery, page after page, and
 * runs once per cluster.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../bot/telegram/telegram-channel.ts';
import type { Channel, ChannelId } from '../../handlers/channel.ts';
import type { OutboxItem } from '../../handlers/outbox.ts';
import { OUTBOX_QUEUE, type OutboxJobData } from '../../jobs/catalog.ts';
import { createDeliveryWorker } from '../../jobs/outbox/delivery-worker.ts';
import { createOutbox } from '../../jobs/outbox/outbox.ts';
import { reconcileOutbox, reconcileOutboxOncePerCluster } from '../../jobs/outbox/reconcile-outbox.ts';
import { redisConnectionOptions } from '../../jobs/queues.ts';
import { createPrismaClient, type PrismaClient } from '../../store/prisma-client.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { adminQuery, createTestDatabase, type TestDatabase } from '../support/db.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../support/redis.ts';
import { waitUntil } from '../support/wait-until.ts';

const run = promisify(execFile);
const JOB_OPTIONS = { attempts: 6, backoff: { type: 'fixed', delay: 200 } };

let database: TestDatabase;
let fake: FakeTelegram;
let dir: string;
const prefix = uniquePrefix();
const connection = redisConnectionOptions(TEST_REDIS_URL);
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeTelegramServer();
  dir = await mkdtemp(join(tmpdir(), 'deanbot-restore-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});
afterAll(async () => {
  await fake?.close();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
  const redis = createTestRedis();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

/** The service's outbox and a delivery worker on `db` (what `npm start` runs). */
function service(db: PrismaClient) {
  const queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, { connection, prefix });
  const channel = new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, partIntervalMs: 0 });
  const worker = createDeliveryWorker({
    db,
    connection,
    prefix,
    channels: new Map<ChannelId, Channel>([['telegram', channel]]),
    ratePerSecond: 100,
    perChatIntervalMs: 0,
  });
  const close = async () => {
    await worker.close();
    await queue.close();
  };
  cleanups.push(close);
  return { queue, close, outbox: createOutbox({ db, queue, jobOptions: JOB_OPTIONS }) };
}

const items = (tag: string, n: number): OutboxItem[] =>
  Array.from({ length: n }, (_, i) => ({
    dedupKey: `${tag}-${i}`,
    kind: 'notice',
    officerId: null,
    to: { channel: 'telegram', chatId: String(40_000 + i) },
    message: { text: `${tag}-${i}` },
  }));

const sendsOf = (text: string) =>
  fake.calls.filter((c) => c.method === 'sendMessage' && c.response.ok && c.params['text'] === text);

async function deliverAll(
  db: PrismaClient,
  outbox: ReturnType<typeof service>['outbox'],
  batch: OutboxItem[],
) {
  await outbox.enqueue(batch);
  const keys = batch.map((i) => i.dedupKey);
  await waitUntil(
    async () =>
      (await db.delivery.count({ where: { dedupKey: { in: keys }, state: 'sent' } })) === keys.length,
    30_000,
    `${batch[0]?.dedupKey ?? ''}… delivered`,
  );
}

/** pg_dump / pg_restore with the test database's connection (custom format, as README documents). */
async function pg(tool: 'pg_dump' | 'pg_restore', args: string[]) {
  const url = new URL(database.url);
  const env = {
    ...process.env,
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: url.username || 'postgres',
  };
  if (url.password) Object.assign(env, { PGPASSWORD: decodeURIComponent(url.password) });
  await run(tool, args, { env });
}

describe('PostgreSQL restored from a dump while Redis keeps its queues', () => {
  it('delivers every message created after the restore, once', async () => {
    const dump = join(dir, 'deanbot.dump');
    const first = service(database.db);
    await deliverAll(database.db, first.outbox, items('before-dump', 4));
    await pg('pg_dump', ['-Fc', '-f', dump, database.name]);
    const afterDump = items('after-dump', 6);
    await deliverAll(database.db, first.outbox, afterDump);
    const reusedIds = (
      await database.db.delivery.findMany({ where: { dedupKey: { in: afterDump.map((i) => i.dedupKey) } } })
    ).map((d) => d.id);
    await first.close();

    // The documented restore: stop the services, drop and recreate the database, restore the dump.
    await database.db.$disconnect();
    await adminQuery(`DROP DATABASE "${database.name}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${database.name}"`);
    await pg('pg_restore', ['-d', database.name, '--no-owner', dump]);
    const restored = createPrismaClient({ databaseUrl: database.url, maxConnections: 5 });
    cleanups.push(() => restored.$disconnect());
    expect(await restored.delivery.count()).toBe(4);

    const second = service(restored);
    const afterRestore = items('after-restore', 6);
    await deliverAll(restored, second.outbox, afterRestore);
    const newIds = (
      await restored.delivery.findMany({ where: { dedupKey: { in: afterRestore.map((i) => i.dedupKey) } } })
    ).map((d) => d.id);
    // The restored database handed out the same ids again: exactly the collision the job key prevents.
    expect(newIds.sort()).toEqual(reusedIds.sort());
    for (const item of [...afterDump, ...afterRestore])
      expect(sendsOf(item.message.text), item.dedupKey).toHaveLength(1);
    await deliverAll(restored, second.outbox, items('later', 3));
  }, 90_000);
});

describe('the reconciler', () => {
  it('re-queues every open delivery page after page, and runs once per cluster', async () => {
    const db = createPrismaClient({ databaseUrl: database.url, maxConnections: 3 });
    cleanups.push(() => db.$disconnect());
    const queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, { connection, prefix: `${prefix}-rec` });
    cleanups.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
    const outbox = createOutbox({ db, queue, jobOptions: JOB_OPTIONS });
    await outbox.enqueue(items('open', 7));
    await queue.obliterate({ force: true });
    const options = { db, queue, olderThanMs: 0, pageSize: 2, jobOptions: JOB_OPTIONS };
    const result = await reconcileOutbox(options);
    expect(result.checked).toBeGreaterThanOrEqual(7);
    expect(await queue.getWaitingCount()).toBe(result.requeued);
    expect(result.requeued).toBeGreaterThanOrEqual(7);

    const redis = createTestRedis();
    cleanups.push(async () => void (await redis.quit()));
    const runs = await Promise.all(
      [1, 2, 3].map(() => reconcileOutboxOncePerCluster(redis, `${prefix}-rec`, 10_000, options)),
    );
    expect(runs.filter((r) => r !== null)).toHaveLength(1);
  }, 60_000);
});
