/**
 * Writes a report back as the short line an officer would type, e.g. "#12 đang 60% đã lắp 5/7 camera".
 * Used for suggestions when a reply cannot be read, and for confirmations.
 */
import { isDoneStatus, type ReportStatus } from './report-status.ts';

/** The word the bot writes for each status; every one of them is read back by the parser. */
export const STATUS_REPLY_WORD: Record<ReportStatus, string> = {
  not_started: 'chưa triển khai',
  in_progress: 'đang',
  piloting: 'thí điểm',
  done: 'xong',
  done_maintained: 'xong, duy trì',
  blocked: 'vướng',
  waiting_central: 'chờ TW',
};

/** The fields of a report that a reply line carries. */
export interface ReplyLineFields {
  taskCode: string | null;
  status: ReportStatus | null;
  progress: number | null;
  result: string | null;
  blocker: string | null;
}

/**
 * The canonical reply line for a report: `#code status progress% result, vướng: blocker`.
 * A progress implied by the status (100% for done, 0% for not started) is left out. A blocked report
 * is written with the result first ("60% đã lắp 5/7 camera, vướng: thiếu thiết bị"), so that the
 * result is not read as part of the blocker.
 */
export function formatStatusReply(report: ReplyLineFields): string {
  const parts: string[] = [];
  if (report.taskCode !== null) parts.push(`#${report.taskCode}`);
  const impliedProgress =
    (isDoneStatus(report.status) && report.progress === 100) ||
    (report.status === 'not_started' && report.progress === 0);
  const progress = report.progress !== null && !impliedProgress ? `${report.progress}%` : null;
  if (report.status === 'blocked') {
    if (progress) parts.push(progress);
    if (report.result) parts.push(`${report.result},`);
    parts.push(report.blocker ? `vướng: ${report.blocker}` : 'vướng');
    return parts.join(' ');
  }
  if (report.status !== null) parts.push(STATUS_REPLY_WORD[report.status]);
  if (progress) parts.push(progress);
  if (report.result) parts.push(report.result);
  let line = parts.join(' ');
  if (report.blocker) line += `, vướng: ${report.blocker}`;
  return line;
}
