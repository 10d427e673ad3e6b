/**
 * What happened around the tasks, for a digest: status reports, reminders and whether they were
 * answered, unreachable officers, explanation requests. Set-based queries (one or two per list), so a
 * plan of thousands of tasks and tens of thousands of reports loads in a few round trips.
 */
import type {
  DigestEvidence,
  DigestExplanation,
  DigestReminder,
  DigestReport,
  DigestUnreachable,
} from '../domain/digest/digest-input.ts';
import type { ReportStatus } from '../domain/reply/report-status.ts';
import { Prisma, type PrismaClient } from '../prisma/generated/client.ts';

/** A task's latest report at or before the as-of instant, with the last values it ever carried. */
export interface LatestReport extends DigestReport {
  /** The last non-null status, progress and result reported (a later report may omit them). */
  lastStatus: ReportStatus | null;
  lastProgress: number | null;
  lastResult: string | null;
  /** The file last sent as evidence with a report on the task. */
  lastEvidence: DigestEvidence | null;
}

/** A report as the queries below select it. */
interface ReportRow {
  task_id: number;
  status: ReportStatus | null;
  progress: number | null;
  result: string | null;
  blocker: string | null;
  reported_at: Date;
  officer_name: string;
  agency_name: string;
}

function digestReportOf(r: ReportRow): DigestReport {
  return {
    taskId: r.task_id,
    officerName: r.officer_name,
    agencyName: r.agency_name,
    status: r.status,
    progress: r.progress,
    result: r.result,
    blocker: r.blocker,
    reportedAt: r.reported_at,
  };
}

interface LatestRow extends ReportRow {
  last_status: ReportStatus | null;
  last_progress: number | null;
  last_result: string | null;
  evidence_file_id: string | null;
  evidence_kind: string | null;
  evidence_size: number | null;
}

/** The latest report of every task at `asOf` (DISTINCT ON over the (task_id, reported_at) index). */
export async function latestReports(db: PrismaClient, asOf: Date): Promise<Map<number, LatestReport>> {
  // The latest report per task first (DISTINCT ON in a subquery), then the per-task look-ups: once per
  // task, not once per report (50,000 reports cost 3 s the other way round).
  const rows = await db.$queryRaw<LatestRow[]>`
    SELECT
      r.task_id, r.status, r.progress, r.result, r.blocker, r.reported_at,
      o.name AS officer_name, a.name AS agency_name,
      (SELECT s.status::text FROM status_report s WHERE s.task_id = r.task_id AND s.status IS NOT NULL
         AND s.reported_at <= ${asOf} AND s.superseded_at IS NULL ORDER BY s.reported_at DESC, s.id DESC LIMIT 1) AS last_status,
      (SELECT s.progress FROM status_report s WHERE s.task_id = r.task_id AND s.progress IS NOT NULL
         AND s.reported_at <= ${asOf} AND s.superseded_at IS NULL ORDER BY s.reported_at DESC, s.id DESC LIMIT 1) AS last_progress,
      (SELECT s.result FROM status_report s WHERE s.task_id = r.task_id AND s.result IS NOT NULL
         AND s.reported_at <= ${asOf} AND s.superseded_at IS NULL
         ORDER BY s.reported_at DESC, s.id DESC LIMIT 1) AS last_result,
      e.evidence_file_id, e.evidence_kind, e.evidence_size
    FROM (
      SELECT DISTINCT ON (x.task_id)
        x.task_id, x.status::text AS status, x.progress, x.result, x.blocker, x.reported_at, x.officer_id
      FROM status_report x
      WHERE x.reported_at <= ${asOf} AND x.superseded_at IS NULL
      ORDER BY x.task_id, x.reported_at DESC, x.id DESC
    ) r
    JOIN officer o ON o.id = r.officer_id
    JOIN agency a ON a.id = o.agency_id
    LEFT JOIN LATERAL (SELECT s.evidence_file_id, s.evidence_kind, s.evidence_size FROM status_report s
      WHERE s.task_id = r.task_id AND s.evidence_file_id IS NOT NULL AND s.superseded_at IS NULL
        AND s.reported_at <= ${asOf} ORDER BY s.reported_at DESC, s.id DESC LIMIT 1) e ON true`;
  return new Map(
    rows.map((r) => [
      r.task_id,
      {
        ...digestReportOf(r),
        lastStatus: r.last_status,
        lastProgress: r.last_progress,
        lastResult: r.last_result,
        lastEvidence:
          r.evidence_file_id === null
            ? null
            : { fileId: r.evidence_file_id, kind: r.evidence_kind ?? 'document', size: r.evidence_size },
      },
    ]),
  );
}

