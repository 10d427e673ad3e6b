/**
 * The outbox worker: a BullMQ worker on the outbox queue whose processor sends through the injected
 * channels. A send gate per platform in Redis (jobs/redis-rate-gate.ts, shared by every process) keeps
 * the platform's rate (Telegram: about 30 msg/s) right before each send; a Redis pacer per chat keeps each
 * chat under its own limit (about 1 msg/s, 20 msg/min for Telegram groups). Successful sends are recorded
 * by group commit (sent-recorder.ts).
 */
import { type RedisOptions, Worker } from 'bullmq';
import { type RedisOptions as IoRedisOptions, Redis } from 'ioredis';
import type { Channel, ChannelAddress, ChannelId } from '../../handlers/channel.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { claimManyForSending } from '../../store/deliveries.ts';
import { createBatcher } from '../../store/group-commit.ts';
import { OUTBOX_QUEUE, type OutboxJobData } from '../catalog.ts';
import { createRateGate } from '../redis-rate-gate.ts';
import { createChatPacer } from './chat-pacer.ts';
import { createDeliveryLock } from './delivery-lock.ts';
import { createDeliveryProcessor, type DeliveryOutcome } from './process-delivery.ts';
import { createSentRecorder } from './sent-recorder.ts';

/** The few logger methods the worker uses (pino's Logger fits). */
export interface OutboxLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DeliveryWorkerOptions {
  db: PrismaClient;
  /** Redis connection options (`maxRetriesPerRequest: null` is forced). */
  connection: RedisOptions;
  /** BullMQ key prefix; the pacing and lock keys live under it too. */
  prefix: string;
  /** Queue name. @defaultValue {@link OUTBOX_QUEUE} */
  queueName?: string;
  channels: ReadonlyMap<ChannelId, Channel>;
  /**
   * Sends per second per platform, across every worker process sharing the Redis prefix (null: no
   * limit). The gate keeps a little headroom for jitter (see jobs/redis-rate-gate.ts).
   */
  ratePerSecond: number | null;
  /** Minimum spacing of two sends to one chat; 1100 leaves a margin over Telegram's 1 msg/s. */
  perChatIntervalMs: number;
  /** Spacing for Telegram group chats (negative chat ids): 20 msg/min. @defaultValue 3000 */
  groupIntervalMs?: number;
  /**
   * Jobs processed at once by this worker: enough to keep the gate busy while each job waits on its
   * database, Redis and HTTP round trips. The pipeline without a limit is bound by those waits, not by
   * CPU: 16 gave 757–826 messages/s on the project's machine, 32 gave 857–1,154/s (docs/performance.md).
   * @defaultValue 32
   */
  concurrency?: number;
  /**
   * How long a job stays locked to this worker without a renewal (BullMQ `lockDuration`): after a crash
   * its jobs are taken up again only once this expired. @defaultValue 30 000 (BullMQ's)
   */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs (BullMQ `stalledInterval`). @defaultValue 30 000 */
  stalledIntervalMs?: number;
  /**
   * TTL of the per-delivery Redis lock (longer than one send can take): a crashed worker's deliveries are
   * retried only once it expired. @defaultValue 120 000
   */
  deliveryLockTtlMs?: number;
  /** Told when a send found a chat newly unreachable (see {@link ProcessDeps.onChatUnreachable}). */
  onChatUnreachable?: (address: ChannelAddress) => void;
  logger?: OutboxLogger;
}

/** A running worker; `close()` waits for the jobs in progress, then closes its connections. */
export interface DeliveryWorker {
  readonly worker: Worker<OutboxJobData, DeliveryOutcome>;
  close(): Promise<void>;
}

/** Starts a worker on the outbox queue. */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const connection = { ...options.connection, maxRetriesPerRequest: null };
  // The pacing, lock and gate commands of concurrent jobs go out together (one write per tick).
  const redis = new Redis({ ...connection, enableAutoPipelining: true } as IoRedisOptions);
  const { logger } = options;
  const intervalFor = (to: ChannelAddress) =>
    to.channel === 'telegram' && to.chatId.startsWith('-')
      ? Math.max(options.perChatIntervalMs, options.groupIntervalMs ?? 3000)
      : options.perChatIntervalMs;
  const sent = createSentRecorder(options.db);
  // Jobs that start together claim their deliveries by one statement (no added wait: the batch is what
  // arrived in the same tick or while the previous claim was in flight).
  const claims = createBatcher(
    (requests: { id: number; jobKey: string | undefined }[]) => claimManyForSending(options.db, requests),
    { lingerMs: 0 },
  );
  const processor = createDeliveryProcessor({
    db: options.db,
    channels: options.channels,
    pacer: createChatPacer(redis, options.prefix),
    lock: createDeliveryLock(redis, options.prefix),
    intervalFor,
    ...(options.deliveryLockTtlMs !== undefined ? { lockTtlMs: options.deliveryLockTtlMs } : {}),
    ...(options.onChatUnreachable ? { onChatUnreachable: options.onChatUnreachable } : {}),
    ...(options.ratePerSecond === null
      ? {}
      : { gate: createRateGate(redis, { ratePerSecond: options.ratePerSecond, prefix: options.prefix }) }),
    recordSent: (id, platformMessageId) => sent.record(id, platformMessageId),
    claim: (id, jobKey) => claims.add({ id, jobKey }),
  });
  const worker = new Worker<OutboxJobData, DeliveryOutcome>(options.queueName ?? OUTBOX_QUEUE, processor, {
    connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 32,
    ...(options.lockDurationMs !== undefined ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs !== undefined ? { stalledInterval: options.stalledIntervalMs } : {}),
  });
  redis.on('error', (error) =>
    logger?.error({ err: error.message }, 'outbox: pacing Redis connection error'),
  );
  worker.on('error', (error) => logger?.error({ err: error.message }, 'outbox: worker error'));
  worker.on('failed', (job, error) =>
    logger?.warn(
      { jobId: job?.id, deliveryId: job?.data.deliveryId, err: error.message },
      'outbox: job failed',
    ),
  );
  worker.on('completed', (job, result) =>
    logger?.info({ jobId: job.id, deliveryId: job.data.deliveryId, result }, 'outbox: job done'),
  );
  const running = worker;
  return {
    worker: running,
    async close() {
      await running.close();
      redis.disconnect();
    },
  };
}
