/**
 * What the reminder planner reads and writes: the tasks that can be due on a day (indexed queries on
 * dueDate/status/deadlineKind, never the whole plan), overdue reminders already sent, support input,
 * and the Reminder rows themselves (inserted once per deterministic key).
 */
import { isoDate } from '../domain/calendar/civil-date.ts';
import type { DeadlineKind } from '../domain/deadline/deadline.ts';
import type { ReportStatus } from '../domain/reply/report-status.ts';
import { DONE_STATUSES } from '../domain/reply/report-status.ts';
import type { Prisma, PrismaClient, ReminderState } from '../prisma/generated/client.ts';

/** Deadline kinds whose due date drives T-n and overdue reminders. */
export const DATED_KINDS: readonly DeadlineKind[] = ['date', 'month', 'quarter', 'half_year', 'year'];

/** A task the planner may remind about today. */
export interface PlanningTaskRow {
  id: number;
  planId: number;
  code: string;
  deadlineRaw: string;
  deadlineKind: DeadlineKind;
  dueDate: string | null;
  startDate: string | null;
  recurring: boolean;
  status: ReportStatus;
  lastReportAt: Date | null;
  /** Plan.reminderPolicy as stored (validated by the caller). */
  planPolicy: unknown;
  agencies: Array<{ agencyId: number; role: 'lead' | 'support' }>;
}

/** A 'YYYY-MM-DD' Vietnam date as the Date a `@db.Date` column takes. */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/**
 * Open tasks of unpaused plans that can get a reminder in the window: dated tasks due up to `to`
 * (those due before `from` are overdue) and, when `monthlyCycle`, undated and 'done_maintained' tasks.
 */
export async function loadPlanningTasks(
  db: PrismaClient,
  window: { to: string; monthlyCycle: boolean },
): Promise<PlanningTaskRow[]> {
  const dated: Prisma.TaskWhereInput = {
    deadlineKind: { in: [...DATED_KINDS] },
    dueDate: { lte: dayToDate(window.to) },
    status: { notIn: [...DONE_STATUSES] },
  };
  const monthly: Prisma.TaskWhereInput[] = window.monthlyCycle
    ? [{ deadlineKind: { notIn: [...DATED_KINDS] } }, { dueDate: null }, { status: 'done_maintained' }]
    : [];
  const rows = await db.task.findMany({
    where: {
      removedAt: null,
      paused: false,
      status: { not: 'done' },
      plan: { paused: false },
      OR: [dated, ...monthly],
    },
    select: {
      id: true,
      planId: true,
      code: true,
      deadlineRaw: true,
      deadlineKind: true,
      dueDate: true,
      startDate: true,
      recurring: true,
      status: true,
      lastReportAt: true,
      plan: { select: { reminderPolicy: true } },
      agencies: { select: { agencyId: true, role: true } },
    },
    orderBy: [{ planId: 'asc' }, { position: 'asc' }],
  });
  return rows.map(({ plan, dueDate, startDate, ...row }) => ({
    ...row,
    dueDate: isoDate(dueDate),
    startDate: isoDate(startDate),
    planPolicy: plan.reminderPolicy,
  }));
}

/**
 * Per task, the days before `today` on which an 'overdue' reminder went out after `dueAfter[taskId]`
 * (the current deadline): the planner's `overdueRemindersSent`.
 */
export async function countOverdueDays(
  db: PrismaClient,
  today: string,
  dueByTask: ReadonlyMap<number, string>,
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (dueByTask.size === 0) return counts;
  const rows = await db.reminder.findMany({
    where: {
      taskId: { in: [...dueByTask.keys()] },
      kind: 'overdue',
      dueDay: { lt: dayToDate(today) },
      state: { not: 'suppressed' },
    },
    select: { taskId: true, dueDay: true },
    distinct: ['taskId', 'dueDay'],
  });
  for (const row of rows) {
    const due = dueByTask.get(row.taskId);
    if (due !== undefined && isoDate(row.dueDay)! > due)
      counts.set(row.taskId, (counts.get(row.taskId) ?? 0) + 1);
  }
  return counts;
}

