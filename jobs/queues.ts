/**
 * Queue names, Redis connection options and job defaults shared by producers and workers.
 * Job ids never contain ':' (BullMQ forbids it) and are never all digits.
 */

import type { RedisOptions } from 'bullmq';
import { type JobsOptions, Queue } from 'bullmq';

/** The one outgoing-message queue. */
export const OUTBOX_QUEUE = 'outbox';
/** Name of every job in {@link OUTBOX_QUEUE}. */
export const OUTBOX_JOB_NAME = 'deliver';

/** Data of an outbox job: only the Delivery id; the message itself lives in PostgreSQL. */
export interface OutboxJobData {
  deliveryId: number;
  /** The row's `jobKey`: a job whose key differs from the row's belongs to another database lifetime. */
  jobKey?: string;
  /** Set by the worker: the per-chat slot this job reserved before it delayed itself to it. */
  pace?: { chat: string; at: number };
}

/**
 * Deterministic job id of a delivery: adding it twice queues it once. The row's random `jobKey` makes it
 * unique across database lifetimes: a database restored from a dump (or recreated) hands out the same row
 * ids again, and a job id made of the row id alone would meet a job Redis keeps as completed and never be
 * queued.
 */
export function outboxJobId(deliveryId: number, jobKey: string): string {
  return `delivery-${deliveryId}-${jobKey}`;
}

/** Retries and retention of outbox jobs: ~8 attempts with exponential backoff from 2 s (about 4 min in all). */
export const OUTBOX_JOB_OPTIONS: Readonly<JobsOptions> = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.2 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * ioredis options for BullMQ from a `redis://` URL: `maxRetriesPerRequest: null` as workers require.
 * @example redisConnectionOptions('redis://127.0.0.1:6379/0')
 */
export function redisConnectionOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    db,
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

export interface QueueDeps {
  connection: RedisOptions;
  /** BullMQ key prefix (QUEUE_PREFIX). */
  prefix: string;
}

/** The producer-side queues. Close them on shutdown. */
export interface Queues {
  outbox: Queue<OutboxJobData>;
  close(): Promise<void>;
}

/** Opens the producer-side queues. */
export function createQueues(deps: QueueDeps): Queues {
  const outbox = new Queue<OutboxJobData>(OUTBOX_QUEUE, {
    connection: deps.connection,
    prefix: deps.prefix,
    defaultJobOptions: { ...OUTBOX_JOB_OPTIONS },
  });
  return {
    outbox,
    async close() {
      await outbox.close();
    },
  };
}
