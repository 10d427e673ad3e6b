/**
 * The dashboard overview's snapshot: the part of the weekly digest's snapshot (store/digest-snapshot.ts)
 * the overview's figures are computed from, in a few flat queries instead of the whole digest's (each
 * task's latest report, result and evidence, reminders, explanations, previous statuses...).
 *
 * What the overview needs (app/web/overview-model.ts) for its totals, groups, due-soon and blocker lists
 * to equal those of `digest --json` at the same instant:
 * - every task not removed at `asOf`, in the snapshot's order (plan, position): its group code, stored
 *   status and `done_at`, its effective due date at `asOf` (an extension approved later is undone, as
 *   store/digest-snapshot.ts does) and, for a done task without `done_at`, its last report (the later of
 *   the stored `last_report_at` and its latest report by `asOf`): all the deadline category reads;
 * - the reports of the week (the digest's period) that carry a blocker;
 * - the plans, groups and the previous weekly digest's totals;
 * - titles and lead agencies only of the tasks the overview lists ({@link listedTasks}).
 *
 * When a task reported after `asOf` (a clock behind the database's), the digest reconstructs its state
 * from its reports: this loader does not, and answers null so that the caller builds the full digest.
 */
import type { DigestReport, DigestTotals } from '../domain/digest/digest-input.ts';
import { type DigestPeriod, digestPeriod } from '../domain/digest/digest-period.ts';
import type { ReportStatus } from '../domain/reply/report-status.ts';
import { Prisma, type PrismaClient } from '../prisma/generated/client.ts';
import { reportsBetween } from './digest-activity.ts';
import { currentHolders, responsibleNames } from './digest-snapshot.ts';
import { previousDigest } from './digests.ts';
import { DONE_STATUSES_SQL } from './web-pages.ts';

/** A task as the overview's figures read it. */
export interface OverviewTask {
  id: number;
  planId: number;
  code: string;
  groupCode: string | null;
  /** The effective due date at `asOf`, 'YYYY-MM-DD'. */
  due: string | null;
  status: ReportStatus;
  doneAt: Date | null;
  /** The last report by `asOf`, loaded only for a done task without `doneAt` (else null). */
  lastReportAt: Date | null;
}

export interface OverviewSnapshot {
  asOf: Date;
  period: DigestPeriod;
  previous: DigestTotals | null;
  plans: Array<{ id: number; title: string }>;
  groups: Array<{ planId: number; code: string; title: string }>;
  tasks: OverviewTask[];
  /** Reports of the period with a blocker (blank ones included, as the digest reads them). */
  blockerReports: DigestReport[];
}

/** A task as the JSON array the query builds (see the SELECT's order; JSON writes dates and instants in ISO 8601). */
type TaskRow = [
  id: number,
  planId: number,
  code: string,
  groupCode: string | null,
  due: string | null,
  status: ReportStatus,
  doneAt: string | null,
  lastReportAt: string | null,
  reportedLater: boolean | null,
];

/** The overview's snapshot of the weekly digest at `asOf`; null: build the full digest. */
export async function loadOverviewSnapshot(db: PrismaClient, asOf: Date): Promise<OverviewSnapshot | null> {
  const period = digestPeriod('weekly', asOf);
  const [rows, blockerReports, baseline, plans, groups] = await Promise.all([
    loadTaskRows(db, asOf),
    reportsBetween(db, period.from, period.to, { blockersOnly: true }),
    previousDigest(db, 'weekly', asOf, period.key),
    // Raw statements throughout: the first use of each Prisma query shape costs its compilation (tens
    // of milliseconds), which the first render after a start would pay.
    db.$queryRaw<Array<{ id: number; title: string }>>`SELECT id, title FROM plan ORDER BY id`,
    db.$queryRaw<Array<{ planId: number; code: string; title: string }>>`
      SELECT plan_id AS "planId", code, title FROM task_group ORDER BY plan_id, position`,
  ]);
  if (rows.some(reportedAfterAsOf)) return null;
  return {
    asOf,
    period,
    previous: baseline?.totals ?? null,
    plans,
    groups,
    tasks: rows.map(overviewTaskOf),
    blockerReports,
  };
}

