/**
 * Status reports: one row per (channel, platform message, task), so a redelivered message or a button
 * pressed twice records once. Recording also updates the task's current state.
 */

import type { ReportStatus } from '../domain/reply/report-status.ts';
import { isDoneStatus } from '../domain/reply/report-status.ts';
import type { ChannelId } from '../handlers/channel.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import { isUniqueViolation } from './errors.ts';

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

export async function recordReport(db: PrismaClient, report: NewReport): Promise<'recorded' | 'duplicate'> {
  try {
    await db.$transaction(async (tx) => {
      await tx.statusReport.create({
        data: {
          taskId: report.taskId,
          officerId: report.officerId,
          status: report.status,
          progress: report.progress,
          result: report.result,
          blocker: report.blocker,
          reportedAt: report.at,
          channel: report.channel,
          platformMessageId: report.platformMessageId,
          inboundMessageId: report.inboundMessageId,
          masked: report.masked,
          sourceMessage: report.sourceMessage ?? null,
          ...(report.evidence && {
            evidenceFileId: report.evidence.fileId,
            evidenceKind: report.evidence.kind,
            evidenceSize: report.evidence.size,
          }),
        },
      });
      const task = await tx.task.findUniqueOrThrow({
        where: { id: report.taskId },
        select: { doneAt: true },
      });
      const done = isDoneStatus(report.status);
      await tx.task.update({
        where: { id: report.taskId },
        data: {
          status: report.status,
          ...(report.progress !== null ? { progress: report.progress } : done ? { progress: 100 } : {}),
          lastReportAt: report.at,
          doneAt: done ? (task.doneAt ?? report.at) : null,
        },
      });
    });
    return 'recorded';
  } catch (error) {
    if (isUniqueViolation(error)) return 'duplicate';
    throw error;
  }
}

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
