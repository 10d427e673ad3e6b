/**
 * Loads the snapshot a digest is built from (`DigestInput`) for a kind and an as-of instant.
 *
 * Tasks: every task not removed at `asOf`, with the current lead agencies after the successor mapping
 * (tasks of Sở Thông tin và Truyền thông show Sở Khoa học và Công nghệ), the effective deadline and
 * `extended` when an approved extension moved it. A task's state is its denormalised current state,
 * unless it reported after `asOf` (a digest rebuilt for a past date): then it is the state its reports
 * gave at `asOf`. Reports: those of the period plus each task's latest. Previous totals and statuses
 * come from the last digest of the same kind (see store/digests.ts).
 */
import { isoDate } from '../domain/calendar/civil-date.ts';
import type { DigestInput, DigestKind, DigestReport, DigestTask } from '../domain/digest/digest-input.ts';
import { type DigestPeriod, digestPeriod } from '../domain/digest/digest-period.ts';
import { isDoneStatus } from '../domain/reply/report-status.ts';
import type { Prisma, PrismaClient } from '../prisma/generated/client.ts';
import {
  explanationsAt,
  type LatestReport,
  latestReports,
  remindersBetween,
  reportsBetween,
  unreachableOfficers,
} from './digest-activity.ts';
import { type DigestBaseline, previousDigest } from './digests.ts';

/** Agency id → the name of whoever holds its tasks today (end of the successor chain). */
export async function currentHolders(db: PrismaClient): Promise<Map<number, string>> {
  // A raw statement: the first use of a Prisma query shape costs its compilation (tens of milliseconds),
  // which the dashboard's first render after a start would pay.
  const rows = await db.$queryRaw<Array<{ id: number; name: string; successorId: number | null }>>`
    SELECT id, name, successor_id AS "successorId" FROM agency`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const holders = new Map<number, string>();
  for (const row of rows) {
    let current = row;
    const seen = new Set([row.id]);
    while (current.successorId !== null && !seen.has(current.successorId)) {
      const next = byId.get(current.successorId);
      if (!next) break;
      seen.add(next.id);
      current = next;
    }
    holders.set(row.id, current.name);
  }
  return holders;
}

type Extension = { previousDue: Date | null; newDue: Date; decidedAt: Date | null; createdAt: Date };

/** Effective due date and `extended` at `asOf`: an extension approved after `asOf` is undone. */
function deadlineAt(dueDate: Date | null, extensions: Extension[], asOf: Date) {
  const when = (e: Extension) => e.decidedAt ?? e.createdAt;
  const later = extensions
    .filter((e) => when(e) > asOf)
    .sort((a, b) => when(a).getTime() - when(b).getTime());
  const due = later[0] ? later[0].previousDue : dueDate;
  return { due: isoDate(due), extended: extensions.some((e) => when(e) <= asOf) };
}

/** State of a task at `asOf`: its stored state, or what its reports said then when it reported later. */
function stateAt(
  task: {
    status: DigestTask['status'];
    progress: number | null;
    lastReportAt: Date | null;
    doneAt: Date | null;
  },
  latest: LatestReport | undefined,
  asOf: Date,
): Pick<DigestTask, 'status' | 'progress' | 'lastReportAt' | 'doneAt'> {
  if (task.lastReportAt === null || task.lastReportAt <= asOf) {
    const { status, progress, lastReportAt, doneAt } = task;
    return { status, progress, lastReportAt, doneAt };
  }
  const status = latest?.lastStatus ?? 'not_started';
  const done = isDoneStatus(status);
  const doneAt = !done
    ? null
    : task.doneAt !== null && task.doneAt <= asOf
      ? task.doneAt
      : (latest?.reportedAt ?? null);
  return { status, progress: latest?.lastProgress ?? null, lastReportAt: latest?.reportedAt ?? null, doneAt };
}

/** The columns of a task the digest reads. */
const TASK_COLUMNS = {
  id: true,
  planId: true,
  code: true,
  title: true,
  deadlineRaw: true,
  deadlineKind: true,
  dueDate: true,
  originalDueDate: true,
  startDate: true,
  recurring: true,
  status: true,
  progress: true,
  lastReportAt: true,
  doneAt: true,
  groupId: true,
  leadRaw: true,
  leadCollective: true,
  needsAssignment: true,
} as const;

type TaskRow = Prisma.TaskGetPayload<{ select: typeof TASK_COLUMNS }>;
type LeadRow = { taskId: number; agencyId: number; viaCollective: string | null };

/** A task row with what the digest joins to it: its group's code, lead agencies and approved extensions. */
type JoinedTask = TaskRow & { group: { code: string } | null; agencies: LeadRow[]; extensions: Extension[] };

/**
 * The rows the digest's tasks are made of, as four flat queries (Prisma's relation loading of the same
 * took most of a second for 5,000 tasks). Guarantees: tasks not removed at `asOf`, by plan and position;
 * their lead agencies by agency id and their approved extensions by id; agency holders of today.
 */
async function queryTaskRows(db: PrismaClient, asOf: Date) {
  const where = { task: { OR: [{ removedAt: null }, { removedAt: { gt: asOf } }] } };
  const [holders, tasks, leads, extensions, groups] = await Promise.all([
    currentHolders(db),
    db.task.findMany({
      where: where.task,
      select: TASK_COLUMNS,
      orderBy: [{ planId: 'asc' }, { position: 'asc' }],
    }),
    db.taskAgency.findMany({
      where: { role: 'lead', ...where },
      select: { taskId: true, agencyId: true, viaCollective: true },
      orderBy: [{ taskId: 'asc' }, { agencyId: 'asc' }],
    }),
    db.deadlineExtension.findMany({
      where: { state: 'approved', ...where },
      select: { taskId: true, previousDue: true, newDue: true, decidedAt: true, createdAt: true },
      orderBy: { id: 'asc' },
    }),
    db.taskGroup.findMany({ select: { id: true, code: true } }),
  ]);
  return { holders, tasks, leads, extensions, groups };
}

