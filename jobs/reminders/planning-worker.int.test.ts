/**
 * Schedules against real Redis and PostgreSQL: the job schedulers are created, missed runs are queued
 * once at start and processed by the planning worker (planning for today, a digest job for the digest
 * feature), a stale planning job is dropped.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../../domain/calendar/working-time.ts';
import { planAndQueueReminders } from '../../handlers/reminders/plan-reminders-for-day.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/support/redis.ts';
import { DIGESTS_QUEUE, type DigestJobData, OUTBOX_QUEUE, PLANNING_QUEUE } from '../catalog.ts';
import { createOutbox } from '../outbox/outbox.ts';
import { redisConnectionOptions } from '../queues.ts';
import { catchUpMissedRuns } from '../schedules/catch-up.ts';
import { buildSchedules } from '../schedules/schedules.ts';
import { type PlanningQueue, planningJobId, upsertSchedules } from './planning-queue.ts';
import { createPlanningWorker, processPlanningJob } from './planning-worker.ts';

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('planning worker and schedules', () => {
  const prefix = uniquePrefix();
  const connection = redisConnectionOptions(TEST_REDIS_URL);
  const NOW = vnInstant('2026-11-23', '09:00'); // a Monday, after planning time and the weekly digest
  const schedules = buildSchedules({ planningTime: '07:30' });
  let t: TestDatabase;
  let planning: PlanningQueue;
  let digests: Queue<DigestJobData>;
  let outboxQueue: Queue;
  const plannedAt: Date[] = [];
  let options: Parameters<typeof processPlanningJob>[0];

  beforeAll(async () => {
    t = await createTestDatabase();
    planning = new Queue(PLANNING_QUEUE, { connection, prefix });
    digests = new Queue(DIGESTS_QUEUE, { connection, prefix });
    outboxQueue = new Queue(OUTBOX_QUEUE, { connection, prefix });
    const outbox = createOutbox({ db: t.db, queue: outboxQueue });
    options = {
      db: t.db,
      now: () => NOW,
      schedules,
      planningQueue: planning,
      digestsQueue: digests,
      async plan(at) {
        plannedAt.push(at);
        return planAndQueueReminders(
          { db: t.db, outbox, sendTime: '08:30', channels: new Set(['telegram']) },
          at,
        );
      },
    };
  });
  afterAll(async () => {
    await planning.close();
    await digests.close();
    await outboxQueue.close();
    const redis = createTestRedis();
    await deletePrefix(redis, prefix);
    await redis.quit();
    await t.drop();
  });

  it('GIVEN the schedules THEN one job scheduler each, in Vietnam time', async () => {
    await upsertSchedules(planning, schedules);
    await upsertSchedules(planning, schedules);
    const found = await planning.getJobSchedulers();
    expect(found.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
      ['schedule-monthly-digest', '0 8 16 * *', 'Asia/Ho_Chi_Minh'],
      ['schedule-planning', '30 7 * * *', 'Asia/Ho_Chi_Minh'],
      ['schedule-quarterly-digest', '30 8 16 3,6,9,12 *', 'Asia/Ho_Chi_Minh'],
      ['schedule-weekly-digest', '0 8 * * 1', 'Asia/Ho_Chi_Minh'],
    ]);
    for (const s of found) await planning.removeJobScheduler(s.key);
  });

  it('GIVEN runs missed while down THEN each is run once: today’s planning and the weekly digest', async () => {
    await t.db.scheduleRun.create({ data: { key: 'digest-weekly-2026-W46' } });
    const queued = await catchUpMissedRuns({ db: t.db, queue: planning, schedules, now: NOW });
    // Monthly and quarterly never ran: a fresh schedule does not send an old period's digest.
    expect(queued).toEqual(['planning-2026-11-23', 'digest-weekly-2026-W48']);
    expect(await planning.getJob(planningJobId('2026-11-23'))).toBeDefined();
    const worker = createPlanningWorker({ ...options, connection, prefix });
    try {
      await waitUntil(async () => (await t.db.scheduleRun.count()) === 3);
    } finally {
      await worker.close();
    }
    expect(plannedAt).toEqual([NOW]);
    const digest = await digests.getJob('digest-weekly-2026-W48');
    expect(digest?.name).toBe('digest');
    expect(digest?.data).toEqual({ kind: 'weekly', at: vnInstant('2026-11-23', '08:00').toISOString() });
    expect(await catchUpMissedRuns({ db: t.db, queue: planning, schedules, now: NOW })).toEqual([]);
    // A tick of an occurrence already run asks for nothing more.
    const again = await processPlanningJob(options, { name: 'tick', data: { schedule: 'weekly-digest' } });
    expect(again).toEqual({ done: 'already-ran', key: 'digest-weekly-2026-W48' });
  });

  it('GIVEN a planning job of an earlier day THEN it is dropped without planning', async () => {
    const before = plannedAt.length;
    const out = await processPlanningJob(options, { name: 'plan', data: { day: '2026-11-22' } });
    expect(out).toEqual({ done: 'stale', day: '2026-11-22' });
    expect(plannedAt).toHaveLength(before);
  });
});
