/**
 * Tasks as officers see them: which tasks an agency answers for (directly, or as the successor of an
 * agency named in the plan), and finding a task by the code an officer typed.
 */
import { isoDate } from '../domain/calendar/civil-date.ts';
import type { Deadline, DeadlineKind } from '../domain/deadline/deadline.ts';
import type { ReportStatus } from '../domain/reply/report-status.ts';
import { Prisma, type PrismaClient } from '../prisma/generated/client.ts';
import { rawRows } from './direct-sql.ts';
import { sharedStatement } from './shared-statement.ts';

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

/** A task row as {@link TASK_VIEW_SELECT} reads it: its agencies as JSON, its dates as ISO text. */
interface TaskViewRow {
  id: number;
  planId: number;
  code: string;
  title: string;
  deadlineRaw: string;
  deadlineKind: DeadlineKind;
  due: string | null;
  start: string | null;
  recurring: boolean;
  status: ReportStatus;
  progress: number | null;
  lastReportAt: Date | null;
  agencies: Array<{ role: 'lead' | 'support'; id: number; name: string }>;
}

/**
 * A task as officers see it, with its lead and support agencies, in ONE statement (a reply is handled
 * with a handful of queries, docs/performance.md): the agencies are aggregated as JSON per task, in the
 * order of their ids (the order the plan's import created them).
 */
const TASK_VIEW_SELECT = Prisma.sql`
  SELECT t.id, t.plan_id AS "planId", t.code, t.title, t.deadline_raw AS "deadlineRaw",
         t.deadline_kind::text AS "deadlineKind", t.due_date::text AS due, t.start_date::text AS start,
         t.recurring, t.status::text AS status, t.progress, t.last_report_at AS "lastReportAt",
         COALESCE((SELECT json_agg(json_build_object('role', ta.role::text, 'id', a.id, 'name', a.name)
                                   ORDER BY a.id)
                   FROM task_agency ta JOIN agency a ON a.id = ta.agency_id
                   WHERE ta.task_id = t.id), '[]'::json) AS agencies
  FROM task t`;

function toTaskView(row: TaskViewRow): TaskView {
  const agencies = (role: 'lead' | 'support') =>
    row.agencies.filter((a) => a.role === role).map((a) => ({ id: a.id, name: a.name }));
  return {
    id: row.id,
    planId: row.planId,
    code: row.code,
    title: row.title,
    deadline: {
      raw: row.deadlineRaw,
      kind: row.deadlineKind,
      due: row.due,
      start: row.start,
      recurring: row.recurring,
    },
    status: row.status,
    progress: row.progress,
    lastReportAt: row.lastReportAt,
    lead: agencies('lead'),
    support: agencies('support'),
  };
}

/**
 * The agencies whose tasks agency `agencyId` answers for, as a SQL expression (an int[]): itself and
 * every agency whose successor chain ends at it (Sở Khoa học và Công nghệ answers for tasks the plan
 * gave to Sở Thông tin và Truyền thông). An agency that has a successor itself answers only for its own.
 */
export function representedAgenciesSql(agencyId: Prisma.Sql | number): Prisma.Sql {
  return Prisma.sql`ARRAY(
    WITH RECURSIVE chain(id) AS (
      SELECT ${agencyId}::int
      UNION
      SELECT a.id FROM agency a JOIN chain c ON a.successor_id = c.id
      WHERE NOT EXISTS (SELECT 1 FROM agency s WHERE s.id = ${agencyId}::int AND s.successor_id IS NOT NULL)
    )
    SELECT id FROM chain ORDER BY id)`;
}

/** See {@link representedAgenciesSql}. */
export async function agenciesRepresentedBy(db: PrismaClient, agencyId: number): Promise<number[]> {
  const rows = await db.$queryRaw<
    Array<{ ids: number[] }>
  >`SELECT ${representedAgenciesSql(agencyId)} AS ids`;
  return rows[0]?.ids ?? [agencyId];
}

/** Open (not removed, plan not paused) tasks where one of the agencies is lead or support. */
export async function tasksForAgencies(db: PrismaClient, agencyIds: number[]): Promise<TaskView[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db.$queryRaw<TaskViewRow[]>`${TASK_VIEW_SELECT}
    JOIN plan p ON p.id = t.plan_id
    WHERE t.removed_at IS NULL AND NOT p.paused
      AND EXISTS (SELECT 1 FROM task_agency ta WHERE ta.task_id = t.id AND ta.agency_id = ANY(${agencyIds}::int[]))
    ORDER BY t.due_date ASC NULLS LAST, t.plan_id, t.position`;
  return rows.map(toTaskView);
}

export async function tasksByIds(db: PrismaClient, ids: number[]): Promise<TaskView[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<TaskViewRow[]>`${TASK_VIEW_SELECT} WHERE t.id = ANY(${ids}::int[])`;
  return rows.map(toTaskView);
}

/**
 * Tasks (not removed) with this code, newest plan first. Codes are compared without "#", "NV" or zeros.
 * A plan whose numbering restarts in each group stores "II.3": typed as "II.3" it matches exactly; typed
 * as "3" it matches every "<group>.3" as well, and the caller keeps the one the officer answers for
 * (see `resolveTask`).
 */
export function tasksByCode(db: PrismaClient, code: string): Promise<TaskView[]> {
  return sharedTasksByCode(db, code);
}

/** The tasks of several codes in one statement, shared by the handlers running at once. */
const sharedTasksByCode = sharedStatement(async (db: PrismaClient, codes: string[]) => {
  const cleans = codes.map((code) =>
    code
      .replace(/^(#|nv)/iu, '')
      .replace(/^0+(?=\d)/u, '')
      .replace(/^([ivx]+)\./iu, (_w, roman: string) => `${roman.toUpperCase()}.`),
  );
  const groupeds = cleans.map((clean) => (/^\d/u.test(clean) ? `.${clean}` : null));
  const rows = await rawRows<TaskViewRow & { key: number }>(
    db,
    Prisma.sql`SELECT k.i::int AS key, x.*
    FROM unnest(${cleans}::text[], ${groupeds}::text[]) WITH ORDINALITY AS k(clean, grouped, i)
    CROSS JOIN LATERAL (${TASK_VIEW_SELECT}
      WHERE t.removed_at IS NULL
        AND (t.code = k.clean OR (k.grouped IS NOT NULL AND right(t.code, length(k.grouped)) = k.grouped))
    ) x
    JOIN task o ON o.id = x.id
    ORDER BY k.i, o.plan_id DESC, o.position`,
  );
  return cleans.map((clean, index) =>
    rows
      .filter((r) => r.key === index + 1 && (r.code === clean || /^[IVX]+\.\d/u.test(r.code)))
      .map(toTaskView),
  );
});

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

const taskInclude = { agencies: { include: { agency: { select: { id: true, name: true } } } } } as const;

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
