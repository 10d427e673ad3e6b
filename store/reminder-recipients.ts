/**
 * Who can receive reminders: the agency directory's successor links (small table, read whole) and the
 * officers of the agencies holding today's tasks, with their leave and deputies.
 */

import { isoDate } from '../domain/calendar/civil-date.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';

export interface AgencyLink {
  id: number;
  name: string;
  successorId: number | null;
}

export interface RecipientOfficer {
  id: number;
  name: string;
  agencyId: number;
  role: 'officer' | 'committee' | 'admin';
  locale: 'vi' | 'en';
  isHead: boolean;
  active: boolean;
  paused: boolean;
  /** 'YYYY-MM-DD' (last day of leave), or null. */
  leaveUntil: string | null;
  deputyId: number | null;
}

export async function loadAgencyLinks(db: PrismaClient): Promise<AgencyLink[]> {
  return db.agency.findMany({ select: { id: true, name: true, successorId: true } });
}

const officerSelect = {
  id: true,
  name: true,
  agencyId: true,
  role: true,
  locale: true,
  isHead: true,
  active: true,
  paused: true,
  leaveUntil: true,
  deputyId: true,
} as const;

type OfficerRow = {
  id: number;
  name: string;
  agencyId: number;
  role: 'officer' | 'committee' | 'admin';
  locale: 'vi' | 'en';
  isHead: boolean;
  active: boolean;
  paused: boolean;
  leaveUntil: Date | null;
  deputyId: number | null;
};

function toRecipient({ leaveUntil, ...row }: OfficerRow): RecipientOfficer {
  return { ...row, leaveUntil: isoDate(leaveUntil) };
}

/**
 * Active officers of these agencies, plus the deputies they name (who may sit elsewhere), in id order.
 */
export async function loadRecipientOfficers(
  db: PrismaClient,
  agencyIds: readonly number[],
): Promise<RecipientOfficer[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db.officer.findMany({
    where: { agencyId: { in: [...agencyIds] }, active: true },
    select: officerSelect,
    orderBy: { id: 'asc' },
  });
  const have = new Set(rows.map((r) => r.id));
  const deputyIds = [
    ...new Set(rows.flatMap((r) => (r.deputyId && !have.has(r.deputyId) ? [r.deputyId] : []))),
  ];
  const deputies =
    deputyIds.length === 0
      ? []
      : await db.officer.findMany({
          where: { id: { in: deputyIds }, active: true },
          select: officerSelect,
          orderBy: { id: 'asc' },
        });
  return [...rows, ...deputies].map(toRecipient);
}