/** Rows of `items` grouped by their `taskId`, in the order given. */
function byTask<T extends { taskId: number }>(items: readonly T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const item of items) grouped.set(item.taskId, [...(grouped.get(item.taskId) ?? []), item]);
  return grouped;
}

/** Each task row joined with its group's code (empty when the group is gone), leads and extensions. */
function joinTaskRows(rows: Awaited<ReturnType<typeof queryTaskRows>>): JoinedTask[] {
  const groupCodes = new Map(rows.groups.map((g) => [g.id, g.code]));
  const leadsOf = byTask(rows.leads);
  const extensionsOf = byTask(rows.extensions);
  return rows.tasks.map((row) => ({
    ...row,
    group: row.groupId === null ? null : { code: groupCodes.get(row.groupId) ?? '' },
    agencies: leadsOf.get(row.id) ?? [],
    extensions: extensionsOf.get(row.id) ?? [],
  }));
}

/**
 * One task as the digest sees it at `asOf`. Guarantees: the deadline an extension approved after `asOf`
 * had not yet moved; the responsible names of today's holders of its direct lead agencies; its state at
 * `asOf` ({@link stateAt}); `previousStatus` from the baseline digest.
 */
function digestTaskAt(
  row: JoinedTask,
  context: {
    asOf: Date;
    holders: Map<number, string>;
    report: LatestReport | undefined;
    baseline: DigestBaseline | null;
  },
): DigestTask {
  const { asOf, holders, report, baseline } = context;
  const { due, extended } = deadlineAt(row.dueDate, row.extensions, asOf);
  const direct = row.agencies.filter((a) => a.viaCollective === null);
  const lead = responsibleNames(
    direct.map((a) => holders.get(a.agencyId) ?? ''),
    row.leadCollective,
    row.leadRaw,
  );
  return {
    id: row.id,
    planId: row.planId,
    code: row.code,
    groupCode: row.group?.code ?? null,
    title: row.title,
    lead,
    needsAssignment: row.needsAssignment && direct.length === 0,
    deadline: {
      raw: row.deadlineRaw,
      kind: row.deadlineKind,
      due,
      start: isoDate(row.startDate),
      recurring: row.recurring,
    },
    originalDue: extended ? isoDate(row.originalDueDate) : null,
    extended,
    ...stateAt(row, report, asOf),
    result: report?.lastResult ?? null,
    blocker: report?.blocker ?? null,
    evidence: report?.lastEvidence ?? null,
    previousStatus: baseline?.statuses[String(row.id)] ?? null,
  };
}

/** The tasks of every plan as the digest sees them at `asOf`. */
async function loadTasks(
  db: PrismaClient,
  asOf: Date,
  latest: Map<number, LatestReport>,
  baseline: DigestBaseline | null,
): Promise<DigestTask[]> {
  const rows = await queryTaskRows(db, asOf);
  return joinTaskRows(rows).map((row) =>
    digestTaskAt(row, { asOf, holders: rows.holders, report: latest.get(row.id), baseline }),
  );
}

function asReport(r: LatestReport): DigestReport {
  const { taskId, officerName, agencyName, status, progress, result, blocker, reportedAt } = r;
  return { taskId, officerName, agencyName, status, progress, result, blocker, reportedAt };
}

/** The snapshot of a `kind` digest at `asOf`, with its period. */
export async function loadDigestInput(
  db: PrismaClient,
  options: { kind: DigestKind; asOf: Date },
): Promise<{ period: DigestPeriod; input: DigestInput }> {
  const { kind, asOf } = options;
  const period = digestPeriod(kind, asOf);
  const baseline = await previousDigest(db, kind, asOf, period.key);
  const latest = await latestReports(db, asOf);
  const [tasks, inPeriod, reminders, unreachable, explanations, plans, groups] = await Promise.all([
    loadTasks(db, asOf, latest, baseline),
    reportsBetween(db, period.from, period.to),
    remindersBetween(db, period.from, period.to, asOf),
    unreachableOfficers(db, asOf),
    explanationsAt(db, asOf),
    db.plan.findMany({ select: { id: true, title: true }, orderBy: { id: 'asc' } }),
    db.taskGroup.findMany({
      select: { planId: true, code: true, title: true },
      orderBy: [{ planId: 'asc' }, { position: 'asc' }],
    }),
  ]);
  const taskIds = new Set(tasks.map((t) => t.id));
  const reports = [...inPeriod, ...[...latest.values()].map(asReport)].filter((r) => taskIds.has(r.taskId));
  return {
    period,
    input: {
      kind,
      asOf,
      period: { from: period.from, to: period.to },
      previous: baseline?.totals ?? null,
      plans,
      groups,
      tasks,
      reports,
      reminders,
      unreachable,
      explanations: explanations.filter((e) => taskIds.has(e.taskId)),
    },
  };
}

/**
 * The responsible column: lead agencies (holders today), then the collectives the plan names as lead,
 * and when neither is known the plan's lead cell as written. Never empty when the plan names anyone.
 */
export function responsibleNames(
  agencies: readonly string[],
  collectives: readonly string[],
  raw: string,
): string[] {
  const names = [...new Set([...agencies, ...collectives])].filter((n) => n !== '');
  if (names.length > 0) return names;
  const written = raw.replace(/\s+/gu, ' ').trim();
  return written === '' ? [] : [written];
}
