/**
 * The job catalogue: every BullMQ queue of the service, the names of the jobs it carries and a zod schema
 * of each job's data. Producers and workers take the names from here; the TypeScript types of job data are
 * derived from the schemas, and a worker reads a job with {@link readJobData}, so a job whose name or
 * data the queue does not know fails for good instead of being retried.
 *
 * | queue | job | data | produced by | worked by |
 * |---|---|---|---|---|
 * | `outbox` | `deliver` | {@link OutboxJobData} | jobs/outbox/outbox.ts, reconcile-outbox.ts | jobs/outbox/process-delivery.ts |
 * | `inbound` | `handle` | {@link InboundJobData} | jobs/inbound/inbound-intake.ts, reconcile-inbound.ts | jobs/inbound/inbound-worker.ts |
 * | `planning` | `plan` | {@link PlanJobData} | jobs/reminders/planning-queue.ts | jobs/reminders/planning-worker.ts |
 * | `planning` | `tick` | {@link TickJobData} | the job schedulers, catch-up | jobs/reminders/planning-worker.ts |
 * | `planning` | `purge-inbound` | {@link PurgeInboundJobData} | its job scheduler | jobs/reminders/planning-worker.ts |
 * | `digests` | `digest` | {@link DigestJobData} | jobs/reminders/planning-worker.ts (digest ticks) | jobs/digest/digest-worker.ts |
 */
