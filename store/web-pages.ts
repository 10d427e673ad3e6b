/**
 * What the dashboard's pages read beyond the digest: the task list (filtered, sorted and paginated in
 * SQL, so that a plan of thousands of tasks costs one page of rows), a task's whole history, the
 * per-agency table, the pending extension requests and the overdue rate of past weekly digests.
 * "Overdue", "due soon" and "no report this month" mean here what they mean in the digest
 * (domain/digest/digest-totals.ts, digest-lists.ts): not done and due before today (Vietnam), due
 * within 14 days, no report since the first of the Vietnam month.
 */
import { addDays } from '../domain/calendar/civil-date.ts';
import { withinZaloWindow } from '../domain/channel/zalo-window.ts';
import { DONE_STATUSES } from '../domain/reply/report-status.ts';
import { Prisma, type PrismaClient } from '../prisma/generated/client.ts';
import { agenciesRepresentedBy } from './tasks.ts';

export const TASKS_PAGE_SIZE = 50;
const DUE_SOON_DAYS = 14;

/**
 * {@link DONE_STATUSES} as a literal SQL list (`'done', 'done_maintained'`), for statements whose plan
 * should see the constants rather than parameters. Safe: the statuses are fixed identifiers without quotes.
 */
export const DONE_STATUSES_SQL = Prisma.raw(DONE_STATUSES.map((status) => `'${status}'`).join(', '));

/** Words of a search that are matched (the rest are ignored). */
const MAX_SEARCH_WORDS = 8;

/**
 * Vietnamese letters with diacritics and the plain letter each folds to (lower case). The database's
 * `dashboard_fold` (migration web_task_search) folds task.search_text with the same letters.
 */
const FOLD_FROM = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ';
const FOLD_TO = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';

/** Folds text the way dashboard_fold folds task.search_text: NFC, lower case, diacritics removed, spaces collapsed. */
export function foldQuery(text: string): string {
  const lower = text.normalize('NFC').toLowerCase();
  let out = '';
  for (const ch of lower) {
    const i = FOLD_FROM.indexOf(ch);
    out += i >= 0 ? FOLD_TO[i] : ch;
  }
  return out.replace(/\s+/gu, ' ').trim();
}

export type TaskSort = 'code' | 'due' | 'status' | 'lastReport';
export type TaskTiming = 'overdue' | 'dueSoon' | 'silent';

export interface TaskFilter {
  planId?: number;
  groupId?: number;
  status?: string;
  leadAgencyId?: number;
  timing?: TaskTiming;
  q?: string;
  sort: TaskSort;
  desc: boolean;
  page: number;
}

/** Who reads: every task (committee, admin) or the tasks of these agencies (an officer). */
export type TaskScope = { all: true } | { all: false; agencyIds: number[] };

export interface TaskListRow {
  id: number;
  code: string;
  title: string;
  planId: number;
  status: string;
  progress: number | null;
  dueDate: Date | null;
  deadlineRaw: string;
  lastReportAt: Date | null;
  lead: string;
}

export interface TaskListPage {
  rows: TaskListRow[];
  total: number;
  page: number;
  pages: number;
}

/** The scope of an officer of `role` in `agencyId`. */
export async function scopeOf(
  db: PrismaClient,
  officer: { role: string; agencyId: number },
): Promise<TaskScope> {
  if (officer.role !== 'officer') return { all: true };
  return { all: false, agencyIds: await agenciesRepresentedBy(db, officer.agencyId) };
}

