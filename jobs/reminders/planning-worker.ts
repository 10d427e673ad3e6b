/**
 * The planning worker. `plan` jobs run the reminder planner for their day (a job picked up after its
 * day is over is dropped: its reminders are stale) and record `planning-<day>` in ScheduleRun. `tick`
 * jobs come from the job schedulers (or a catch-up): a planning tick adds the day's `plan` job, a digest
 * tick adds a `digest` job `{kind, at}` to the digest feature's queue under its run key as job id and
 * records the run, so each occurrence asks for its digest once. `purge-inbound` jobs (nightly) empty the
 * raw inbound payloads older than the retention period.
 */
import { type Job, type Queue, type RedisOptions, UnrecoverableError, Worker } from 'bullmq';
import { vnDate } from '../../domain/calendar/working-time.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { hasScheduleRun, recordScheduleRun } from '../../store/schedule-runs.ts';
import {
  DIGEST_JOB_NAME,
  type DigestJobData,
  INBOUND_PURGE_JOB_NAME,
  PLAN_JOB_NAME,
  PLANNING_QUEUE,
  readJobData,
  type TickJobData,
} from '../catalog.ts';
import { runInboundPurge } from '../schedules/inbound-purge.ts';
import type { Schedule } from '../schedules/schedules.ts';
import { addPlanningJob, type PlanningQueue } from './planning-queue.ts';

/** A tick runs for the occurrence just before it; this much slack covers a scheduler firing early. */
const TICK_SLACK_MS = 60_000;

export interface PlanningWorkerOptions {
  db: PrismaClient;
  now: () => Date;
  schedules: readonly Schedule[];
  /** The reminder planner as of an instant (injected: it lives in handlers/). */
  plan(at: Date): Promise<unknown>;
  planningQueue: PlanningQueue;
  digestsQueue: Queue<DigestJobData>;
  /** Days raw inbound payloads are kept (`purge-inbound` jobs). @defaultValue 90 */
  inboundRetentionDays?: number;
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** What a job did (kept with the job in Redis). */
export type PlanningJobResult =
  | { done: 'planned'; day: string; result: unknown }
  | { done: 'stale'; day: string }
  | { done: 'queued-plan'; day: string; added: boolean }
  | { done: 'queued-digest' | 'already-ran'; key: string }
  | { done: 'purged-inbound'; purged: number; before: string };

export async function processPlanningJob(
  options: PlanningWorkerOptions,
  rawJob: Pick<Job, 'name' | 'data'>,
): Promise<PlanningJobResult> {
  const now = options.now();
  const job = readJobData(PLANNING_QUEUE, rawJob);
  if (job.name === PLAN_JOB_NAME) {
    const today = vnDate(now);
    if (job.data.day !== today) return { done: 'stale', day: job.data.day };
    const result = await options.plan(now);
    await recordScheduleRun(options.db, `planning-${today}`, now);
    return { done: 'planned', day: today, result };
  }
  if (job.name === INBOUND_PURGE_JOB_NAME) {
    const purge = await runInboundPurge(options.db, now, options.inboundRetentionDays ?? 90);
    options.logger?.info(purge, 'retention: inbound payloads purged');
    return { done: 'purged-inbound', ...purge };
  }
  return runTick(options, job.data, now);
}

/** A schedule's tick: the planning schedule queues the day's `plan` job, a digest schedule its digest. */
async function runTick(
  options: PlanningWorkerOptions,
  tick: TickJobData,
  now: Date,
): Promise<PlanningJobResult> {
  const schedule = options.schedules.find((s) => s.id === tick.schedule);
  if (!schedule) throw new UnrecoverableError(`unknown schedule ${tick.schedule}`);
  if (schedule.digest === null) {
    const today = vnDate(now);
    return { done: 'queued-plan', day: today, added: await addPlanningJob(options.planningQueue, today) };
  }
  const occurrence = tick.at ? new Date(tick.at) : schedule.latest(new Date(now.getTime() + TICK_SLACK_MS));
  const key = schedule.runKey(occurrence);
  if (await hasScheduleRun(options.db, key)) return { done: 'already-ran', key };
  // Queued first, recorded second: a crash in between re-queues under the same job id (a no-op while the
  // digest job is kept), never loses the digest.
  const data: DigestJobData = { kind: schedule.digest, at: occurrence.toISOString() };
  await options.digestsQueue.add(DIGEST_JOB_NAME, data, {
    jobId: key,
    attempts: 3,
    backoff: { type: 'exponential', delay: 60_000 },
  });
  await recordScheduleRun(options.db, key, now);
  options.logger?.info({ key }, 'schedules: digest requested');
  return { done: 'queued-digest', key };
}

/** Starts the worker (one job at a time: planning is a single pass over what is due). */
export function createPlanningWorker(
  options: PlanningWorkerOptions & { connection: RedisOptions; prefix: string },
): Worker {
  const worker = new Worker(PLANNING_QUEUE, (job) => processPlanningJob(options, job), {
    connection: { ...options.connection, maxRetriesPerRequest: null },
    prefix: options.prefix,
    concurrency: 1,
  });
  worker.on('failed', (job, error) =>
    options.logger?.warn({ jobId: job?.id, err: error.message }, 'planning: job failed'),
  );
  worker.on('error', (error) => options.logger?.warn({ err: error.message }, 'planning: worker error'));
  return worker;
}
