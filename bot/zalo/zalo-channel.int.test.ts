/**
 * The Zalo channel behind the real outbox (PostgreSQL + BullMQ on Redis) against the fake OA: Zalo's
 * -32 quota answer pauses the queue and the message is sent later, once.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, ChannelId } from '../../handlers/channel.ts';
import { OUTBOX_QUEUE, type OutboxJobData } from '../../jobs/catalog.ts';
import { createDeliveryWorker } from '../../jobs/outbox/delivery-worker.ts';
import { createOutbox } from '../../jobs/outbox/outbox.ts';
import { redisConnectionOptions } from '../../jobs/queues.ts';
import { listAttempts } from '../../store/deliveries.ts';
import { type FakeZalo, startFakeZaloServer } from '../../test/fakes/zalo-api-server.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/support/redis.ts';
import { waitUntil } from '../../test/support/wait-until.ts';
import { ZaloChannel } from './zalo-channel.ts';
import { ZaloClient } from './zalo-client.ts';

let database: TestDatabase;
let redis: Redis;
let fake: FakeZalo;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
  fake = await startFakeZaloServer();
});
afterAll(async () => {
  await fake?.close();
  redis?.disconnect();
  await database?.drop();
});

describe('Zalo through the outbox', () => {
  it('GIVEN Zalo answers -32 (quota) THEN the queue waits and every message is sent once', async () => {
    const { accessToken } = fake.issueTokens();
    const client = new ZaloClient({
      apiBase: fake.apiBase,
      oauthBase: fake.oauthBase,
      appId: fake.appId,
      appSecret: fake.appSecret,
      getAccessToken: async () => accessToken,
    });
    const channels = new Map<ChannelId, Channel>([
      ['zalo', new ZaloChannel(client, { rateLimitRetryMs: 300 })],
    ]);
    const prefix = uniquePrefix();
    const connection = redisConnectionOptions(TEST_REDIS_URL);
    const queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, { connection, prefix });
    const outbox = createOutbox({ db: database.db, queue });
    const worker = createDeliveryWorker({
      db: database.db,
      connection,
      prefix,
      channels,
      ratePerSecond: 25,
      perChatIntervalMs: 0,
    });
    try {
      fake.failNext(2, 'rate-limited');
      const users = ['1000000000000000001', '1000000000000000002', '1000000000000000003'];
      const keys = users.map((u) => `quota-${u}`);
      await outbox.enqueue(
        users.map((u, i) => ({
          dedupKey: keys[i]!,
          kind: 'reminder' as const,
          officerId: null,
          to: { channel: 'zalo' as const, chatId: u },
          message: { text: `Nhắc việc ${i}` },
        })),
      );
      const started = Date.now();
      await waitUntil(
        async () =>
          (await database.db.delivery.count({ where: { dedupKey: { in: keys }, state: 'sent' } })) === 3,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(fake.sent.map((m) => m.userId).sort()).toEqual(users);
      const attempts = (
        await Promise.all(
          (
            await database.db.delivery.findMany({ where: { dedupKey: { in: keys } } })
          ).map((d) => listAttempts(database.db, d.id)),
        )
      ).flat();
      const limited = attempts.filter((a) => a.outcome === 'rate-limited');
      expect(limited).toHaveLength(2);
      expect(limited.every((a) => a.retryAfterMs === 300 && /-32/u.test(a.error ?? ''))).toBe(true);
      expect(attempts.filter((a) => a.outcome === 'sent')).toHaveLength(3);
    } finally {
      await worker.close();
      await queue.close();
      await deletePrefix(redis, prefix);
    }
  });
});
