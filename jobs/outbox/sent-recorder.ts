/**
 * Group commit of successful sends: the worker's jobs hand their "sent" here and wait; the sends that
 * arrive within `lingerMs`, or while a write is in flight, are recorded together by one statement
 * ({@link recordSentMany}). A job is done only once its row is committed, as before; a failed write fails
 * every job of its batch (BullMQ retries them, as it would a single failed write).
 */
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { recordSentMany } from '../../store/deliveries.ts';

interface Waiting {
  id: number;
  platformMessageId: string;
  at: Date;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface SentRecorder {
  record(id: number, platformMessageId: string): Promise<void>;
}

export function createSentRecorder(
  db: PrismaClient,
  options: { lingerMs?: number; maxBatch?: number } = {},
): SentRecorder {
  const lingerMs = options.lingerMs ?? 3;
  const maxBatch = options.maxBatch ?? 500;
  let waiting: Waiting[] = [];
  let busy = false;

  const flush = async (): Promise<void> => {
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, maxBatch);
        waiting = waiting.slice(batch.length);
        try {
          await recordSentMany(db, batch);
          for (const w of batch) w.resolve();
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      busy = false;
    }
  };

  return {
    record(id, platformMessageId) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ id, platformMessageId, at: new Date(), resolve, reject });
        if (!busy) {
          busy = true;
          setTimeout(() => void flush(), lingerMs);
        }
      });
    },
  };
}
