/**
 * Status reports: one row per (channel, platform message, task), so a redelivered message or a button
 * pressed twice records once. Recording also updates the task's current state.
 */

import { maskSensitiveDeep } from '../domain/reply/mask-sensitive.ts';
import type { ReportStatus } from '../domain/reply/report-status.ts';
import { isDoneStatus } from '../domain/reply/report-status.ts';
import type { ChannelId } from '../handlers/channel.ts';
import { Prisma, type PrismaClient } from '../prisma/generated/client.ts';
import { rawRows } from './direct-sql.ts';
import { sharedStatement } from './shared-statement.ts';

export interface NewReport {
  taskId: number;
  officerId: number;
  status: ReportStatus;
  progress: number | null;
  result: string | null;
  blocker: string | null;
  channel: ChannelId;
  platformMessageId: string;
  inboundMessageId: number | null;
  masked: string[];
  at: Date;
  /** The chat message that made the report (`<chatId>:<messageId>`), so that an edit of it can replace it. */
  sourceMessage?: string | null;
  /** A file sent with the report, kept as evidence. */
  evidence?: ReportEvidence | null;
}

/** A file kept as evidence of a report: the platform's file id, its kind and size. */
export interface ReportEvidence {
  fileId: string;
  kind: string;
  size: number | null;
}

/**
 * Records a report and moves its task to the reported state, in ONE statement (atomic in PostgreSQL: the
 * report is inserted and the task updated, or neither). A second report of the same (channel, platform
 * message, task) inserts nothing and answers `duplicate`. Written in SQL, so the free text is masked here,
 * as the client's masking extension masks its own writes (store/mask-personal-data.ts).
 *
 * Reports made at the same moment by different chats share the statement (store/shared-statement.ts);
 * two on one task never do, so the later one is the task's state, as when each runs alone.
 */
export function recordReport(db: PrismaClient, report: NewReport): Promise<'recorded' | 'duplicate'> {
  return sharedRecordReport(db, report);
}

const sharedRecordReport = sharedStatement(
  async (db: PrismaClient, reports: NewReport[]): Promise<Array<'recorded' | 'duplicate'>> => {
    const col = <T>(pick: (r: NewReport) => T) => reports.map(pick);
    const rows = await rawRows<{ n: number }>(
      db,
      Prisma.sql`
      WITH input AS (
        SELECT * FROM unnest(
          ${col((r) => r.taskId)}::int[], ${col((r) => r.officerId)}::int[], ${col((r) => r.status)}::text[],
          ${col((r) => r.progress)}::int[], ${col((r) => maskSensitiveDeep(r.result))}::text[],
          ${col((r) => maskSensitiveDeep(r.blocker))}::text[], ${col((r) => r.at.toISOString())}::timestamptz[],
          ${col((r) => r.channel)}::text[], ${col((r) => r.platformMessageId)}::text[],
          ${col((r) => r.inboundMessageId)}::int[], ${col((r) => JSON.stringify(r.masked))}::text[],
          ${col((r) => r.sourceMessage ?? null)}::text[], ${col((r) => r.evidence?.fileId ?? null)}::text[],
          ${col((r) => r.evidence?.kind ?? null)}::text[], ${col((r) => r.evidence?.size ?? null)}::int[],
          ${col((r) => isDoneStatus(r.status))}::boolean[]
        ) WITH ORDINALITY AS x(task_id, officer_id, status, progress, result, blocker, at, channel,
                                platform_message_id, inbound_message_id, masked, source_message,
                                evidence_file_id, evidence_kind, evidence_size, done, n)
      ),
      inserted AS (
        INSERT INTO status_report (task_id, officer_id, status, progress, result, blocker, reported_at, channel,
                                   platform_message_id, inbound_message_id, masked, source_message,
                                   evidence_file_id, evidence_kind, evidence_size)
        SELECT task_id, officer_id, status::"ReportStatus", progress, result, blocker, at,
               channel::"ChannelKind", platform_message_id, inbound_message_id,
               ARRAY(SELECT json_array_elements_text(masked::json)), source_message,
               evidence_file_id, evidence_kind, evidence_size
        FROM input
        ON CONFLICT (channel, platform_message_id, task_id) DO NOTHING
        RETURNING task_id
      )
      UPDATE task t
      SET status = i.status::"ReportStatus",
          progress = COALESCE(i.progress, CASE WHEN i.done THEN 100 ELSE t.progress END),
          last_report_at = i.at,
          done_at = CASE WHEN i.done THEN COALESCE(t.done_at, i.at) ELSE NULL END,
          updated_at = now()
      FROM inserted JOIN input i ON i.task_id = inserted.task_id
      WHERE t.id = inserted.task_id
      RETURNING i.n::int AS n`,
    );
    const recorded = new Set(rows.map((row) => row.n));
    return reports.map((_report, index) => (recorded.has(index + 1) ? 'recorded' : 'duplicate'));
  },
  { apart: (report) => report.taskId },
);

