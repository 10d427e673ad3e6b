/**
 * Runs missed while the service was down: at start, each schedule's latest occurrence is compared with
 * the ScheduleRun rows and queued once when it did not run. Planning catches up only today's run (a
 * past day's reminders are stale; tomorrow's planning covers what is still due). A digest catches up
 * only when its schedule ran before, so a fresh installation does not send an old period's digest.
 */
import { vnDate } from '../../domain/calendar/working-time.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { hasScheduleRun, lastScheduleRun } from '../../store/schedule-runs.ts';
import { addCatchUpTick, addPlanningJob, type PlanningQueue } from '../reminders/planning-queue.ts';
import type { Schedule } from './schedules.ts';

/** Queues the missed runs; returns their run keys. */
export async function catchUpMissedRuns(deps: {
  db: PrismaClient;
  queue: PlanningQueue;
  schedules: readonly Schedule[];
  now: Date;
}): Promise<string[]> {
  const queued: string[] = [];
  for (const schedule of deps.schedules) {
    const occurrence = schedule.latest(deps.now);
    const key = schedule.runKey(occurrence);
    if (await hasScheduleRun(deps.db, key)) continue;
    if (schedule.digest === null) {
      const today = vnDate(deps.now);
      if (vnDate(occurrence) === today && (await addPlanningJob(deps.queue, today))) queued.push(key);
      continue;
    }
    const last = await lastScheduleRun(deps.db, schedule.prefix);
    if (last === null || last >= key) continue;
    await addCatchUpTick(deps.queue, schedule, occurrence);
    queued.push(key);
  }
  return queued;
}
