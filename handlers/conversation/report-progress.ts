/**
 * A typed status report: "xong", "#12 đang 60% đã lắp 5/7 camera", "/baocao 12 vướng: chưa có kinh phí",
 * several lines at once. Nothing is recorded until every line is clear and every task is the officer's.
 */
import { parseStatusReply } from '../../domain/reply/parse-status-reply.ts';
import {
  agenciesRepresentedBy,
  isResponsible,
  type TaskView,
  tasksByIds,
  tasksForAgencies,
} from '../../store/tasks.ts';
import { type ReportFields, recordAndConfirm } from './record-and-confirm.ts';
import { resolveTask, unresolvedText } from './resolve-task.ts';
import { maskTyped, type Turn } from './turn.ts';

/** The task a message without a code is about: the reminder replied to, or the officer's only task. */
async function implicitTask(turn: Turn, contextIds: number[]): Promise<TaskView | null> {
  const agencyIds = await turn.remember('agencies', () =>
    agenciesRepresentedBy(turn.db, turn.officer!.agencyId),
  );
  const inContext = (await tasksByIds(turn.db, contextIds)).filter((t) => isResponsible(t, agencyIds));
  if (inContext.length === 1) return inContext[0]!;
  if (contextIds.length > 0) return null;
  const open = (await tasksForAgencies(turn.db, agencyIds)).filter((t) => t.status !== 'done');
  return open.length === 1 ? open[0]! : null;
}

export async function reportProgress(
  turn: Turn,
  text: string,
  contextIds: number[],
  fixed?: Partial<ReportFields>,
): Promise<'processed' | 'rejected'> {
  const { text: safeText, masked } = maskTyped(turn.message, text);
  // Most replies name their task ("#12 xong"): read them first without looking up the officer's tasks,
  // and only when a line names none, find the task it must be about and read again in that context.
  let implicit: TaskView | null = null;
  let parsed = parseStatusReply(safeText, { replyToTaskCode: null });
  const needsContext = parsed.ok
    ? parsed.reports.some((r) => r.taskCode === null)
    : parsed.problems.some((p) => p.code === 'no-task') || contextIds.length > 0;
  if (needsContext) {
    implicit = await implicitTask(turn, contextIds);
    if (implicit) parsed = parseStatusReply(safeText, { replyToTaskCode: implicit.code });
  }
  const m = turn.m;
  if (!parsed.ok) {
    const lines = parsed.problems.map((p) =>
      m.replyProblemLine(p.line, m.replyProblem[p.code], p.suggestion),
    );
    await turn.reply([m.replyProblemIntro, ...lines].join('\n'));
    return 'rejected';
  }
  const resolved: Array<{ task: TaskView; fields: ReportFields }> = [];
  for (const report of parsed.reports) {
    const code = report.taskCode ?? implicit?.code;
    if (!code) {
      await turn.reply(
        [
          m.replyProblemIntro,
          m.replyProblemLine(report.line, m.replyProblem['no-task'], `#<mã> ${safeText}`),
        ].join('\n'),
      );
      return 'rejected';
    }
    const found =
      implicit && report.taskCode === null
        ? { ok: true as const, task: implicit }
        : await resolveTask(turn, code, contextIds);
    if (!found.ok) {
      await turn.reply(unresolvedText(turn, found));
      return 'rejected';
    }
    resolved.push({
      task: found.task,
      fields: {
        status: fixed?.status ?? report.status ?? found.task.status,
        progress: report.progress ?? fixed?.progress ?? null,
        result: report.result,
        blocker: report.blocker ?? fixed?.blocker ?? null,
      },
    });
  }
  const lines: string[] = [];
  for (const [index, item] of resolved.entries()) {
    lines.push(
      await recordAndConfirm(turn, item.task, item.fields, `${turn.message.platformId}#${index}`, masked),
    );
  }
  if (masked.length > 0) lines.push(m.masked([...new Set(masked)].map((k) => m.maskedKinds[k]).join(', ')));
  await turn.reply(lines.join('\n'));
  return 'processed';
}