/** The evidence last sent with a current (not superseded) report, per task. */
export async function latestEvidence(
  db: PrismaClient,
  taskIds: readonly number[],
): Promise<Map<number, ReportEvidence>> {
  if (taskIds.length === 0) return new Map();
  const rows = await db.statusReport.findMany({
    where: { taskId: { in: [...taskIds] }, supersededAt: null, evidenceFileId: { not: null } },
    select: { taskId: true, evidenceFileId: true, evidenceKind: true, evidenceSize: true },
    orderBy: [{ reportedAt: 'desc' }, { id: 'desc' }],
  });
  const byTask = new Map<number, ReportEvidence>();
  for (const r of rows) {
    if (byTask.has(r.taskId)) continue;
    byTask.set(r.taskId, {
      fileId: r.evidenceFileId!,
      kind: r.evidenceKind ?? 'document',
      size: r.evidenceSize,
    });
  }
  return byTask;
}

/**
 * An edit of a chat message replaces what it reported: the earlier, still current reports of that message
 * (made by other inbound messages than `keepInboundId`) are marked superseded — kept as history, never
 * deleted. A task the edit no longer reports on goes back to its latest current report. Returns the
 * number of reports replaced.
 */
export async function supersedeReportsOf(
  db: PrismaClient,
  input: { channel: ChannelId; sourceMessage: string; keepInboundId: number; at: Date },
): Promise<number> {
  return db.$transaction(async (tx) => {
    const where = {
      channel: input.channel,
      sourceMessage: input.sourceMessage,
      supersededAt: null,
      NOT: { inboundMessageId: input.keepInboundId },
    };
    const earlier = await tx.statusReport.findMany({ where, select: { id: true, taskId: true } });
    if (earlier.length === 0) return 0;
    await tx.statusReport.updateMany({
      where: { id: { in: earlier.map((r) => r.id) } },
      data: { supersededAt: input.at },
    });
    const kept = await tx.statusReport.findMany({
      where: { channel: input.channel, sourceMessage: input.sourceMessage, supersededAt: null },
      select: { taskId: true },
    });
    const reported = new Set(kept.map((r) => r.taskId));
    for (const taskId of new Set(earlier.map((r) => r.taskId))) {
      if (reported.has(taskId)) continue;
      const latest = await tx.statusReport.findFirst({
        where: { taskId, supersededAt: null },
        orderBy: [{ reportedAt: 'desc' }, { id: 'desc' }],
      });
      if (!latest?.status) continue;
      const done = isDoneStatus(latest.status);
      await tx.task.update({
        where: { id: taskId },
        data: {
          status: latest.status,
          ...(latest.progress !== null && { progress: latest.progress }),
          lastReportAt: latest.reportedAt,
          ...(done ? {} : { doneAt: null }),
        },
      });
    }
    return earlier.length;
  });
}
