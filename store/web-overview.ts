/**
 * The dashboard overview's snapshot: the part of the weekly digest's snapshot (store/digest-snapshot.ts)
 * that the overview's figures are computed from, loaded with three flat queries instead of the whole
 * digest's (each task's latest report, evidence, reminders, explanations, previous statuses...).
 *
 * The figures are still computed by the digest's own `buildDigest` (domain/digest/build-digest.ts), so
 * the deadline categories, status buckets, due-soon and blocker rules live in one place. What this
 * loader must give `buildDigest` for the totals, groups, due-soon and blocker lists to equal those of
 * `digest --json` at the same instant:
 * - every task not removed at `asOf`, in the snapshot's order (plan, position), with its group code,
 *   stored state, effective due date at `asOf` (an extension approved later is undone) and as last
 *   report the later of the stored `last_report_at` and its latest report by `asOf` (what the digest's
 *   rows take as "done at" for a done task without `done_at`);
 * - the reports of the week (the period) that carry a blocker;
 * - the plans, groups and the previous weekly digest's totals.
 * Lead agencies are read only for the tasks the overview lists ({@link leadNamesOf}).
 *
 * When a task reported after `asOf` (a clock behind the database's), the digest reconstructs its state
 * from its reports: this loader does not, and answers null so that the caller builds the full digest.
 */

import type { DeadlineKind } from '../domain/deadline/deadline.ts';
import type { DigestInput, DigestReport, DigestTask } from '../domain/digest/digest-input.ts';
import { digestPeriod } from '../domain/digest/digest-period.ts';
import type { ReportStatus } from '../domain/reply/report-status.ts';
import { Prisma, type PrismaClient } from '../prisma/generated/client.ts';
import { responsibleNames } from './digest-snapshot.ts';
import { previousDigest } from './digests.ts';

interface TaskRow {
  id: number;
  plan_id: number;
  code: string;
  group_code: string | null;
  title: string;
  deadline_raw: string;
  deadline_kind: DeadlineKind;
  due: string | null;
  start: string | null;
  recurring: boolean;
  extended: boolean;
  original_due: string | null;
  status: ReportStatus;
  progress: number | null;
  done_at: Date | null;
  last_report_at: Date | null;
  reported_later: boolean;
}

