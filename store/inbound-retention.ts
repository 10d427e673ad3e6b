/**
 * Retention of the raw inbound log: after the retention period a row keeps its masked text, outcome
 * and idempotency key (a very late redelivery is still recognised), but its raw platform payload is
 * emptied to `{}`.
 */
import type { PrismaClient } from '../prisma/generated/client.ts';

/** Empties the payload of every inbound row received before `before`; returns how many were emptied. */
export async function purgeInboundPayloads(db: PrismaClient, before: Date): Promise<number> {
  const { count } = await db.inboundMessage.updateMany({
    where: { receivedAt: { lt: before }, NOT: { payload: { equals: {} } } },
    data: { payload: {} },
  });
  return count;
}
