/** Records one report and tells the officer exactly what was recorded. */
import type { ReportStatus } from '../../domain/reply/report-status.ts';
import { type ReportEvidence, recordReport } from '../../store/reports.ts';
import type { TaskView } from '../../store/tasks.ts';
import type { Turn } from './turn.ts';

export interface ReportFields {
  status: ReportStatus;
  progress: number | null;
  result: string | null;
  blocker: string | null;
}

export function summaryOf(turn: Turn, fields: ReportFields): string {
  const m = turn.m;
  const parts = [m.statusLabels[fields.status]];
  if (fields.progress !== null) parts.push(m.summaryProgress(fields.progress));
  if (fields.result) parts.push(m.summaryResult(fields.result));
  if (fields.blocker) parts.push(m.summaryBlocker(fields.blocker));
  return parts.join(', ');
}

/** The chat message a report comes from (`<chatId>:<messageId>`), when the channel gives its id. */
export function sourceMessageOf(turn: Turn): string | null {
  const { chatId, messageId } = turn.message;
  return messageId ? `${chatId}:${messageId}` : null;
}

/** The file the message carries, kept as the report's evidence. */
function evidenceOf(turn: Turn): ReportEvidence | null {
  const file = turn.message.file;
  if (!file?.fileId) return null;
  return { fileId: file.fileId, kind: file.kind ?? 'document', size: file.size ?? null };
}

/** Returns the confirmation line (or the "already recorded" line for a duplicate). */
export async function recordAndConfirm(
  turn: Turn,
  task: TaskView,
  fields: ReportFields,
  key: string,
  masked: string[],
): Promise<string> {
  const officer = turn.officer!;
  const outcome = await recordReport(turn.db, {
    taskId: task.id,
    officerId: officer.id,
    ...fields,
    channel: turn.message.channel,
    platformMessageId: key,
    inboundMessageId: turn.inboundId,
    masked,
    at: turn.now,
    sourceMessage: sourceMessageOf(turn),
    evidence: evidenceOf(turn),
  });
  return outcome === 'duplicate'
    ? turn.m.alreadyRecorded(task.code)
    : turn.m.recorded(task.code, summaryOf(turn, fields));
}