function scopeSql(scope: TaskScope): Prisma.Sql {
  if (scope.all) return Prisma.sql`TRUE`;
  if (scope.agencyIds.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`EXISTS (SELECT 1 FROM task_agency sa WHERE sa.task_id = t.id AND sa.agency_id IN (${Prisma.join(scope.agencyIds)}))`;
}

/** The first instant of the Vietnam month of `today` ('YYYY-MM-DD'). */
function monthStart(today: string): Date {
  return new Date(`${today.slice(0, 7)}-01T00:00:00+07:00`);
}

const ORDER: Record<TaskSort, (desc: boolean) => Prisma.Sql> = {
  code: (desc) => (desc ? Prisma.sql`t.plan_id DESC, t.position DESC` : Prisma.sql`t.plan_id, t.position`),
  due: (desc) =>
    desc
      ? Prisma.sql`t.due_date DESC NULLS LAST, t.plan_id, t.position`
      : Prisma.sql`t.due_date ASC NULLS LAST, t.plan_id, t.position`,
  status: (desc) =>
    desc ? Prisma.sql`t.status DESC, t.plan_id, t.position` : Prisma.sql`t.status ASC, t.plan_id, t.position`,
  lastReport: (desc) =>
    desc
      ? Prisma.sql`t.last_report_at DESC NULLS LAST, t.plan_id, t.position`
      : Prisma.sql`t.last_report_at ASC NULLS FIRST, t.plan_id, t.position`,
};

/** One page of tasks matching `filter` within `scope`, as of the Vietnam day `today`. */
export async function listTasks(
  db: PrismaClient,
  scope: TaskScope,
  filter: TaskFilter,
  today: string,
): Promise<TaskListPage> {
  const where: Prisma.Sql[] = [Prisma.sql`t.removed_at IS NULL`, scopeSql(scope)];
  if (filter.planId !== undefined) where.push(Prisma.sql`t.plan_id = ${filter.planId}`);
  if (filter.groupId !== undefined) where.push(Prisma.sql`t.group_id = ${filter.groupId}`);
  if (filter.status !== undefined) where.push(Prisma.sql`t.status::text = ${filter.status}`);
  if (filter.leadAgencyId !== undefined) {
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM task_agency la WHERE la.task_id = t.id AND la.role = 'lead' AND la.agency_id = ${filter.leadAgencyId})`,
    );
  }
  const notDone = Prisma.sql`t.status::text NOT IN (${Prisma.join([...DONE_STATUSES])})`;
  if (filter.timing === 'overdue') where.push(Prisma.sql`${notDone} AND t.due_date < ${today}::date`);
  if (filter.timing === 'dueSoon') {
    where.push(
      Prisma.sql`${notDone} AND t.due_date >= ${today}::date AND t.due_date <= ${addDays(today, DUE_SOON_DAYS)}::date`,
    );
  }
  if (filter.timing === 'silent') {
    where.push(
      Prisma.sql`${notDone} AND (t.last_report_at IS NULL OR t.last_report_at < ${monthStart(today)})`,
    );
  }
  const q = filter.q ? foldQuery(filter.q) : '';
  if (q !== '') {
    // Every word of the query in the task's folded code, title and objective (task.search_text, a
    // generated column folded by the database's dashboard_fold, trigram-indexed), or the code exactly.
    const words = [...new Set(q.split(' '))].slice(0, MAX_SEARCH_WORDS);
    const likes = words.map(
      (word) => Prisma.sql`t.search_text LIKE ${`%${word.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`}`,
    );
    where.push(Prisma.sql`(lower(t.code) = ${q} OR (${Prisma.join(likes, ' AND ')}))`);
  }
  const offset = (Math.max(1, filter.page) - 1) * TASKS_PAGE_SIZE;
  const rows = await db.$queryRaw<Array<TaskListRow & { total: bigint }>>`
    SELECT t.id, t.code, t.title, t.plan_id AS "planId", t.status::text AS status, t.progress,
           t.due_date AS "dueDate", t.deadline_raw AS "deadlineRaw", t.last_report_at AS "lastReportAt",
           COALESCE(
             (SELECT string_agg(a.name, '; ' ORDER BY a.name) FROM task_agency ta JOIN agency a ON a.id = ta.agency_id
               WHERE ta.task_id = t.id AND ta.role = 'lead' AND ta.via_collective IS NULL),
             NULLIF(array_to_string(t.lead_collective, '; '), ''),
             t.lead_raw) AS lead,
           count(*) OVER () AS total
      FROM task t
     WHERE ${Prisma.join(where, ' AND ')}
     ORDER BY ${ORDER[filter.sort](filter.desc)}
     LIMIT ${TASKS_PAGE_SIZE} OFFSET ${offset}`;
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && offset > 0) {
    const counted = await db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM task t WHERE ${Prisma.join(where, ' AND ')}`;
    total = Number(counted[0]?.n ?? 0);
  }
  return {
    rows: rows.map(({ total: _total, ...row }) => row),
    total,
    page: Math.max(1, filter.page),
    pages: Math.max(1, Math.ceil(total / TASKS_PAGE_SIZE)),
  };
}

