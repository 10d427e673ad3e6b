/**
 * An officer's leave (nghỉ phép) and deputy: while `leaveUntil` is today or later, reminders go to the
 * deputy (or the agency's other officers). Every change is written to the audit log.
 */

import { dateColumn, isoDate } from '../domain/calendar/civil-date.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';

export interface LeaveColleague {
  id: number;
  name: string;
}

/** Active officers of an agency other than `exceptId`, by id. */
export async function activeColleagues(
  db: PrismaClient,
  agencyId: number,
  exceptId: number,
): Promise<LeaveColleague[]> {
  return db.officer.findMany({
    where: { agencyId, active: true, NOT: { id: exceptId } },
    select: { id: true, name: true },
    orderBy: { id: 'asc' },
  });
}

/** The officer's current leave and deputy name. */
export async function currentLeave(
  db: PrismaClient,
  officerId: number,
): Promise<{ leaveUntil: string | null; deputyId: number | null }> {
  const row = await db.officer.findUniqueOrThrow({
    where: { id: officerId },
    select: { leaveUntil: true, deputyId: true },
  });
  return { leaveUntil: isoDate(row.leaveUntil), deputyId: row.deputyId };
}

/** Sets (day 'YYYY-MM-DD') or ends (null) an officer's leave, with its deputy, and audits it. */
export async function setOfficerLeave(
  db: PrismaClient,
  input: { officerId: number; leaveUntil: string | null; deputyId: number | null; actor: string; at: Date },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.officer.findUniqueOrThrow({
      where: { id: input.officerId },
      select: { leaveUntil: true, deputyId: true },
    });
    await tx.officer.update({
      where: { id: input.officerId },
      data: {
        leaveUntil: input.leaveUntil === null ? null : dateColumn(input.leaveUntil),
        deputyId: input.deputyId,
      },
    });
    await tx.auditLog.create({
      data: {
        actorId: input.officerId,
        actorLabel: input.actor,
        action: input.leaveUntil === null ? 'officer.leave.end' : 'officer.leave.set',
        targetType: 'officer',
        targetId: String(input.officerId),
        before: {
          leaveUntil: isoDate(before.leaveUntil),
          deputyId: before.deputyId,
        },
        after: { leaveUntil: input.leaveUntil, deputyId: input.deputyId },
        at: input.at,
      },
    });
  });
}
