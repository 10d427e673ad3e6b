/**
 * Group commit of successful sends ({@link createGroupCommit}): the sends that finish within a few ms,
 * or while a write is in flight, are recorded together by one statement ({@link recordSentMany}). A job
 * is done only once its row is committed, as before; a failed write fails every job of its batch
 * (BullMQ retries them, as it would a single failed write).
 */
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { recordSentMany } from '../../store/deliveries.ts';
import { createGroupCommit } from '../../store/group-commit.ts';

export interface SentRecorder {
  record(id: number, platformMessageId: string): Promise<void>;
}

export function createSentRecorder(db: PrismaClient, options: { lingerMs?: number } = {}): SentRecorder {
  const commit = createGroupCommit<{ id: number; platformMessageId: string; at: Date }>(
    (sent) => recordSentMany(db, sent),
    { lingerMs: options.lingerMs ?? 3 },
  );
  return {
    record: (id, platformMessageId) => commit.add({ id, platformMessageId, at: new Date() }),
  };
}
