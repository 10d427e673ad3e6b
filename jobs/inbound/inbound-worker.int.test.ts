/**
 * The inbound queue against the real PostgreSQL and Redis: per-chat order across two workers, retries
 * with backoff, the last attempt (admins told once), and the operator's `inbound list --failed` and
 * `inbound retry`. The handler is a recording double of the InboundHandler port.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../handlers/channel.ts';
import type { InboundHandler, InboundOutcome } from '../../handlers/inbound.ts';
import { runCli } from '../../test/support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { waitUntil } from '../../test/support/faults.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/support/redis.ts';
import { INBOUND_QUEUE, type InboundJobData } from '../catalog.ts';
import { redisConnectionOptions } from '../queues.ts';
import { createInboundIntake } from './inbound-intake.ts';
import { createInboundWorker, type InboundWorker } from './inbound-worker.ts';

let database: TestDatabase;
let redis: Redis;
let queue: Queue<InboundJobData>;
const prefix = uniquePrefix();
const workers: InboundWorker[] = [];

/** Records what it handled, per chat; `fail(text)` says how many times that text still throws. */
class RecordingHandler implements InboundHandler {
  readonly handled = new Map<string, string[]>();
  readonly failures = new Map<string, number>();
  async handle(message: IncomingMessage): Promise<InboundOutcome> {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
    const left = this.failures.get(message.text) ?? 0;
    if (left > 0) {
      this.failures.set(message.text, left - 1);
      throw new Error(`handler failed on ${message.text}`);
    }
    const list = this.handled.get(message.chatId) ?? [];
    list.push(message.text);
    this.handled.set(message.chatId, list);
    return 'processed';
  }
}

const handler = new RecordingHandler();
const gaveUp: number[] = [];
let seq = 0;

function message(chatId: string, text: string): IncomingMessage {
  seq += 1;
  return {
    channel: 'telegram',
    platformId: `w-${seq}`,
    chatId,
    userId: chatId,
    kind: 'text',
    text,
    isGroup: false,
    receivedAt: new Date(),
    raw: { update_id: seq },
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
  const connection = redisConnectionOptions(TEST_REDIS_URL);
  queue = new Queue<InboundJobData>(INBOUND_QUEUE, { connection, prefix });
  for (let i = 0; i < 2; i++) {
    workers.push(
      createInboundWorker({
        db: database.db,
        connection,
        prefix,
        handler,
        concurrency: 4,
        maxAttempts: 3,
        retryDelayMs: 100,
        onGaveUp: async (row) => {
          gaveUp.push(row.id);
        },
      }),
    );
  }
}, 60_000);

afterAll(async () => {
  for (const worker of workers) await worker.close();
  await queue?.close();
  if (redis) {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }
  await database?.drop();
});

const pending = () => database.db.inboundMessage.count({ where: { outcome: 'received' } });

describe('inbound queue', () => {
  it('GIVEN 300 messages of 20 chats, two workers THEN each handled once, in order per chat', async () => {
    const intake = createInboundIntake({ db: database.db, queue });
    const sent = new Map<string, string[]>();
    const messages: IncomingMessage[] = [];
    for (let n = 0; n < 15; n++) {
      for (let c = 0; c < 20; c++) {
        const chatId = String(10_000 + c);
        const m = message(chatId, `${chatId}-${n}`);
        messages.push(m);
        sent.set(chatId, [...(sent.get(chatId) ?? []), m.text]);
      }
    }
    // In order per chat, as a platform delivers them; a redelivery of every 7th.
    for (const m of messages) {
      await intake.accept(m);
      if (seq % 7 === 0) void intake.accept(m);
    }
    expect(await database.db.inboundMessage.count()).toBe(300);
    await waitUntil(async () => (await pending()) === 0, 60_000, 'all handled');
    for (const [chatId, texts] of sent) expect(handler.handled.get(chatId), chatId).toEqual(texts);
  }, 90_000);

  it('GIVEN a handler that fails twice THEN retried with backoff, and the chat waits for it', async () => {
    const intake = createInboundIntake({ db: database.db, queue });
    handler.failures.set('flaky', 2);
    await intake.accept(message('20001', 'flaky'));
    await intake.accept(message('20001', 'after flaky'));
    await waitUntil(async () => (await pending()) === 0, 30_000, 'handled after retries');
    expect(handler.handled.get('20001')).toEqual(['flaky', 'after flaky']);
    const row = await database.db.inboundMessage.findFirstOrThrow({ where: { text: 'flaky' } });
    expect(row).toMatchObject({ outcome: 'processed', attempts: 2 });
  }, 60_000);

  it('GIVEN a handler that always fails THEN failed after the last attempt, admins told once, retry replays it', async () => {
    const intake = createInboundIntake({ db: database.db, queue });
    handler.failures.set('broken', 3);
    await intake.accept(message('20002', 'broken'));
    await intake.accept(message('20002', 'next one'));
    await waitUntil(async () => (await pending()) === 0, 30_000, 'given up');
    const row = await database.db.inboundMessage.findFirstOrThrow({ where: { text: 'broken' } });
    expect(row).toMatchObject({ outcome: 'failed', attempts: 3, outcomeDetail: 'handler failed on broken' });
    expect(gaveUp).toEqual([row.id]);
    expect(handler.handled.get('20002')).toEqual(['next one']);

    const env = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix };
    const listed = runCli(['inbound', 'list', '--failed', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id: row.id, outcome: 'failed', attempts: 3, text: 'broken' }),
    ]);
    const retried = runCli(['inbound', 'retry', String(row.id)], env);
    expect(retried.code, retried.stderr).toBe(0);
    await waitUntil(
      async () =>
        (await database.db.inboundMessage.findUniqueOrThrow({ where: { id: row.id } })).outcome ===
        'processed',
      30_000,
      'replayed',
    );
    expect(handler.handled.get('20002')).toEqual(['next one', 'broken']);
    const again = runCli(['inbound', 'retry', String(row.id)], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already handled \(processed\)/u);
    expect(runCli(['inbound', 'retry', 'abc'], env).code).toBe(2);
  }, 120_000);
});
