import { Queue } from 'bullmq';
import { planAndQueueReminders } from '../../handlers/reminders/plan-reminders-for-day.ts';
import { DIGESTS_QUEUE, type DigestJobData, PLANNING_QUEUE } from '../../jobs/catalog.ts';
import { type PlanningQueue, upsertSchedules } from '../../jobs/reminders/planning-queue.ts';
import { createPlanningWorker } from '../../jobs/reminders/planning-worker.ts';
import { catchUpMissedRuns } from '../../jobs/schedules/catch-up.ts';
import { upsertInboundPurgeSchedule } from '../../jobs/schedules/inbound-purge.ts';
import { buildSchedules } from '../../jobs/schedules/schedules.ts';
import { workCalendarOf } from '../config.ts';
import type { Feature, FeatureDeps } from './feature.ts';

/**
 * Wiring of the reminders feature (its /nghiphep command is in the command registry): in the 'all' and
 * 'worker' roles the planning worker, the job schedulers (daily planning, weekly, monthly and
 * quarterly digests, the nightly purge of raw inbound payloads) and, once started, the catch-up of runs
 * missed while the service was down.
 */
export async function startRemindersFeature(deps: FeatureDeps): Promise<Feature> {
  if (deps.role === 'bot') return {};
  const { db, logger, config } = deps;
  const planningTime = config.reminderPlanningTime;
  const schedules = buildSchedules({ planningTime, timeZone: config.timeZone });
  const queueOptions = { connection: deps.connection, prefix: config.queuePrefix };
  const planningQueue: PlanningQueue = new Queue(PLANNING_QUEUE, queueOptions);
  const digestsQueue = new Queue<DigestJobData>(DIGESTS_QUEUE, queueOptions);
  const worker = createPlanningWorker({
    ...queueOptions,
    db,
    now: deps.now,
    schedules,
    planningQueue,
    digestsQueue,
    inboundRetentionDays: config.inboundRetentionDays,
    logger,
    async plan(at) {
      const outcome = await planAndQueueReminders(
        {
          db,
          outbox: deps.outbox,
          sendTime: config.reminderSendTime,
          calendar: workCalendarOf(config),
          // Read at run time: the Zalo feature may add its channel after this one started.
          channels: new Set(deps.channels.keys()),
          logger,
        },
        at,
      );
      logger.info(
        { day: outcome.day, reminders: outcome.lines.length, ...outcome.messages },
        'reminders: day planned',
      );
      return { day: outcome.day, reminders: outcome.lines.length, messages: outcome.messages };
    },
  });
  return {
    async started() {
      try {
        await upsertSchedules(planningQueue, schedules);
        await upsertInboundPurgeSchedule(planningQueue, config.timeZone);
        const queued = await catchUpMissedRuns({ db, queue: planningQueue, schedules, now: deps.now() });
        if (queued.length > 0) logger.info({ queued }, 'schedules: missed runs queued');
      } catch (error) {
        logger.error({ err: error }, 'schedules: could not set up the schedules');
      }
    },
    async close() {
      await worker.close();
      await planningQueue.close();
      await digestsQueue.close();
    },
  };
}
