/**
 * The {@link Outbox} port over PostgreSQL + BullMQ: each item is first stored as a Delivery row (unique
 * dedupKey, so an item is accepted once), then queued as a job with the deterministic id
 * `delivery-<id>-<jobKey>`, delayed to `notBefore`.
 */
import type { JobsOptions, Queue } from 'bullmq';
import type { Outbox, OutboxItem } from '../../handlers/outbox.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { createDeliveries } from '../../store/deliveries.ts';
import { OUTBOX_JOB_NAME, type OutboxJobData } from '../catalog.ts';
import { OUTBOX_JOB_OPTIONS, outboxJobId } from '../queues.ts';
import { delayUntil, toPayload } from './outbox-payload.ts';

export interface OutboxDeps {
  db: PrismaClient;
  queue: Queue<OutboxJobData>;
  /** Overrides of {@link OUTBOX_JOB_OPTIONS} (attempts, backoff). */
  jobOptions?: JobsOptions;
}

/**
 * Creates the outbox. `enqueue` stores first and queues second: when queueing fails (Redis down) it
 * throws, the rows stay `pending`, and {@link reconcileOutbox} queues them later; a repeated enqueue of
 * the same keys counts them as duplicates.
 */
export function createOutbox(deps: OutboxDeps): Outbox {
  return {
    async enqueue(items: readonly OutboxItem[]) {
      const created = await createDeliveries(
        deps.db,
        items.map((item) => ({
          dedupKey: item.dedupKey,
          kind: item.kind,
          officerId: item.officerId,
          channel: item.to.channel,
          chatId: item.to.chatId,
          payload: toPayload(item),
        })),
      );
      const byKey = new Map(items.map((item) => [item.dedupKey, item]));
      if (created.length > 0) {
        await deps.queue.addBulk(
          created.map((row) => ({
            name: OUTBOX_JOB_NAME,
            data: { deliveryId: row.id, jobKey: row.jobKey },
            opts: {
              ...OUTBOX_JOB_OPTIONS,
              ...deps.jobOptions,
              jobId: outboxJobId(row.id, row.jobKey),
              delay: delayUntil(byKey.get(row.dedupKey)?.notBefore),
            },
          })),
        );
      }
      return { created: created.length, duplicates: items.length - created.length };
    },
  };
}