/** A Reminder row to insert. */
export interface NewReminder {
  taskId: number;
  officerId: number;
  kind: string;
  day: string;
  sendAt: Date;
  dedupKey: string;
  state: Extract<ReminderState, 'planned' | 'undeliverable'>;
}

/** INSERT ... ON CONFLICT (dedup_key) DO NOTHING; returns how many rows were new. */
export async function insertReminders(db: PrismaClient, rows: readonly NewReminder[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { count } = await db.reminder.createMany({
    data: rows.map((r) => ({
      taskId: r.taskId,
      officerId: r.officerId,
      kind: r.kind,
      dueDay: dayToDate(r.day),
      sendAt: r.sendAt,
      dedupKey: r.dedupKey,
      state: r.state,
    })),
    skipDuplicates: true,
  });
  return count;
}

/** The outbox rows of these dedup keys: id and the task ids each message is about, by key. */
export async function deliveriesByKeys(
  db: PrismaClient,
  dedupKeys: readonly string[],
): Promise<Map<string, { id: number; taskIds: number[] }>> {
  if (dedupKeys.length === 0) return new Map();
  const rows = await db.delivery.findMany({
    where: { dedupKey: { in: [...dedupKeys] } },
    select: { id: true, dedupKey: true, payload: true },
  });
  return new Map(
    rows.map((row) => {
      const ids = (row.payload as { context?: { taskIds?: unknown } } | null)?.context?.taskIds;
      const taskIds = Array.isArray(ids) ? ids.filter((x): x is number => typeof x === 'number') : [];
      return [row.dedupKey, { id: row.id, taskIds }];
    }),
  );
}

/** Reminder policies (Plan.reminderPolicy) of the plans that are not paused. */
export async function activePlanPolicies(db: PrismaClient): Promise<Array<{ id: number; policy: unknown }>> {
  const rows = await db.plan.findMany({
    where: { paused: false },
    select: { id: true, reminderPolicy: true },
  });
  return rows.map((r) => ({ id: r.id, policy: r.reminderPolicy }));
}

/** Marks still-planned reminders as queued in a delivery; returns rows changed. */
export async function markRemindersQueued(
  db: PrismaClient,
  dedupKeys: readonly string[],
  deliveryId: number,
): Promise<number> {
  if (dedupKeys.length === 0) return 0;
  const { count } = await db.reminder.updateMany({
    where: { dedupKey: { in: [...dedupKeys] }, state: 'planned' },
    data: { state: 'queued', deliveryId },
  });
  return count;
}

/** Latest send instant of a lead reminder of each task before `today` (support input is collected since). */
export async function lastLeadReminderAt(
  db: PrismaClient,
  taskIds: readonly number[],
  today: string,
): Promise<Map<number, Date>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db.reminder.groupBy({
    by: ['taskId'],
    where: { taskId: { in: [...taskIds] }, kind: { not: 'support-input' }, dueDay: { lt: dayToDate(today) } },
    _max: { sendAt: true },
  });
  return new Map(rows.flatMap((r) => (r._max.sendAt ? [[r.taskId, r._max.sendAt] as const] : [])));
}

/** A status report with its officer's agency, for the support input shown to lead agencies. */
export interface AgencyReport {
  taskId: number;
  officerId: number;
  agencyId: number;
  agencyName: string;
  result: string | null;
  blocker: string | null;
  reportedAt: Date;
}

/** Reports on these tasks since `since`, newest first. */
export async function reportsSince(
  db: PrismaClient,
  taskIds: readonly number[],
  since: Date,
): Promise<AgencyReport[]> {
  if (taskIds.length === 0) return [];
  const rows = await db.statusReport.findMany({
    where: { taskId: { in: [...taskIds] }, reportedAt: { gt: since }, supersededAt: null },
    select: {
      taskId: true,
      officerId: true,
      result: true,
      blocker: true,
      reportedAt: true,
      officer: { select: { agencyId: true, agency: { select: { name: true } } } },
    },
    orderBy: { reportedAt: 'desc' },
  });
  return rows.map((r) => ({
    taskId: r.taskId,
    officerId: r.officerId,
    agencyId: r.officer.agencyId,
    agencyName: r.officer.agency.name,
    result: r.result,
    blocker: r.blocker,
    reportedAt: r.reportedAt,
  }));
}
