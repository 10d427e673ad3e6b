/**
 * The answer to a question the bot asked after a button press ("tiến độ bao nhiêu %?", "vướng mắc gì?").
 * A percentage (with optional result text) completes an in-progress report; any text is the blocker of
 * a blocked one; a full status reply ("xong") is read as such for that task.
 */
import { parseStatusReply } from '../../domain/reply/parse-status-reply.ts';
import { finishPending, type PendingReport } from './press-button.ts';
import { reportProgress } from './report-progress.ts';
import { maskTyped, type Turn } from './turn.ts';

const SKIP = /^(bo qua|bỏ qua|skip|khong|không|ko)$/iu;

export async function answerPending(
  turn: Turn,
  pending: PendingReport,
  text: string,
): Promise<'processed' | 'rejected'> {
  const trimmed = text.trim();
  if (SKIP.test(trimmed))
    return finishPending(turn, pending, { progress: null, blocker: null, result: null });
  const { text: safe, masked } = maskTyped(turn.message, trimmed);
  if (pending.ask === 'blocker') {
    return finishPending(turn, pending, { progress: null, blocker: safe, result: null }, masked);
  }
  // Asked for a percentage: a leading number is the progress and the rest the result ("70 đã chạy thử").
  const figure = /^(\d{1,3})\s*%?(?:\s*[,.:;–-])?\s*([\s\S]*)$/u.exec(safe);
  if (figure && Number(figure[1]) <= 100) {
    const result = figure[2]?.trim() || null;
    return finishPending(turn, pending, { progress: Number(figure[1]), blocker: null, result }, masked);
  }
  const parsed = parseStatusReply(safe, { replyToTaskCode: pending.code });
  const only = parsed.ok && parsed.reports.length === 1 ? parsed.reports[0] : undefined;
  if (only && (only.taskCode === null || only.taskCode === pending.code) && only.status === 'in_progress') {
    return finishPending(
      turn,
      pending,
      { progress: only.progress, blocker: only.blocker, result: only.result },
      masked,
    );
  }
  // Anything else is an ordinary report about the same task.
  return reportProgress(turn, trimmed, [pending.taskId], { status: pending.status });
}