import { type Job, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import type { DigestKind } from '../domain/digest/digest-input.ts';
import { CHANNELS } from '../handlers/channel.ts';

/** The one outgoing-message queue. */
export const OUTBOX_QUEUE = 'outbox';
/** Name of every job in {@link OUTBOX_QUEUE}. */
export const OUTBOX_JOB_NAME = 'deliver';

/** The inbound queue: handling of stored inbound messages, in order per chat (jobs/inbound). */
export const INBOUND_QUEUE = 'inbound';
/** Name of every job in {@link INBOUND_QUEUE}. */
export const INBOUND_JOB_NAME = 'handle';

/** The planning queue: daily reminder scheduling, schedule ticks and the nightly purge. */
export const PLANNING_QUEUE = 'planning';
/** Schedules the day's reminders. */
export const PLAN_JOB_NAME = 'plan';
/** One occurrence of a schedule (from its job scheduler, or a catch-up). */
export const TICK_JOB_NAME = 'tick';
/** Empties raw inbound payloads older than the retention period. */
export const INBOUND_PURGE_JOB_NAME = 'purge-inbound';

/** The digest feature's queue: the schedules add `digest` jobs, the digest worker builds and sends them. */
export const DIGESTS_QUEUE = 'digests';
/** Name of every job in {@link DIGESTS_QUEUE}. */
export const DIGEST_JOB_NAME = 'digest';

/** The kinds of digest, as the domain names them. */
export const DIGEST_KINDS = ['weekly', 'monthly', 'quarterly'] as const satisfies readonly DigestKind[];

/** The schedules that tick on the planning queue (jobs/schedules/schedules.ts builds them). */
export const SCHEDULE_IDS = ['planning', 'weekly-digest', 'monthly-digest', 'quarterly-digest'] as const;
export type ScheduleId = (typeof SCHEDULE_IDS)[number];

/** Data of an outbox job: only the Delivery id; the message itself lives in PostgreSQL. */
export const outboxJobDataSchema = z.object({
  deliveryId: z.number().int().positive(),
  /** The row's `jobKey`: a job whose key differs from the row's belongs to another database lifetime. */
  jobKey: z.string().optional(),
  /** Set by the worker: the per-chat slot this job reserved before it delayed itself to it. */
  pace: z.object({ chat: z.string(), at: z.number() }).optional(),
});
export type OutboxJobData = z.infer<typeof outboxJobDataSchema>;

/**
 * Data of an inbound job: the chat, and the stored message that made the job (absent for a reconciler's
 * sweep or a redelivered message). The job drains that chat's pending `inbound_message` rows in id
 * order under a per-chat lock; the messages themselves live in PostgreSQL. The message's id and
 * reception time let a job whose message an earlier drain already handled end without a query (see
 * jobs/inbound/chat-lock.ts).
 */
export const inboundJobDataSchema = z.object({
  channel: z.enum(CHANNELS),
  chatId: z.string().min(1).max(100),
  message: z.object({ id: z.number().int().positive(), receivedAt: z.number().int() }).optional(),
});
export type InboundJobData = z.infer<typeof inboundJobDataSchema>;

/** Data of a `plan` job: the Vietnam day whose reminders it schedules. */
export const planJobDataSchema = z.object({ day: z.iso.date() });
export type PlanJobData = z.infer<typeof planJobDataSchema>;

/** Data of a `tick` job: which schedule fired, and (for a catch-up) the occurrence it stands for. */
export const tickJobDataSchema = z.object({
  schedule: z.enum(SCHEDULE_IDS),
  at: z.iso.datetime().optional(),
});
export type TickJobData = z.infer<typeof tickJobDataSchema>;

/** Data of a `purge-inbound` job: none (the retention period is configuration). */
export const purgeInboundJobDataSchema = z.object({});
export type PurgeInboundJobData = z.infer<typeof purgeInboundJobDataSchema>;

/** Data of a digest job: the kind and the as-of instant (ISO 8601 with a zone). */
export const digestJobDataSchema = z.object({
  kind: z.enum(DIGEST_KINDS),
  at: z.iso.datetime({ offset: true }),
});
export type DigestJobData = z.infer<typeof digestJobDataSchema>;

/** Every queue, with the schema of each of its jobs' data by job name. */
export const JOB_CATALOG = {
  [OUTBOX_QUEUE]: { [OUTBOX_JOB_NAME]: outboxJobDataSchema },
  [INBOUND_QUEUE]: { [INBOUND_JOB_NAME]: inboundJobDataSchema },
  [PLANNING_QUEUE]: {
    [PLAN_JOB_NAME]: planJobDataSchema,
    [TICK_JOB_NAME]: tickJobDataSchema,
    [INBOUND_PURGE_JOB_NAME]: purgeInboundJobDataSchema,
  },
  [DIGESTS_QUEUE]: { [DIGEST_JOB_NAME]: digestJobDataSchema },
} as const;

export type QueueName = keyof typeof JOB_CATALOG;
type JobsOf<Q extends QueueName> = (typeof JOB_CATALOG)[Q];

/** A job of queue `Q` as the catalogue knows it: its name and its validated data, one case per job name. */
export type CatalogJob<Q extends QueueName> = {
  [N in keyof JobsOf<Q>]: { name: N; data: z.infer<JobsOf<Q>[N]> };
}[keyof JobsOf<Q>];

/** The data of the jobs of queue `Q` (the union over its job names). */
export type JobDataOf<Q extends QueueName> = CatalogJob<Q>['data'];

/**
 * Reads a job of `queue`: its name must be one of the queue's job names and its data must match that
 * job's schema. Anything else throws BullMQ's UnrecoverableError, which fails the job without retries
 * (bad data stays bad).
 * @example const job = readJobData(PLANNING_QUEUE, raw); if (job.name === PLAN_JOB_NAME) job.data.day;
 */
export function readJobData<Q extends QueueName>(queue: Q, job: Pick<Job, 'name' | 'data'>): CatalogJob<Q> {
  const jobs: Readonly<Record<string, z.ZodType>> = JOB_CATALOG[queue];
  const schema = Object.hasOwn(jobs, job.name) ? jobs[job.name] : undefined;
  if (schema === undefined) throw new UnrecoverableError(`unknown job ${job.name} on queue ${queue}`);
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(`bad ${job.name} job data: ${z.prettifyError(parsed.error)}`);
  }
  return { name: job.name, data: parsed.data } as CatalogJob<Q>;
}
