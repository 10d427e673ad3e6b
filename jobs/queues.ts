/**
 * Redis connection options, job ids and job defaults shared by producers and workers of the outbox and
 * inbound queues (queue and job names and the job data's schemas: jobs/catalog.ts).
 * Job ids never contain ':' (BullMQ forbids it) and are never all digits.
 */

import type { RedisOptions } from 'bullmq';
import { type JobsOptions, Queue } from 'bullmq';
import { INBOUND_QUEUE, type InboundJobData, OUTBOX_QUEUE, type OutboxJobData } from './catalog.ts';

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
 * Job id of the job queued for one stored platform event: a redelivery that arrives while the first job is
 * still known to BullMQ queues nothing more (and one that arrives later finds its row handled).
 */
export function inboundJobId(channel: string, platformId: string): string {
  return `in-${channel}-${platformId.replaceAll(':', '_')}`;
}

/** Retries of an inbound job's own failures (PostgreSQL or Redis unreachable): exponential from 1 s. */
export const INBOUND_JOB_OPTIONS: Readonly<JobsOptions> = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.2 },
  removeOnComplete: { age: 3600, count: 10_000 },
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
  inbound: Queue<InboundJobData>;
  close(): Promise<void>;
}

/** Opens the producer-side queues. */
export function createQueues(deps: QueueDeps): Queues {
  const outbox = new Queue<OutboxJobData>(OUTBOX_QUEUE, {
    connection: deps.connection,
    prefix: deps.prefix,
    defaultJobOptions: { ...OUTBOX_JOB_OPTIONS },
  });
  const inbound = new Queue<InboundJobData>(INBOUND_QUEUE, {
    connection: deps.connection,
    prefix: deps.prefix,
    defaultJobOptions: { ...INBOUND_JOB_OPTIONS },
  });
  return {
    outbox,
    inbound,
    async close() {
      await Promise.all([outbox.close(), inbound.close()]);
    },
  };
}
