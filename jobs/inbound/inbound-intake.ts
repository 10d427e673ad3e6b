/**
 * The inbound intake: what the webhooks and the polling loop call. Messages arriving together are stored
 * in ONE statement (group commit: while one insert is in flight the next arrivals gather for the next one),
 * then one job per message is queued for its chat (`addBulk`, one round trip). A message is acknowledged
 * (the promise resolves) only once PostgreSQL committed it; if queuing fails afterwards it is still
 * acknowledged, since the reconciler queues pending rows again.
 */
import type { Queue } from 'bullmq';
import type { IncomingMessage } from '../../handlers/channel.ts';
import type { InboundIntake } from '../../handlers/inbound.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { storeInbound, toInboundRow } from '../../store/inbound.ts';
import { INBOUND_JOB_NAME, type InboundJobData } from '../catalog.ts';
import { inboundJobId } from '../queues.ts';

export interface InboundIntakeDeps {
  db: PrismaClient;
  queue: Queue<InboundJobData>;
  logger?: { warn(obj: object, msg: string): void };
  /** Largest number of messages stored by one statement. @defaultValue 500 */
  maxBatch?: number;
}

interface Waiting {
  message: IncomingMessage;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Builds the intake; it holds no connection of its own. */
export function createInboundIntake(deps: InboundIntakeDeps): InboundIntake {
  const maxBatch = deps.maxBatch ?? 500;
  let waiting: Waiting[] = [];
  let flushing = false;

  const flush = async (): Promise<void> => {
    flushing = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, maxBatch);
        waiting = waiting.slice(batch.length);
        await storeAndQueue(deps, batch);
      }
    } finally {
      flushing = false;
    }
  };

  return {
    accept(message) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ message, resolve, reject });
        // Arrivals of the same tick join this batch; later ones wait for the insert in flight.
        if (!flushing) {
          flushing = true;
          setImmediate(() => void flush());
        }
      });
    },
  };
}

async function storeAndQueue(deps: InboundIntakeDeps, batch: Waiting[]): Promise<void> {
  let stored: Awaited<ReturnType<typeof storeInbound>>;
  try {
    stored = await storeInbound(
      deps.db,
      batch.map((w) => toInboundRow(w.message)),
    );
  } catch (error) {
    for (const w of batch) w.reject(error);
    return;
  }
  for (const w of batch) w.resolve();
  // Not awaited: the next batch's insert need not wait for Redis.
  deps.queue
    .addBulk(
      batch.map(({ message }) => {
        const row = stored.get(`${message.channel}:${message.platformId}`);
        return {
          name: INBOUND_JOB_NAME,
          data: { channel: message.channel, chatId: message.chatId, ...(row ? { message: row } : {}) },
          opts: { jobId: inboundJobId(message.channel, message.platformId) },
        };
      }),
    )
    .catch((error: unknown) =>
      deps.logger?.warn(
        { err: error, count: batch.length },
        'inbound: stored but not queued; the reconciler will',
      ),
    );
}
