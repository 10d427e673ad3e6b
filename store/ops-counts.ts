/**
 * Aggregate counts for the operations metrics (GET /metrics): a handful of GROUP BY queries over the
 * outbox ledger, inbound messages, reminders and digests, cheap enough to run at every scrape.
 */
import type { PrismaClient } from '../prisma/generated/client.ts';

export interface OpsCounts {
  /** Deliveries by the channel they were last tried on, and their state. */
  deliveries: { channel: string; state: string; count: number }[];
  /** Attempts beyond each delivery's first (retries, waits, fallbacks), by the channel last tried. */
  retries: { channel: string; count: number }[];
  inbound: { channel: string; outcome: string; count: number }[];
  reminders: { state: string; count: number }[];
  digests: { kind: string; built: number; sent: number }[];
}

export async function readOpsCounts(db: PrismaClient): Promise<OpsCounts> {
  const [deliveries, attempted, inbound, reminders, digests, digestsSent] = await Promise.all([
    db.delivery.groupBy({
      by: ['channel', 'state'],
      _count: { _all: true },
      orderBy: [{ channel: 'asc' }, { state: 'asc' }],
    }),
    db.delivery.groupBy({
      by: ['channel'],
      where: { attempts: { gt: 0 } },
      _count: { _all: true },
      _sum: { attempts: true },
      orderBy: { channel: 'asc' },
    }),
    db.inboundMessage.groupBy({
      by: ['channel', 'outcome'],
      _count: { _all: true },
      orderBy: [{ channel: 'asc' }, { outcome: 'asc' }],
    }),
    db.reminder.groupBy({ by: ['state'], _count: { _all: true }, orderBy: { state: 'asc' } }),
    db.digest.groupBy({ by: ['kind'], _count: { _all: true }, orderBy: { kind: 'asc' } }),
    db.digest.groupBy({
      by: ['kind'],
      where: { sentAt: { not: null } },
      _count: { _all: true },
      orderBy: { kind: 'asc' },
    }),
  ]);
  const sentByKind = new Map(digestsSent.map((d) => [d.kind, d._count._all]));
  return {
    deliveries: deliveries.map((d) => ({ channel: d.channel, state: d.state, count: d._count._all })),
    retries: attempted.map((d) => ({ channel: d.channel, count: (d._sum.attempts ?? 0) - d._count._all })),
    inbound: inbound.map((i) => ({ channel: i.channel, outcome: i.outcome, count: i._count._all })),
    reminders: reminders.map((r) => ({ state: r.state, count: r._count._all })),
    digests: digests.map((d) => ({ kind: d.kind, built: d._count._all, sent: sentByKind.get(d.kind) ?? 0 })),
  };
}
