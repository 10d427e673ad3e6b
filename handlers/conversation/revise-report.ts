/**
 * An edited message (Telegram `edited_message`): the officer fixed what they wrote ("30%" → "50%"). The
 * edited text is read as a report again; when it is valid, the reports the original message made are
 * replaced (kept as superseded history) and the officer is told. An edit that is not a valid report
 * changes nothing and is explained like any unclear reply.
 */
import { supersedeReportsOf } from '../../store/reports.ts';
import { sourceMessageOf } from './record-and-confirm.ts';
import { reportProgress } from './report-progress.ts';
import type { Turn } from './turn.ts';

/** Re-reads an edited message as a report and replaces what its original recorded. */
export async function reviseReport(turn: Turn, text: string): Promise<'processed' | 'rejected'> {
  const outcome = await reportProgress(turn, text, await turn.contextTaskIds());
  const sourceMessage = sourceMessageOf(turn);
  if (outcome !== 'processed' || sourceMessage === null) return outcome;
  const replaced = await supersedeReportsOf(turn.db, {
    channel: turn.message.channel,
    sourceMessage,
    keepInboundId: turn.inboundId,
    at: turn.now,
  });
  await turn.reply(replaced > 0 ? turn.m.editApplied : turn.m.editNothingBefore);
  return 'processed';
}
