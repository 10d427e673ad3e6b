/**
 * The `digests` queue: a job `digest` with data `{kind, at}` (validated) builds the period's digest
 * once and sends it to the committee. Producers (the schedules) add jobs; this worker owns the queue.
 */
import { type Job, type RedisOptions, Worker } from 'bullmq';
import type { ChannelId } from '../../handlers/channel.ts';
import type { Outbox } from '../../handlers/outbox.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { DIGESTS_QUEUE, type DigestJobData, readJobData } from '../catalog.ts';
import { buildAndStoreDigest } from './build-and-store-digest.ts';
import { type SendDigestResult, sendDigest } from './send-digest.ts';

/** What a finished job reports (kept in Redis with the job). */
export interface DigestJobResult extends SendDigestResult {
  digestId: number;
  periodKey: string;
  /** True when this job stored the period's digest (false: it was stored already). */
  stored: boolean;
}

/** Dependencies of the worker. */
export interface DigestWorkerOptions {
  db: PrismaClient;
  outbox: Outbox;
  connection: RedisOptions;
  prefix: string;
  now: () => Date;
  limits?: Partial<Record<ChannelId, number>>;
  spacingMs?: number;
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** Builds and sends the digest of one job; bad data fails the job for good (no retries). */
export async function processDigestJob(
  options: Omit<DigestWorkerOptions, 'connection' | 'prefix'>,
  job: Pick<Job, 'name' | 'data'>,
): Promise<DigestJobResult> {
  const { data } = readJobData(DIGESTS_QUEUE, job);
  const built = await buildAndStoreDigest({ db: options.db, kind: data.kind, at: new Date(data.at) });
  const sent = await sendDigest(
    {
      db: options.db,
      outbox: options.outbox,
      now: options.now,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.spacingMs !== undefined ? { spacingMs: options.spacingMs } : {}),
    },
    built.digest,
    built.model,
  );
  options.logger?.info(
    { kind: built.digest.kind, periodKey: built.digest.periodKey, stored: built.created, ...sent },
    'digest sent to the committee',
  );
  return { digestId: built.digest.id, periodKey: built.digest.periodKey, stored: built.created, ...sent };
}

/** A running digest worker. */
export interface DigestWorker {
  readonly worker: Worker<DigestJobData, DigestJobResult>;
  close(): Promise<void>;
}

/** Starts the worker (one job at a time: digests are few and heavy). */
export function createDigestWorker(options: DigestWorkerOptions): DigestWorker {
  const worker = new Worker<DigestJobData, DigestJobResult>(
    DIGESTS_QUEUE,
    (job) => processDigestJob(options, job),
    {
      connection: { ...options.connection, maxRetriesPerRequest: null },
      prefix: options.prefix,
      concurrency: 1,
    },
  );
  worker.on('failed', (job, error) =>
    options.logger?.warn({ jobId: job?.id, data: job?.data, err: error.message }, 'digest job failed'),
  );
  worker.on('error', (error) => options.logger?.warn({ err: error.message }, 'digest worker error'));
  return {
    worker,
    async close() {
      await worker.close();
    },
  };
}
