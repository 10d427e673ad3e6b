/**
 * The {@link Outbox} port over PostgreSQL + BullMQ: each item is first stored as a Delivery row (unique
 * dedupKey, so an item is accepted once), then queued as a job with the deterministic id
 * `delivery-<id>-<jobKey>`, delayed to `notBefore`.
 */
import type { JobsOptions, Queue } from 'bullmq';
import type { EnqueueResult, Outbox, OutboxItem } from '../../handlers/outbox.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { createDeliveries } from '../../store/deliveries.ts';
import { sharedStatement } from '../../store/shared-statement.ts';
import { OUTBOX_JOB_NAME, type OutboxJobData } from '../catalog.ts';
import { OUTBOX_JOB_OPTIONS, outboxJobId } from '../queues.ts';
import { delayUntil, toPayload } from './outbox-payload.ts';

export interface OutboxDeps {
  db: PrismaClient;
  queue: Queue<OutboxJobData>;
  /** Overrides of {@link OUTBOX_JOB_OPTIONS} (attempts, backoff). */
  jobOptions?: JobsOptions;
}

type Created = Awaited<ReturnType<typeof createDeliveries>>[number];

/**
 * Creates the outbox. `enqueue` stores first and queues second: when queueing fails (Redis down) it
 * throws, the rows stay `pending`, and {@link reconcileOutbox} queues them later; a repeated enqueue of
 * the same keys counts them as duplicates.
 *
 * The enqueues that arrive together (the confirmations of the chats handled at once) share one insert
 * and one `addBulk` (store/shared-statement.ts). When the shared insert fails, each enqueue runs alone,
 * so that one caller's bad row fails that caller only; when the shared `addBulk` fails, every caller of
 * it fails, as each would alone (its rows are stored, the reconciler queues them).
 */
export function createOutbox(deps: OutboxDeps): Outbox {
  const store = async (items: readonly OutboxItem[]) =>
    await createDeliveries(
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
  const queue = async (items: readonly OutboxItem[], created: readonly Created[]) => {
    if (created.length === 0) return;
    const byKey = new Map(items.map((item) => [item.dedupKey, item]));
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
  };
  const resultOf = (items: readonly OutboxItem[], created: readonly Created[]): EnqueueResult => ({
    created: created.length,
    duplicates: items.length - created.length,
  });
  // A failed insert throws: each call is then run alone. A failed `addBulk` is answered to every call
  // (its rows are stored: run alone, each would find them and queue nothing).
  const shared = sharedStatement(
    async (_db, calls: (readonly OutboxItem[])[]): Promise<(EnqueueResult | { failed: unknown })[]> => {
      const all = calls.flat();
      const created = await store(all);
      try {
        await queue(all, created);
      } catch (error) {
        return calls.map(() => ({ failed: error }));
      }
      // Each new row to the first call that asked for its key (a key asked twice is created once).
      const left = new Map(created.map((row) => [row.dedupKey, row]));
      return calls.map((items) => {
        const mine = items.flatMap((item) => {
          const row = left.get(item.dedupKey);
          left.delete(item.dedupKey);
          return row === undefined ? [] : [row];
        });
        return resultOf(items, mine);
      });
    },
  );

  return {
    async enqueue(items) {
      if (items.length === 0) return resultOf(items, []);
      const result = await shared(deps.db, items);
      if ('failed' in result) throw result.failed;
      return result;
    },
  };
}