/**
 * Every task not removed at `asOf`, in the snapshot's order (plan, position), with its due date at
 * `asOf` (the first extension approved later is undone) and, for a done task without `done_at`, its
 * last report by `asOf`.
 */
async function loadTaskRows(db: PrismaClient, asOf: Date): Promise<TaskRow[]> {
  // One JSON text rather than 5,000 rows: the driver's per-row, per-column decoding cost more than
  // the query itself; JSON.parse reads it in a few milliseconds.
  const taskJson = await db.$queryRaw<Array<{ rows: string }>>`
      SELECT coalesce(json_agg(json_build_array(
               t.id, t.plan_id, t.code, g.code,
               CASE WHEN later.task_id IS NULL THEN t.due_date ELSE later.previous_due END,
               t.status, t.done_at,
               CASE WHEN t.done_at IS NULL AND t.status IN (${DONE_STATUSES_SQL}) THEN
                 greatest(t.last_report_at,
                   (SELECT s.reported_at FROM status_report s
                     WHERE s.task_id = t.id AND s.superseded_at IS NULL AND s.reported_at <= ${asOf}
                     ORDER BY s.reported_at DESC LIMIT 1)) END,
               t.last_report_at > ${asOf})
             ORDER BY t.plan_id, t.position), '[]')::text AS rows
        FROM task t
        LEFT JOIN task_group g ON g.id = t.group_id
        -- The first extension approved after asOf, per task: its previous date was the due date then.
        LEFT JOIN (
          SELECT DISTINCT ON (e.task_id) e.task_id, e.previous_due FROM deadline_extension e
           WHERE e.state = 'approved' AND coalesce(e.decided_at, e.created_at) > ${asOf}
           ORDER BY e.task_id, coalesce(e.decided_at, e.created_at), e.id) later ON later.task_id = t.id
       WHERE t.removed_at IS NULL OR t.removed_at > ${asOf}`;
  return JSON.parse(taskJson[0]?.rows ?? '[]') as TaskRow[];
}

/** True when the task reported after `asOf` (its stored state is later than the snapshot's). */
function reportedAfterAsOf(row: TaskRow): boolean {
  return row[8] === true;
}

/** A task row as the overview reads it (instants back to `Date`). */
function overviewTaskOf([
  id,
  planId,
  code,
  groupCode,
  due,
  status,
  doneAt,
  lastReportAt,
]: TaskRow): OverviewTask {
  return {
    id,
    planId,
    code,
    groupCode,
    due,
    status,
    doneAt: doneAt === null ? null : new Date(doneAt),
    lastReportAt: lastReportAt === null ? null : new Date(lastReportAt),
  };
}

/**
 * Titles and responsible names of the tasks the overview lists, the names as the digest shows them
 * (store/digest-snapshot.ts): direct lead agencies by id, each replaced by whoever holds its tasks today
 * (end of its successor chain), then the collectives named as lead, else the lead cell as written.
 */
export async function listedTasks(
  db: PrismaClient,
  taskIds: readonly number[],
): Promise<Map<number, { title: string; lead: string[] }>> {
  if (taskIds.length === 0) return new Map();
  const ids = Prisma.join([...taskIds]);
  const [holders, leads, tasks] = await Promise.all([
    currentHolders(db),
    db.$queryRaw<Array<{ task_id: number; agency_id: number }>>`
      SELECT task_id, agency_id FROM task_agency
       WHERE role = 'lead' AND via_collective IS NULL AND task_id IN (${ids})
       ORDER BY task_id, agency_id`,
    db.$queryRaw<Array<{ id: number; title: string; leadCollective: string[]; leadRaw: string }>>`
      SELECT id, title, lead_collective AS "leadCollective", lead_raw AS "leadRaw" FROM task WHERE id IN (${ids})`,
  ]);
  const direct = new Map<number, string[]>();
  for (const l of leads)
    direct.set(l.task_id, [...(direct.get(l.task_id) ?? []), holders.get(l.agency_id) ?? '']);
  return new Map(
    tasks.map((t) => [
      t.id,
      { title: t.title, lead: responsibleNames(direct.get(t.id) ?? [], t.leadCollective, t.leadRaw) },
    ]),
  );
}
