/**
 * The reconciler: PostgreSQL is the source of truth, BullMQ only the transport. Deliveries still
 * pending/sending after a while get their job back (covers a Redis that lost its data, an enqueue whose
 * queueing step failed, a database restored from a dump). The deterministic job id means a live job is
 * never queued twice. {@link reconcileOutboxOncePerCluster} runs it in one process of the cluster per period.
 */
import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { listOpenDeliveries } from '../../store/deliveries.ts';
import { OUTBOX_JOB_NAME, type OutboxJobData } from '../catalog.ts';
import { OUTBOX_JOB_OPTIONS, outboxJobId } from '../queues.ts';
import { delayUntil, outboxPayloadSchema } from './outbox-payload.ts';

export interface ReconcileOptions {
  db: PrismaClient;
  queue: Queue<OutboxJobData>;
  /** Only deliveries created at least this long ago (leave fresh ones to the normal path). */
  olderThanMs: number;
  /** Rows read per page; every open delivery is looked at, page after page. @defaultValue 500 */
  pageSize?: number;
  /** Overrides of {@link OUTBOX_JOB_OPTIONS}, as given to the outbox. */
  jobOptions?: JobsOptions;
}

export interface ReconcileResult {
  /** Open deliveries looked at. */
  checked: number;
  /** Jobs (re)added. */
  requeued: number;
}

/** Job states under which a job will still run: such a job is left alone. */
const FINISHED = new Set(['completed', 'failed', 'unknown']);

/**
 * Re-adds a job for every open delivery older than `olderThanMs` that has no live job (waiting, delayed,
 * active...), reading the open deliveries in pages by id so that none is left out however many there are.
 * A finished job left under the same id (completed or failed, kept for inspection) is removed first so that
 * the id can be used again; the worker never sends a delivery that is already sent.
 */
export async function reconcileOutbox(options: ReconcileOptions): Promise<ReconcileResult> {
  const olderThan = new Date(Date.now() - options.olderThanMs);
  const pageSize = options.pageSize ?? 500;
  let checked = 0;
  let requeued = 0;
  let afterId = 0;
  for (;;) {
    const rows = await listOpenDeliveries(options.db, { olderThan, afterId, limit: pageSize });
    if (rows.length === 0) break;
    checked += rows.length;
    afterId = rows.at(-1)?.id ?? afterId;
    for (const row of rows) {
      const jobId = outboxJobId(row.id, row.jobKey);
      const existing = await options.queue.getJob(jobId);
      if (existing) {
        if (!FINISHED.has(await existing.getState())) continue;
        await existing.remove();
      }
      const payload = outboxPayloadSchema.safeParse(row.payload);
      const delay = payload.success ? delayUntil(payload.data.notBefore) : 0;
      await options.queue.add(
        OUTBOX_JOB_NAME,
        { deliveryId: row.id, jobKey: row.jobKey },
        { ...OUTBOX_JOB_OPTIONS, ...options.jobOptions, jobId, delay },
      );
      requeued += 1;
    }
    if (rows.length < pageSize) break;
  }
  return { checked, requeued };
}

/**
 * Runs {@link reconcileOutbox} unless another process of the cluster (same Redis and prefix) ran it within
 * the last `periodMs`: a Redis key taken with SET NX PX marks the period, so every process may call this
 * on its own timer and the work happens once per period. Returns null when another process has the period.
 */
export async function reconcileOutboxOncePerCluster(
  redis: Redis,
  prefix: string,
  periodMs: number,
  options: ReconcileOptions,
): Promise<ReconcileResult | null> {
  const taken = await redis.set(`${prefix}:outbox-reconcile`, String(process.pid), 'PX', periodMs, 'NX');
  if (taken !== 'OK') return null;
  return await reconcileOutbox(options);
}
