/**
 * The audit log: who did what to which record, with the state before and after. Every admin action and
 * every deadline-extension decision writes one row, in the same transaction as the change.
 */
import type { Prisma, PrismaClient } from '../prisma/generated/client.ts';

/** A database handle that may be a transaction. */
export type Db = Prisma.TransactionClient | PrismaClient;

/** Who acted: an officer (id and name) or a tool ("cli"). */
export interface Actor {
  id: number | null;
  label: string;
}

export interface AuditEntry {
  actor: Actor;
  /** Dotted verb, e.g. `task.extend`, `officer.deactivate`. */
  action: string;
  targetType: string;
  targetId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

/** Writes one audit row (inside the caller's transaction when given one). */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === null ? null : String(entry.targetId),
      ...(entry.before !== undefined && entry.before !== null ? { before: json(entry.before) } : {}),
      ...(entry.after !== undefined && entry.after !== null ? { after: json(entry.after) } : {}),
    },
  });
}

/** The most recent audit rows, newest first. */
export async function recentAudit(db: PrismaClient, limit: number): Promise<AuditRow[]> {
  return db.auditLog.findMany({
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit,
    select: {
      id: true,
      at: true,
      actorLabel: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
    },
  });
}
