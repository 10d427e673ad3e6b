/**
 * Recent deliveries for operators (`cli deliveries`): state, attempts, last error and channel, never the
 * message itself (payloads may quote officers' reports).
 */
import type { ChannelKind, DeliveryState, PrismaClient } from '../prisma/generated/client.ts';

export interface DeliveryListing {
  id: number;
  kind: string;
  officer: string | null;
  channel: ChannelKind;
  state: DeliveryState;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** Newest first; `failedOnly` keeps failed and undeliverable ones. */
export async function listRecentDeliveries(
  db: PrismaClient,
  options: { failedOnly?: boolean; limit?: number } = {},
): Promise<DeliveryListing[]> {
  const rows = await db.delivery.findMany({
    where: options.failedOnly ? { state: { in: ['failed', 'undeliverable'] } } : {},
    orderBy: { id: 'desc' },
    take: options.limit ?? 50,
    select: {
      id: true,
      kind: true,
      officerId: true,
      channel: true,
      state: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
    },
  });
  const ids = [...new Set(rows.flatMap((r) => (r.officerId === null ? [] : [r.officerId])))];
  const names = new Map(
    (await db.officer.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((o) => [
      o.id,
      o.name,
    ]),
  );
  return rows.map(({ officerId, ...r }) => ({
    ...r,
    officer: officerId === null ? null : (names.get(officerId) ?? null),
  }));
}
