/**
 * The reconciler: PostgreSQL is the source of truth, BullMQ only the transport. Deliveries still
 * pending/sending after a while get their job back (covers a Redis that lost its data, or an enqueue
 * whose queueing step failed). The deterministic job id means a live job is never queued twice.
 */
import type { JobsOptions, Queue } from 'bullmq';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { listOpenDeliveries } from '../../store/deliveries.ts';
import { OUTBOX_JOB_NAME, OUTBOX_JOB_OPTIONS, type OutboxJobData, outboxJobId } from '../queues.ts';
import { delayUntil, outboxPayloadSchema } from './outbox-payload.ts';

export interface ReconcileOptions {
  db: PrismaClient;
  queue: Queue<OutboxJobData>;
  /** Only deliveries created at least this long ago (leave fresh ones to the normal path). */
  olderThanMs: number;
  /** Most rows per run. @defaultValue 500 */
  limit?: number;
  /** Overrides of {@link OUTBOX_JOB_OPTIONS}, as given to the outbox. */
  jobOptions?: JobsOptions;
}

export interface ReconcileResult {
  /** Open deliveries looked at. */
  checked: number;
  /** Jobs (re)added. */
  requeued: number;
}

/**
 * Re-adds a job for every open delivery older than `olderThanMs` that has no live job (waiting, delayed,
 * active...). A finished job left under the same id (completed or failed, kept for inspection) is removed
 * first so that the id can be used again; the worker never sends a delivery that is already sent.
 */
export async function reconcileOutbox(options: ReconcileOptions): Promise<ReconcileResult> {
  const rows = await listOpenDeliveries(options.db, {
    olderThan: new Date(Date.now() - options.olderThanMs),
    limit: options.limit ?? 500,
  });
  let requeued = 0;
  for (const row of rows) {
    const jobId = outboxJobId(row.id);
    const existing = await options.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') continue;
      await existing.remove();
    }
    const payload = outboxPayloadSchema.safeParse(row.payload);
    const delay = payload.success ? delayUntil(payload.data.notBefore) : 0;
    await options.queue.add(
      OUTBOX_JOB_NAME,
      { deliveryId: row.id },
      { ...OUTBOX_JOB_OPTIONS, ...options.jobOptions, jobId, delay },
    );
    requeued += 1;
  }
  return { checked: rows.length, requeued };
}
