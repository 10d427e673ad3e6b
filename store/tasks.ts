/**
 * Tasks as officers see them: which tasks an agency answers for (directly, or as the successor of an
 * agency named in the plan), and finding a task by the code an officer typed.
 */
import { isoDate } from '../domain/calendar/civil-date.ts';
import type { Deadline, DeadlineKind } from '../domain/deadline/deadline.ts';
import type { ReportStatus } from '../domain/reply/report-status.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';

export interface TaskView {
  id: number;
  planId: number;
  code: string;
  title: string;
  deadline: Deadline;
  status: ReportStatus;
  progress: number | null;
  lastReportAt: Date | null;
  lead: Array<{ id: number; name: string }>;
  support: Array<{ id: number; name: string }>;
}

const taskInclude = { agencies: { include: { agency: { select: { id: true, name: true } } } } } as const;

type TaskRow = {
  id: number;
  planId: number;
  code: string;
  title: string;
  deadlineRaw: string;
  deadlineKind: DeadlineKind;
  dueDate: Date | null;
  startDate: Date | null;
  recurring: boolean;
  status: ReportStatus;
  progress: number | null;
  lastReportAt: Date | null;
  agencies: Array<{ role: 'lead' | 'support'; agency: { id: number; name: string } }>;
};

export function toTaskView(row: TaskRow): TaskView {
  return {
    id: row.id,
    planId: row.planId,
    code: row.code,
    title: row.title,
    deadline: {
      raw: row.deadlineRaw,
      kind: row.deadlineKind,
      due: isoDate(row.dueDate),
      start: isoDate(row.startDate),
      recurring: row.recurring,
    },
    status: row.status,
    progress: row.progress,
    lastReportAt: row.lastReportAt,
    lead: row.agencies.filter((a) => a.role === 'lead').map((a) => a.agency),
    support: row.agencies.filter((a) => a.role === 'support').map((a) => a.agency),
  };
}

/**
 * The agencies whose tasks an agency answers for: itself and every agency whose successor chain ends
 * at it (Sở Khoa học và Công nghệ answers for tasks the plan gave to Sở Thông tin và Truyền thông).
 */
export async function agenciesRepresentedBy(db: PrismaClient, agencyId: number): Promise<number[]> {
  const rows = await db.agency.findMany({ select: { id: true, successorId: true } });
  const successor = new Map(rows.map((r) => [r.id, r.successorId]));
  const holderOf = (id: number): number => {
    const seen = new Set<number>();
    let current = id;
    for (;;) {
      const next = successor.get(current);
      if (next === null || next === undefined || seen.has(next)) return current;
      seen.add(current);
      current = next;
    }
  };
  return rows.filter((r) => r.id === agencyId || holderOf(r.id) === agencyId).map((r) => r.id);
}

/** Open (not removed, plan not paused) tasks where one of the agencies is lead or support. */
export async function tasksForAgencies(db: PrismaClient, agencyIds: number[]): Promise<TaskView[]> {
  const rows = await db.task.findMany({
    where: { removedAt: null, plan: { paused: false }, agencies: { some: { agencyId: { in: agencyIds } } } },
    include: taskInclude,
    orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { planId: 'asc' }, { position: 'asc' }],
  });
  return rows.map(toTaskView);
}

export async function tasksByIds(db: PrismaClient, ids: number[]): Promise<TaskView[]> {
  if (ids.length === 0) return [];
  const rows = await db.task.findMany({ where: { id: { in: ids } }, include: taskInclude });
  return rows.map(toTaskView);
}

/** Tasks (not removed) with this code, newest plan first. Codes are compared without "#", "NV" or zeros. */
/**
 * Tasks with this code, newest plan first. A plan whose numbering restarts in each group stores
 * "II.3": typed as "II.3" it matches exactly; typed as "3" it matches every "<group>.3" as well, and
 * the caller keeps the one the officer answers for (see `resolveTask`).
 */
export async function tasksByCode(db: PrismaClient, code: string): Promise<TaskView[]> {
  const clean = code
    .replace(/^(#|nv)/iu, '')
    .replace(/^0+(?=\d)/u, '')
    .replace(/^([ivx]+)\./iu, (_w, roman: string) => `${roman.toUpperCase()}.`);
  const grouped = /^\d/u.test(clean) ? [{ code: { endsWith: `.${clean}` } }] : [];
  const rows = await db.task.findMany({
    where: { removedAt: null, OR: [{ code: clean }, ...grouped] },
    include: taskInclude,
    orderBy: { planId: 'desc' },
  });
  return rows.filter((r) => r.code === clean || /^[IVX]+\.\d/u.test(r.code)).map(toTaskView);
}

export function isResponsible(task: TaskView, agencyIds: readonly number[]): boolean {
  return [...task.lead, ...task.support].some((a) => agencyIds.includes(a.id));
}

export interface TaskStateRow {
  code: string;
  title: string;
  lead: string[];
  due: string | null;
  deadline: string;
  status: ReportStatus;
  progress: number | null;
  result: string | null;
  blocker: string | null;
  reportedAt: string | null;
  planId: number;
}

/** Every task with its latest report, for `cli tasks` and exports. */
export async function taskStates(db: PrismaClient, planId?: number): Promise<TaskStateRow[]> {
  const rows = await db.task.findMany({
    where: { removedAt: null, ...(planId ? { planId } : {}) },
    include: { ...taskInclude, reports: { orderBy: { reportedAt: 'desc' }, take: 1 } },
    orderBy: [{ planId: 'asc' }, { position: 'asc' }],
  });
  return rows.map((row) => {
    const last = row.reports[0];
    return {
      code: row.code,
      title: row.title,
      lead: row.agencies.filter((a) => a.role === 'lead').map((a) => a.agency.name),
      due: isoDate(row.dueDate),
      deadline: row.deadlineRaw,
      status: row.status,
      progress: row.progress,
      result: last?.result ?? null,
      blocker: last?.blocker ?? null,
      reportedAt: row.lastReportAt?.toISOString() ?? null,
      planId: row.planId,
    };
  });
}