/** The choices of the task filters: plans, groups, lead agencies. */
export async function taskFilterChoices(db: PrismaClient) {
  const [plans, groups, agencies] = await Promise.all([
    db.plan.findMany({ select: { id: true, title: true }, orderBy: { id: 'asc' } }),
    db.taskGroup.findMany({
      select: { id: true, planId: true, code: true, title: true },
      orderBy: [{ planId: 'asc' }, { position: 'asc' }],
    }),
    db.$queryRaw<Array<{ id: number; name: string }>>`
      SELECT DISTINCT a.id, a.name FROM agency a JOIN task_agency ta ON ta.agency_id = a.id AND ta.role = 'lead'
      ORDER BY a.name`,
  ]);
  return { plans, groups, agencies };
}

/** Whether a task is visible in a scope (false also when it does not exist). */
export async function taskInScope(db: PrismaClient, taskId: number, scope: TaskScope): Promise<boolean> {
  if (scope.all) return true;
  if (scope.agencyIds.length === 0) return false;
  const n = await db.taskAgency.count({ where: { taskId, agencyId: { in: scope.agencyIds } } });
  return n > 0;
}

/** Everything the task page shows, or null when there is no such task. */
export async function taskDetail(db: PrismaClient, taskId: number) {
  const task = await db.task.findUnique({
    where: { id: taskId },
    include: {
      plan: { select: { id: true, title: true } },
      group: { select: { code: true, title: true } },
      agencies: { include: { agency: { select: { id: true, name: true } } } },
      extensions: { orderBy: { createdAt: 'asc' } },
      reports: {
        orderBy: [{ reportedAt: 'desc' }, { id: 'desc' }],
        take: 200,
        include: { officer: { select: { name: true, agency: { select: { name: true } } } } },
      },
      reminders: {
        orderBy: [{ sendAt: 'desc' }, { id: 'desc' }],
        take: 100,
        include: {
          officer: { select: { name: true } },
          delivery: { select: { state: true, channel: true, sentAt: true } },
        },
      },
    },
  });
  if (!task) return null;
  const officerIds = [
    ...new Set(task.extensions.flatMap((e) => [e.requestedBy, e.decidedBy]).filter((id) => id !== null)),
  ];
  const officers = await db.officer.findMany({
    where: { id: { in: officerIds } },
    select: { id: true, name: true },
  });
  const names = new Map(officers.map((o) => [o.id, o.name]));
  return { ...task, officerNames: names };
}

export type TaskDetail = NonNullable<Awaited<ReturnType<typeof taskDetail>>>;

export interface AgencyRow {
  id: number;
  name: string;
  tasks: number;
  doneOnTime: number;
  overdue: number;
  reminders: number;
  answered: number;
  lastReportAt: Date | null;
}

/**
 * Per lead agency: its tasks, those done on time (done on or before the due date, or done without one),
 * those overdue, reminders sent in the last 90 days and how many of them were followed by a report from
 * the agency on that task within 7 days, and its last report. One SQL statement.
 */
export async function agencyTable(db: PrismaClient, today: string, now: Date): Promise<AgencyRow[]> {
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const rows = await db.$queryRaw<
    Array<
      Omit<AgencyRow, 'tasks' | 'doneOnTime' | 'overdue' | 'reminders' | 'answered'> & Record<string, bigint>
    >
  >`
    WITH lead AS (
      SELECT ta.agency_id, t.id, t.status::text AS status, t.due_date, t.done_at, t.last_report_at
        FROM task_agency ta JOIN task t ON t.id = ta.task_id
       WHERE ta.role = 'lead' AND t.removed_at IS NULL
    ), rem AS (
      SELECT o.agency_id, count(*) AS reminders,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM status_report sr JOIN officer so ON so.id = sr.officer_id
                WHERE sr.task_id = r.task_id AND so.agency_id = o.agency_id
                  AND sr.reported_at >= r.send_at AND sr.reported_at < r.send_at + interval '7 days')) AS answered
        FROM reminder r JOIN officer o ON o.id = r.officer_id
       WHERE r.state::text = 'sent' AND r.send_at >= ${since}
       GROUP BY o.agency_id
    )
    SELECT a.id, a.name,
           count(l.id) AS tasks,
           count(l.id) FILTER (WHERE l.status IN (${DONE_STATUSES_SQL})
             AND (l.due_date IS NULL OR l.done_at IS NULL OR (l.done_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= l.due_date)) AS "doneOnTime",
           count(l.id) FILTER (WHERE l.status NOT IN (${DONE_STATUSES_SQL}) AND l.due_date < ${today}::date) AS overdue,
           COALESCE(max(rem.reminders), 0) AS reminders,
           COALESCE(max(rem.answered), 0) AS answered,
           max(l.last_report_at) AS "lastReportAt"
      FROM agency a
      JOIN lead l ON l.agency_id = a.id
      LEFT JOIN rem ON rem.agency_id = a.id
     GROUP BY a.id, a.name
     ORDER BY count(l.id) FILTER (WHERE l.status NOT IN (${DONE_STATUSES_SQL}) AND l.due_date < ${today}::date) DESC, a.name`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    lastReportAt: r.lastReportAt,
    tasks: Number(r['tasks']),
    doneOnTime: Number(r['doneOnTime']),
    overdue: Number(r['overdue']),
    reminders: Number(r['reminders']),
    answered: Number(r['answered']),
  }));
}

