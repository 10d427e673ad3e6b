/**
 * The raw inbound log: every platform event is stored before anything else happens. The unique key
 * (channel, platformId) makes a redelivered update a no-op.
 */
import type { IncomingMessage } from '../handlers/channel.ts';
import type { Prisma, PrismaClient } from '../prisma/generated/client.ts';
import { isUniqueViolation } from './errors.ts';

export type InboundOutcomeValue = 'received' | 'processed' | 'rejected' | 'ignored' | 'failed';

/** Stores the message; returns its id, or null when the same platform event was stored before. */
export async function recordInbound(
  db: PrismaClient,
  message: IncomingMessage,
  payload: unknown,
): Promise<number | null> {
  try {
    const row = await db.inboundMessage.create({
      data: {
        channel: message.channel,
        platformId: message.platformId,
        chatId: message.chatId,
        userId: message.userId,
        text: message.text,
        payload: (payload ?? {}) as Prisma.InputJsonValue,
        receivedAt: message.receivedAt,
      },
      select: { id: true },
    });
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/**
 * The id of a stored message whose handling never finished (outcome still `received`: the process or the
 * database went away mid-way, so the webhook answered 5xx and the platform redelivers), else null.
 */
export async function findUnfinishedInbound(
  db: PrismaClient,
  channel: IncomingMessage['channel'],
  platformId: string,
): Promise<number | null> {
  const row = await db.inboundMessage.findFirst({
    where: { channel, platformId, outcome: 'received' },
    select: { id: true },
  });
  return row?.id ?? null;
}

export async function setInboundOutcome(
  db: PrismaClient,
  id: number,
  outcome: InboundOutcomeValue,
  detail?: string,
): Promise<void> {
  await db.inboundMessage.update({
    where: { id },
    data: { outcome, outcomeDetail: detail?.slice(0, 1000) ?? null },
  });
}