/** The weekly digest's input at `asOf`, reduced to what the overview shows; null: build the full digest. */
export async function loadOverviewInput(db: PrismaClient, asOf: Date): Promise<DigestInput | null> {
  const period = digestPeriod('weekly', asOf);
  const [tasks, blockers, baseline, plans, groups] = await Promise.all([
    db.$queryRaw<TaskRow[]>`
      SELECT t.id, t.plan_id, t.code, g.code AS group_code, t.title, t.deadline_raw,
             t.deadline_kind::text AS deadline_kind,
             to_char(CASE WHEN later.task_id IS NULL THEN t.due_date ELSE later.previous_due END, 'YYYY-MM-DD') AS due,
             to_char(t.start_date, 'YYYY-MM-DD') AS start, t.recurring,
             EXISTS (SELECT 1 FROM deadline_extension e WHERE e.task_id = t.id AND e.state = 'approved'
                       AND coalesce(e.decided_at, e.created_at) <= ${asOf}) AS extended,
             to_char(t.original_due_date, 'YYYY-MM-DD') AS original_due,
             t.status::text AS status, t.progress, t.done_at,
             greatest(t.last_report_at,
               (SELECT s.reported_at FROM status_report s
                 WHERE s.task_id = t.id AND s.superseded_at IS NULL AND s.reported_at <= ${asOf}
                 ORDER BY s.reported_at DESC LIMIT 1)) AS last_report_at,
             coalesce(t.last_report_at > ${asOf}, false) AS reported_later
        FROM task t
        LEFT JOIN task_group g ON g.id = t.group_id
        LEFT JOIN LATERAL (
          SELECT e.task_id, e.previous_due FROM deadline_extension e
           WHERE e.task_id = t.id AND e.state = 'approved' AND coalesce(e.decided_at, e.created_at) > ${asOf}
           ORDER BY coalesce(e.decided_at, e.created_at), e.id LIMIT 1) later ON true
       WHERE t.removed_at IS NULL OR t.removed_at > ${asOf}
       ORDER BY t.plan_id, t.position`,
    db.$queryRaw<
      Array<{
        task_id: number;
        status: ReportStatus | null;
        progress: number | null;
        result: string | null;
        blocker: string;
        reported_at: Date;
        officer_name: string;
        agency_name: string;
      }>
    >`
      SELECT s.task_id, s.status::text AS status, s.progress, s.result, s.blocker, s.reported_at,
             o.name AS officer_name, a.name AS agency_name
        FROM status_report s
        JOIN officer o ON o.id = s.officer_id
        JOIN agency a ON a.id = o.agency_id
       WHERE s.reported_at >= ${period.from} AND s.reported_at <= ${period.to}
         AND s.superseded_at IS NULL AND s.blocker IS NOT NULL
       ORDER BY s.reported_at, s.id`,
    previousDigest(db, 'weekly', asOf, period.key),
    db.plan.findMany({ select: { id: true, title: true }, orderBy: { id: 'asc' } }),
    db.taskGroup.findMany({
      select: { planId: true, code: true, title: true },
      orderBy: [{ planId: 'asc' }, { position: 'asc' }],
    }),
  ]);
  if (tasks.some((t) => t.reported_later)) return null;
  const ids = new Set(tasks.map((t) => t.id));
  const reports: DigestReport[] = blockers
    .filter((r) => ids.has(r.task_id))
    .map((r) => ({
      taskId: r.task_id,
      officerName: r.officer_name,
      agencyName: r.agency_name,
      status: r.status,
      progress: r.progress,
      result: r.result,
      blocker: r.blocker,
      reportedAt: r.reported_at,
    }));
  return {
    kind: 'weekly',
    asOf,
    period: { from: period.from, to: period.to },
    previous: baseline?.totals ?? null,
    plans,
    groups,
    tasks: tasks.map(
      (t): DigestTask => ({
        id: t.id,
        planId: t.plan_id,
        code: t.code,
        groupCode: t.group_code,
        title: t.title,
        lead: [],
        deadline: {
          raw: t.deadline_raw,
          kind: t.deadline_kind,
          due: t.due,
          start: t.start,
          recurring: t.recurring,
        },
        originalDue: t.extended ? t.original_due : null,
        extended: t.extended,
        status: t.status,
        progress: t.progress,
        result: null,
        blocker: null,
        lastReportAt: t.last_report_at,
        doneAt: t.done_at,
      }),
    ),
    reports,
    reminders: [],
    unreachable: [],
  };
}

/**
 * The responsible names of these tasks as the digest shows them (store/digest-snapshot.ts): direct lead
 * agencies by id, each replaced by whoever holds its tasks today (end of its successor chain), then the
 * collectives named as lead, else the lead cell as written.
 */
export async function leadNamesOf(
  db: PrismaClient,
  taskIds: readonly number[],
): Promise<Map<number, string[]>> {
  if (taskIds.length === 0) return new Map();
  const [agencies, leads, tasks] = await Promise.all([
    db.agency.findMany({ select: { id: true, name: true, successorId: true } }),
    db.$queryRaw<Array<{ task_id: number; agency_id: number }>>`
      SELECT task_id, agency_id FROM task_agency
       WHERE role = 'lead' AND via_collective IS NULL AND task_id IN (${Prisma.join([...taskIds])})
       ORDER BY task_id, agency_id`,
    db.task.findMany({
      where: { id: { in: [...taskIds] } },
      select: { id: true, leadCollective: true, leadRaw: true },
    }),
  ]);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const holder = (id: number): string => {
    let current = byId.get(id);
    if (!current) return '';
    const seen = new Set([id]);
    while (current.successorId !== null && !seen.has(current.successorId)) {
      const next = byId.get(current.successorId);
      if (!next) break;
      seen.add(next.id);
      current = next;
    }
    return current.name;
  };
  const direct = new Map<number, string[]>();
  for (const l of leads) direct.set(l.task_id, [...(direct.get(l.task_id) ?? []), holder(l.agency_id)]);
  return new Map(
    tasks.map((t) => [t.id, responsibleNames(direct.get(t.id) ?? [], t.leadCollective, t.leadRaw)]),
  );
}