export interface OfficerReach {
  id: number;
  name: string;
  agencyId: number;
  telegram: 'reachable' | 'unreachable' | 'notLinked';
  zalo: { state: 'notLinked' | 'unreachable' | 'open' | 'closed'; until: Date | null };
}

/** Each active officer's reachability: Telegram linked and not refused; Zalo within its 7-day window. */
export async function officersReach(db: PrismaClient, now: Date): Promise<OfficerReach[]> {
  const rows = await db.officer.findMany({
    where: { active: true },
    select: {
      id: true,
      name: true,
      agencyId: true,
      identities: {
        where: { purpose: 'officer' },
        select: { channel: true, lastInteractionAt: true, unreachableSince: true },
      },
    },
    orderBy: { name: 'asc' },
  });
  return rows.map((r) => {
    const tg = r.identities.find((i) => i.channel === 'telegram');
    const zl = r.identities.find((i) => i.channel === 'zalo');
    const until = zl?.lastInteractionAt ? new Date(zl.lastInteractionAt.getTime() + 7 * 86_400_000) : null;
    return {
      id: r.id,
      name: r.name,
      agencyId: r.agencyId,
      telegram: !tg ? 'notLinked' : tg.unreachableSince ? 'unreachable' : 'reachable',
      zalo: {
        state: !zl
          ? 'notLinked'
          : zl.unreachableSince
            ? 'unreachable'
            : withinZaloWindow(zl.lastInteractionAt, now)
              ? 'open'
              : 'closed',
        until,
      },
    };
  });
}

export interface PendingExtension {
  id: number;
  taskId: number;
  taskCode: string;
  taskTitle: string;
  previousDue: Date | null;
  newDue: Date;
  reason: string;
  requestedBy: string | null;
  createdAt: Date;
}

/** Extension requests waiting for an admin's decision, oldest first. */
export async function pendingExtensions(db: PrismaClient): Promise<PendingExtension[]> {
  const rows = await db.deadlineExtension.findMany({
    where: { state: 'requested', task: { removedAt: null } },
    include: { task: { select: { code: true, title: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const ids = [...new Set(rows.map((r) => r.requestedBy).filter((id) => id !== null))];
  const officers = await db.officer.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true },
  });
  const names = new Map(officers.map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    id: r.id,
    taskId: r.taskId,
    taskCode: r.task.code,
    taskTitle: r.task.title,
    previousDue: r.previousDue,
    newDue: r.newDue,
    reason: r.reason,
    requestedBy: r.requestedBy === null ? null : (names.get(r.requestedBy) ?? null),
    createdAt: r.createdAt,
  }));
}

/** The overdue rate of the last `weeks` stored weekly digests, oldest first (totals only, not the content). */
export async function weeklyOverdueTrend(
  db: PrismaClient,
  weeks: number,
): Promise<Array<{ periodKey: string; tasks: number; overdue: number }>> {
  const rows = await db.$queryRaw<
    Array<{ period_key: string; tasks: number | null; overdue: number | null }>
  >`
    SELECT period_key, (content->'totals'->>'tasks')::int AS tasks, (content->'totals'->>'overdue')::int AS overdue
      FROM digest WHERE kind = 'weekly' ORDER BY period_from DESC LIMIT ${weeks}`;
  return rows
    .reverse()
    .map((r) => ({ periodKey: r.period_key, tasks: r.tasks ?? 0, overdue: r.overdue ?? 0 }));
}
