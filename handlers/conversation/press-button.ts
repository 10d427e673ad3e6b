/**
 * Report buttons ("#12 xong", "#12 dang", "#12 vuong", "#12 cho", "#12 tiendo", "#12 boqua"). Telegram
 * sends them as callback data, Zalo as an ordinary text (query buttons), so both arrive here.
 * Done and waiting-for-central-guidance are recorded at once; in-progress asks for the percentage and
 * blocked for the reason, each with a Skip button. The same button under the same message records once.
 */
import { z } from 'zod';
import { REPORT_STATUSES } from '../../domain/reply/report-status.ts';
import { setConversation, takeConversation } from '../../store/conversations.ts';
import { type TaskView, tasksByIds } from '../../store/tasks.ts';
import { type ReportFields, recordAndConfirm } from './record-and-confirm.ts';
import { resolveTask, unresolvedText } from './resolve-task.ts';
import type { Turn } from './turn.ts';

export const BUTTON_PAYLOAD = /^#(\S{1,20})\s+(xong|dang|vuong|cho|tiendo|boqua)$/u;
export const PENDING_KIND = 'pending-report';
const PENDING_MINUTES = 30;

/** A report started by a button, waiting for the percentage or the blocker it asked for. */
export const pendingReportSchema = z.object({
  taskId: z.number().int().positive(),
  code: z.string(),
  status: z.enum(REPORT_STATUSES),
  ask: z.enum(['progress', 'blocker']),
  key: z.string(),
});
export type PendingReport = z.infer<typeof pendingReportSchema>;

function buttonKey(turn: Turn, action: string, taskId: number): string {
  const under = turn.message.replyToMessageId ?? turn.today;
  return `button-${turn.message.chatId}-${under}-${taskId}-${action}`;
}

export async function pressButton(
  turn: Turn,
  payload: string,
  contextIds: number[],
): Promise<'processed' | 'rejected'> {
  const match = BUTTON_PAYLOAD.exec(payload.trim());
  if (!match) return 'rejected';
  const [, code, action] = match as unknown as [string, string, string];
  const chat = turn.conversationKey(PENDING_KIND);
  if (action === 'boqua') {
    const pending = await takeConversation(turn.db, chat, turn.now, pendingReportSchema);
    if (!pending) {
      await turn.reply(turn.m.skipped);
      return 'processed';
    }
    return finishPending(turn, pending, { progress: null, blocker: null, result: null });
  }
  const found = await resolveTask(turn, code, contextIds);
  if (!found.ok) {
    await turn.reply(unresolvedText(turn, found));
    return 'rejected';
  }
  const task = found.task;
  const key = buttonKey(turn, action, task.id);
  if (action === 'xong' || action === 'cho') {
    const status = action === 'xong' ? 'done' : 'waiting_central';
    const fields = {
      status,
      progress: action === 'xong' ? 100 : task.progress,
      result: null,
      blocker: null,
    } as const;
    await turn.reply(await recordAndConfirm(turn, task, fields, key, []));
    return 'processed';
  }
  const status =
    action === 'vuong'
      ? 'blocked'
      : action === 'tiendo' && task.status === 'piloting'
        ? 'piloting'
        : 'in_progress';
  const ask = action === 'vuong' ? 'blocker' : 'progress';
  const pending: PendingReport = { taskId: task.id, code: task.code, status, ask, key };
  await setConversation(
    turn.db,
    chat,
    { ...pending },
    new Date(turn.now.getTime() + PENDING_MINUTES * 60_000),
  );
  await askFor(turn, task, ask);
  return 'processed';
}

async function askFor(turn: Turn, task: TaskView, ask: 'progress' | 'blocker'): Promise<void> {
  const text = ask === 'progress' ? turn.m.askProgress(task.code) : turn.m.askBlocker(task.code);
  await turn.reply(text, {
    buttons: [[{ label: turn.m.buttons.skip, payload: `#${task.code} boqua` }]],
    taskIds: [task.id],
  });
}

/** Completes a pending button report with what the officer answered (or nothing, on Skip). */
export async function finishPending(
  turn: Turn,
  pending: PendingReport,
  answer: { progress: number | null; blocker: string | null; result: string | null },
  masked: string[] = [],
): Promise<'processed'> {
  const tasks = await tasksByIds(turn.db, [pending.taskId]);
  const task = tasks[0];
  if (!task) {
    await turn.reply(turn.m.unknownTask(pending.code));
    return 'processed';
  }
  const fields: ReportFields = {
    status: pending.status,
    progress: answer.progress,
    result: answer.result,
    blocker: answer.blocker,
  };
  await turn.reply(await recordAndConfirm(turn, task, fields, pending.key, masked));
  return 'processed';
}
