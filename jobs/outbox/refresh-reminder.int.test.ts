/**
 * Reminders that are still true: planned at 07:30, sent at 08:30; a report received in between removes
 * its task from the morning's message, and an officer with nothing left gets no message at all. Real
 * PostgreSQL and Redis, the fake Bot API, the real planner and delivery worker.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../bot/telegram/telegram-channel.ts';
import { vnInstant } from '../../domain/calendar/working-time.ts';
import type { Channel, ChannelId } from '../../handlers/channel.ts';
import {
  agencyId,
  CALENDAR_2025,
  createOfficerWithChat,
  createPlan,
  createTask,
} from '../../handlers/reminders/reminders.test-support.ts';
import { scheduleAndQueueReminders } from '../../handlers/reminders/schedule-and-queue-reminders.ts';
import { recordReport } from '../../store/reports.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../../test/fakes/telegram-api-server.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/support/redis.ts';
import { waitUntil } from '../../test/support/wait-until.ts';
import { OUTBOX_QUEUE, type OutboxJobData } from '../catalog.ts';
import { redisConnectionOptions } from '../queues.ts';
import { createDeliveryWorker, type DeliveryWorker } from './delivery-worker.ts';
import { createOutbox } from './outbox.ts';

const DAY = '2025-03-20';
const prefix = uniquePrefix();
const connection = redisConnectionOptions(TEST_REDIS_URL);
type Sent = { text?: unknown; reply_markup?: unknown };

let database: TestDatabase;
let fake: FakeTelegram;
let queue: Queue<OutboxJobData>;
let worker: DeliveryWorker | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeTelegramServer();
  queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, { connection, prefix });
});
afterAll(async () => {
  await worker?.close();
  await queue?.close();
  await fake?.close();
  await database?.drop();
  const redis = createTestRedis();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('a report between planning and sending', () => {
  it('removes its task from the reminder, and skips a reminder left with nothing', async () => {
    const db = database.db;
    const police = await agencyId(db, 'Công an tỉnh');
    const health = await agencyId(db, 'Sở Y tế');
    const planId = await createPlan(db);
    const t1 = await createTask(db, planId, { code: '1', due: DAY, lead: [police] });
    await createTask(db, planId, { code: '2', due: '2025-03-27', lead: [police] });
    const t3 = await createTask(db, planId, { code: '3', due: DAY, lead: [health] });
    const lan = await createOfficerWithChat(db, { name: 'Lan', agencyId: police, chatId: '6301' });
    const minh = await createOfficerWithChat(db, { name: 'Minh', agencyId: health, chatId: '6302' });

    const outbox = createOutbox({ db, queue });
    const planned = await scheduleAndQueueReminders(
      { db, outbox, sendTime: '08:30', channels: new Set(['telegram']), calendar: CALENDAR_2025 },
      vnInstant(DAY, '07:30'),
    );
    expect(planned.messages.created).toBe(2);

    // 07:45: Lan reports task 1, Minh his only task 3 (after planning, before the worker sends).
    for (const [taskId, officerId] of [
      [t1, lan],
      [t3, minh],
    ] as const) {
      await recordReport(db, {
        taskId,
        officerId,
        status: 'done',
        progress: null,
        result: null,
        blocker: null,
        channel: 'telegram',
        platformMessageId: `r-${taskId}`,
        inboundMessageId: null,
        masked: [],
        at: new Date(),
      });
    }

    const channel = new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, partIntervalMs: 0 });
    worker = createDeliveryWorker({
      db,
      connection,
      prefix,
      channels: new Map<ChannelId, Channel>([['telegram', channel]]),
      ratePerSecond: 50,
      perChatIntervalMs: 0,
    });
    await waitUntil(
      async () => (await db.delivery.count({ where: { state: { in: ['pending', 'sending'] } } })) === 0,
      20_000,
    );

    const toLan = fake.sent(6301);
    expect(toLan).toHaveLength(1);
    const text = String((toLan[0]!.params as Sent).text);
    expect(text).toMatch(/^Nhắc việc Đề án 06:\n/u);
    expect(text).toContain('#2 Nhiệm vụ 2');
    expect(text).not.toContain('#1 Nhiệm vụ 1');
    const keyboard = JSON.stringify((toLan[0]!.params as Sent).reply_markup);
    expect(keyboard).toContain('#2 xong');
    expect(keyboard).not.toContain('#1 ');
    expect(fake.sent(6302)).toHaveLength(0);

    const states = await db.reminder.findMany({ select: { taskId: true, state: true } });
    expect(states.filter((r) => r.taskId === t1).every((r) => r.state === 'suppressed')).toBe(true);
    expect(states.filter((r) => r.taskId === t3).every((r) => r.state === 'suppressed')).toBe(true);
    const minhDelivery = await db.delivery.findFirstOrThrow({ where: { officerId: minh } });
    expect(minhDelivery.state).toBe('cancelled');
  }, 60_000);
});
