/**
 * The reminder planner's set-up shared by the integration tests: the real outbox queue under a Redis
 * prefix of its own (emptied on close), and the planner's dependencies on a test database.
 */
import { Queue } from 'bullmq';
import { CALENDAR_2025 } from '../../handlers/reminders/reminders.test-support.ts';
import type { ReminderSchedulerDeps } from '../../handlers/reminders/schedule-and-queue-reminders.ts';
import { OUTBOX_QUEUE } from '../../jobs/catalog.ts';
import { createOutbox } from '../../jobs/outbox/outbox.ts';
import { redisConnectionOptions } from '../../jobs/queues.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from './redis.ts';

export interface TestOutboxQueue {
  queue: Queue;
  /** Closes the queue and deletes every key under its prefix. */
  close(): Promise<void>;
}

/** The outbox queue on the test Redis, under a prefix of its own. */
export function createTestOutboxQueue(): TestOutboxQueue {
  const prefix = uniquePrefix();
  const queue = new Queue(OUTBOX_QUEUE, { connection: redisConnectionOptions(TEST_REDIS_URL), prefix });
  return {
    queue,
    async close() {
      await queue.close();
      const redis = createTestRedis();
      await deletePrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/** The planner on `db` queueing to `queue`: reminders at 08:30 on Telegram, the 2025 calendar. */
export function reminderSchedulerDeps(db: PrismaClient, queue: Queue): ReminderSchedulerDeps {
  return {
    db,
    outbox: createOutbox({ db, queue }),
    sendTime: '08:30',
    channels: new Set(['telegram']),
    calendar: CALENDAR_2025,
  };
}