/**
 * Reports sent between `from` and `to` (both included), by time. `blockersOnly`: only those that carry
 * a blocker (blank ones included), and of several reports of one task, instant and officer's name only
 * the first, as the digest keeps it (domain `uniqueReports` over reports in (reported_at, id) order).
 */
export async function reportsBetween(
  db: PrismaClient,
  from: Date,
  to: Date,
  options: { blockersOnly?: boolean } = {},
): Promise<DigestReport[]> {
  const blockersOnly = options.blockersOnly
    ? Prisma.sql`
         AND s.blocker IS NOT NULL
         AND NOT EXISTS (
           SELECT 1 FROM status_report d JOIN officer od ON od.id = d.officer_id
            WHERE d.task_id = s.task_id AND d.reported_at = s.reported_at AND d.superseded_at IS NULL
              AND d.id < s.id AND od.name = o.name)`
    : Prisma.empty;
  // A raw statement: the first use of a Prisma query shape costs its compilation (tens of milliseconds),
  // which the dashboard's first render after a start would pay.
  const rows = await db.$queryRaw<ReportRow[]>`
      SELECT s.task_id, s.status::text AS status, s.progress, s.result, s.blocker, s.reported_at,
             o.name AS officer_name, a.name AS agency_name
        FROM status_report s
        JOIN officer o ON o.id = s.officer_id
        JOIN agency a ON a.id = o.agency_id
       WHERE s.reported_at >= ${from} AND s.reported_at <= ${to} AND s.superseded_at IS NULL ${blockersOnly}
       ORDER BY s.reported_at, s.id`;
  return rows.map(digestReportOf);
}

/**
 * Reminders sent between `from` and `to` (delivery time, else planned time); `answered` when the same
 * officer reported on the same task after it and by `asOf`.
 */
export async function remindersBetween(
  db: PrismaClient,
  from: Date,
  to: Date,
  asOf: Date,
): Promise<DigestReminder[]> {
  const rows = await db.$queryRaw<
    Array<{ officer_id: number; agency_name: string; task_code: string; sent_at: Date; answered: boolean }>
  >`
    SELECT x.officer_id, x.agency_name, x.task_code, x.sent_at,
      EXISTS (SELECT 1 FROM status_report s WHERE s.task_id = x.task_id AND s.officer_id = x.officer_id
              AND s.reported_at > x.sent_at AND s.reported_at <= ${asOf}) AS answered
    FROM (
      SELECT r.officer_id, r.task_id, a.name AS agency_name, t.code AS task_code,
             COALESCE(d.sent_at, r.send_at) AS sent_at
      FROM reminder r
      JOIN officer o ON o.id = r.officer_id
      JOIN agency a ON a.id = o.agency_id
      JOIN task t ON t.id = r.task_id
      LEFT JOIN delivery d ON d.id = r.delivery_id
      WHERE r.state = 'sent'::"ReminderState"
    ) x
    WHERE x.sent_at >= ${from} AND x.sent_at <= ${to}`;
  return rows.map((r) => ({
    officerId: r.officer_id,
    agencyName: r.agency_name,
    taskCode: r.task_code,
    sentAt: r.sent_at,
    answered: r.answered,
  }));
}

/**
 * Active officers no channel reaches at `asOf`: no linked private chat (channel null), or every linked
 * chat marked unreachable by then (channel: those channels, e.g. "telegram, zalo").
 */
export async function unreachableOfficers(db: PrismaClient, asOf: Date): Promise<DigestUnreachable[]> {
  const officers = await db.officer.findMany({
    where: { active: true },
    select: {
      name: true,
      agency: { select: { name: true } },
      identities: { where: { purpose: 'officer' }, select: { channel: true, unreachableSince: true } },
    },
    orderBy: [{ agency: { name: 'asc' } }, { name: 'asc' }],
  });
  return officers.flatMap((o) => {
    const down = o.identities.every((i) => i.unreachableSince !== null && i.unreachableSince <= asOf);
    if (!down) return [];
    const channel = o.identities.length === 0 ? null : o.identities.map((i) => i.channel).join(', ');
    return [{ officerName: o.name, agencyName: o.agency.name, channel }];
  });
}

/** Explanation requests made by `asOf`, with answers given after `asOf` left out. */
export async function explanationsAt(db: PrismaClient, asOf: Date): Promise<DigestExplanation[]> {
  const rows = await db.explanationRequest.findMany({
    where: { requestedAt: { lte: asOf } },
    select: { taskId: true, requestedAt: true, answer: true, answeredAt: true },
  });
  return rows.map((r) =>
    r.answeredAt !== null && r.answeredAt <= asOf ? r : { ...r, answer: null, answeredAt: null },
  );
}
