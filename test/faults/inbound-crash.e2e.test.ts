/**
 * An inbound worker process SIGKILLed while it handles a report (blocked on a locked status_report
 * table): a second worker process takes the chat over, and the report is recorded once, with one
 * confirmation, and the chat's next message is handled after it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../handlers/channel.ts';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { INBOUND_QUEUE, type InboundJobData } from '../../jobs/catalog.ts';
import { createInboundIntake } from '../../jobs/inbound/inbound-intake.ts';
import { redisConnectionOptions } from '../../jobs/queues.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import { createOfficer } from '../../store/officers.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { waitUntil } from '../support/faults.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../support/redis.ts';

const CHILD = path.resolve(import.meta.dirname, 'inbound-worker.child.ts');
const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED = path.resolve(ROOT, 'domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt');
const CHAT = '6101';

let database: TestDatabase;
let redis: Redis;
let queue: Queue<InboundJobData>;
const prefix = uniquePrefix();
const children: ChildProcess[] = [];
const output: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
  queue = new Queue<InboundJobData>(INBOUND_QUEUE, {
    connection: redisConnectionOptions(TEST_REDIS_URL),
    prefix,
  });
  const db = database.db;
  await importPlan(db, { bytes: readFileSync(SEED), fileName: '003.txt', dryRun: false });
  const vpub = await resolveAgencyId(db, 'VP UBND tỉnh');
  const officer = await createOfficer(db, {
    name: 'Trần Thị Lan',
    agencyId: vpub!.id,
    role: 'officer',
    locale: 'vi',
  });
  await db.channelIdentity.create({
    data: { channel: 'telegram', chatId: CHAT, userId: CHAT, officerId: officer.id },
  });
}, 60_000);

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
  await database?.drop();
});

async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let ready = false;
  child.stdout?.on('data', (chunk) => {
    output.push(String(chunk));
    if (String(chunk).includes('ready')) ready = true;
  });
  child.stderr?.on('data', (chunk) => output.push(String(chunk)));
  await waitUntil(
    () => {
      if (child.exitCode !== null) throw new Error(`worker process exited:\n${output.join('')}`);
      return ready;
    },
    60_000,
    'worker process ready',
  );
  return child;
}

function textMessage(updateId: number, text: string): IncomingMessage {
  return {
    channel: 'telegram',
    platformId: String(updateId),
    chatId: CHAT,
    userId: CHAT,
    kind: 'text',
    text,
    isGroup: false,
    receivedAt: new Date(),
    raw: { update_id: updateId },
  };
}

describe('inbound worker killed with SIGKILL mid-handling', () => {
  it('a new worker process handles the message once, then the next one of the chat', async () => {
    const db = database.db;
    const intake = createInboundIntake({ db, queue });
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    locker.on('error', () => {});
    const first = await startWorkerProcess();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE status_report IN ACCESS EXCLUSIVE MODE');
      await intake.accept(textMessage(900_001, '#2 dang lam 45% da lap 5 camera'));
      await intake.accept(textMessage(900_002, '#2 dang lam 70% da lap 7 camera'));
      await waitUntil(
        async () => {
          // Inside the locker's transaction pg_stat_activity is a snapshot: take a fresh one.
          await locker.query('SELECT pg_stat_clear_snapshot()');
          const waiting = await locker.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
            [database.name],
          );
          return (waiting.rows[0]?.n ?? 0) > 0;
        },
        30_000,
        'the first worker blocked while recording the report',
      ).catch(async (error: unknown) => {
        const rows = await db.inboundMessage.findMany();
        throw new Error(`${String(error)}\n${JSON.stringify(rows)}\n${output.join('')}`);
      });
      const exited = once(first, 'exit');
      first.kill('SIGKILL');
      await exited;
    } finally {
      await locker.query('ROLLBACK').catch(() => {});
      await locker.end().catch(() => {});
    }
    expect(await db.inboundMessage.count({ where: { outcome: 'received' } })).toBe(2);

    await startWorkerProcess();
    await waitUntil(
      async () => (await db.inboundMessage.count({ where: { outcome: 'received' } })) === 0,
      60_000,
      'both messages handled by the second worker',
    );
    const inbound = await db.inboundMessage.findMany({ orderBy: { id: 'asc' } });
    expect(inbound.map((r) => [r.platformId, r.outcome])).toEqual([
      ['900001', 'processed'],
      ['900002', 'processed'],
    ]);
    const reports = await db.statusReport.findMany({ orderBy: { id: 'asc' } });
    expect(reports.map((r) => [r.platformMessageId, r.progress])).toEqual([
      ['900001#0', 45],
      ['900002#0', 70],
    ]);
    const replies = await db.delivery.findMany({ where: { kind: 'reply' }, orderBy: { id: 'asc' } });
    expect(replies.map((d) => d.dedupKey)).toEqual(['reply-telegram-900001-1', 'reply-telegram-900002-1']);
  }, 180_000);
});
