/**
 * Status reports: one row per (channel, platform message, task), so a redelivered message or a button
 * pressed twice records once. Recording also updates the task's current state.
 */

import type { ReportStatus } from '../domain/reply/report-status.ts';
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
        },
      });
      const task = await tx.task.findUniqueOrThrow({
        where: { id: report.taskId },
        select: { doneAt: true },
      });
      const done = report.status === 'done' || report.status === 'done_maintained';
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
