/**
 * Officers and agencies as the secretariat administers them: the roster, deactivation, who receives
 * what (admins, the officers of a task's lead agencies, a plan's officers), and agency successors.
 */
import { withinZaloWindow } from '../domain/channel/zalo-window.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import { type Actor, recordAudit } from './audit.ts';

export interface RosterEntry {
  id: number;
  name: string;
  agency: string;
  role: 'officer' | 'committee' | 'admin';
  active: boolean;
  paused: boolean;
  isHead: boolean;
  linked: boolean;
  /** Linked, but no chat can take a message now: every chat refused or unfollowed, or Zalo only and
   * silent for more than 7 days (Zalo's messaging window). */
  unreachable: boolean;
  locale: 'vi' | 'en';
}

export async function roster(db: PrismaClient, now: Date): Promise<RosterEntry[]> {
  const rows = await db.officer.findMany({
    include: {
      agency: { select: { name: true } },
      identities: { select: { channel: true, lastInteractionAt: true, unreachableSince: true } },
    },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    agency: r.agency.name,
    role: r.role,
    active: r.active,
    paused: r.paused,
    isHead: r.isHead,
    linked: r.identities.length > 0,
    unreachable:
      r.identities.length > 0 &&
      !r.identities.some(
        (i) => !i.unreachableSince && (i.channel !== 'zalo' || withinZaloWindow(i.lastInteractionAt, now)),
      ),
    locale: r.locale,
  }));
}

/** Deactivates an officer; returns the name, or null when there is no such officer. */
export async function deactivateOfficer(db: PrismaClient, id: number, actor: Actor): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const row = await tx.officer.findUnique({ where: { id } });
    if (!row) return null;
    await tx.officer.update({ where: { id }, data: { active: false } });
    await recordAudit(tx, {
      actor,
      action: 'officer.deactivate',
      targetType: 'officer',
      targetId: id,
      before: { active: row.active },
      after: { active: false },
    });
    return row.name;
  });
}

export interface Recipient {
  id: number;
  name: string;
  locale: 'vi' | 'en';
}

const reachable = { active: true, paused: false } as const;
const recipientSelect = { id: true, name: true, locale: true } as const;

/** Active admins. */
export async function adminRecipients(db: PrismaClient): Promise<Recipient[]> {
  return db.officer.findMany({
    where: { ...reachable, role: 'admin' },
    select: recipientSelect,
    orderBy: { id: 'asc' },
  });
}

/** The agencies on each successor chain starting at these agencies (who holds their tasks today). */
async function successorChains(db: PrismaClient, agencyIds: number[]): Promise<number[]> {
  const rows = await db.agency.findMany({ select: { id: true, successorId: true } });
  const next = new Map(rows.map((r) => [r.id, r.successorId]));
  const out = new Set<number>();
  for (const start of agencyIds) {
    let current: number | null | undefined = start;
    while (current !== null && current !== undefined && !out.has(current)) {
      out.add(current);
      current = next.get(current);
    }
  }
  return [...out];
}

/** Active officers (heads included) of a task's lead agencies or of their successors. */
export async function leadRecipients(db: PrismaClient, taskId: number): Promise<Recipient[]> {
  const leads = await db.taskAgency.findMany({ where: { taskId, role: 'lead' }, select: { agencyId: true } });
  const agencyIds = await successorChains(
    db,
    leads.map((l) => l.agencyId),
  );
  return db.officer.findMany({
    where: { ...reachable, agencyId: { in: agencyIds } },
    select: recipientSelect,
    orderBy: [{ isHead: 'desc' }, { id: 'asc' }],
  });
}

/** Active officers whose agency (or a predecessor of it) is lead or support on a task of the plan. */
export async function planRecipients(db: PrismaClient, planId: number): Promise<Recipient[]> {
  const links = await db.taskAgency.findMany({
    where: { task: { planId, removedAt: null } },
    select: { agencyId: true },
    distinct: ['agencyId'],
  });
  const agencyIds = await successorChains(
    db,
    links.map((l) => l.agencyId),
  );
  return db.officer.findMany({
    where: { ...reachable, role: 'officer', agencyId: { in: agencyIds } },
    select: recipientSelect,
    orderBy: { id: 'asc' },
  });
}

/** Records that `fromId`'s tasks are held by `toId` today; refuses a cycle. */
export async function setAgencySuccessor(
  db: PrismaClient,
  fromId: number,
  toId: number,
  actor: Actor,
): Promise<'ok' | 'cycle'> {
  if (fromId === toId) return 'cycle';
  if ((await successorChains(db, [toId])).includes(fromId)) return 'cycle';
  await db.$transaction(async (tx) => {
    const before = await tx.agency.findUniqueOrThrow({ where: { id: fromId } });
    await tx.agency.update({ where: { id: fromId }, data: { successorId: toId } });
    await recordAudit(tx, {
      actor,
      action: 'agency.successor',
      targetType: 'agency',
      targetId: fromId,
      before: { successorId: before.successorId },
      after: { successorId: toId },
    });
  });
  return 'ok';
}

/** One officer as a recipient (null when unknown). */
export async function recipientById(db: PrismaClient, id: number): Promise<Recipient | null> {
  return db.officer.findUnique({ where: { id }, select: recipientSelect });
}

/** Task ids (among these) on which one of the agencies is lead. */
export async function tasksLedBy(
  db: PrismaClient,
  taskIds: number[],
  agencyIds: number[],
): Promise<number[]> {
  const rows = await db.taskAgency.findMany({
    where: { taskId: { in: taskIds }, agencyId: { in: agencyIds }, role: 'lead' },
    select: { taskId: true },
  });
  return [...new Set(rows.map((r) => r.taskId))];
}
