/**
 * Producing planning work: the day's planning job (deterministic id `planning-<yyyymmdd>`, so a day is
 * planned by the queue once however many processes ask) and the job schedulers of every schedule.
 */
import type { JobsOptions, Queue } from 'bullmq';
import { type JobDataOf, PLAN_JOB_NAME, type PLANNING_QUEUE, TICK_JOB_NAME } from '../catalog.ts';
import type { Schedule } from '../schedules/schedules.ts';

export type PlanningQueue = Queue<JobDataOf<typeof PLANNING_QUEUE>>;

const DAY = 24 * 3600;

export const PLANNING_JOB_OPTIONS: Readonly<JobsOptions> = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 7 * DAY },
  removeOnFail: { age: 30 * DAY },
};

export function planningJobId(day: string): string {
  return `planning-${day.replaceAll('-', '')}`;
}

/**
 * Adds the day's planning job unless it exists already (waiting, running or done): false then. A job
 * that failed for good is replaced, so a later catch-up can try the day again.
 */
export async function addPlanningJob(queue: PlanningQueue, day: string): Promise<boolean> {
  const jobId = planningJobId(day);
  const existing = await queue.getJob(jobId);
  if (existing) {
    if ((await existing.getState()) !== 'failed') return false;
    await existing.remove();
  }
  await queue.add(PLAN_JOB_NAME, { day }, { ...PLANNING_JOB_OPTIONS, jobId });
  return true;
}

/** A catch-up tick for a missed occurrence, queued once (`catchup-<run key>`). */
export async function addCatchUpTick(
  queue: PlanningQueue,
  schedule: Schedule,
  occurrence: Date,
): Promise<void> {
  await queue.add(
    TICK_JOB_NAME,
    { schedule: schedule.id, at: occurrence.toISOString() },
    { ...PLANNING_JOB_OPTIONS, jobId: `catchup-${schedule.runKey(occurrence)}` },
  );
}

/**
 * Creates or updates one job scheduler per schedule (`schedule-<id>`). Upserting is idempotent, so every
 * worker process may do it at start; BullMQ fires each occurrence once per cluster.
 */
export async function upsertSchedules(queue: PlanningQueue, schedules: readonly Schedule[]): Promise<void> {
  for (const s of schedules) {
    await queue.upsertJobScheduler(
      `schedule-${s.id}`,
      { pattern: s.pattern, tz: s.timeZone },
      { name: TICK_JOB_NAME, data: { schedule: s.id }, opts: { ...PLANNING_JOB_OPTIONS } },
    );
  }
}
