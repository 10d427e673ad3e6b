/** How a task reads in chat: code, title, deadline with days left or overdue, and the last status. */

import { vnDate } from '../../domain/calendar/working-time.ts';
import { daysUntil, formatDeadline } from '../../domain/deadline/format-deadline.ts';
import { isDoneStatus } from '../../domain/reply/report-status.ts';
import type { LocaleCode, Messages } from '../../locales/index.ts';
import type { TaskView } from '../../store/tasks.ts';

const DATED = new Set(['date', 'month', 'quarter', 'half_year', 'year']);

export function timingOf(task: TaskView, today: string, m: Messages): string {
  if (!task.deadline.due || !DATED.has(task.deadline.kind)) return '';
  if (isDoneStatus(task.status)) return '';
  const days = daysUntil(task.deadline.due, today);
  return days < 0 ? m.daysOverdue(-days) : m.daysLeft(days);
}

export function lastStatusOf(task: TaskView, m: Messages): string {
  if (!task.lastReportAt) return `${m.statusLabels[task.status]} · ${m.noReportYet}`;
  return m.lastReport(m.statusLabels[task.status], task.progress, m.dateFormat(vnDate(task.lastReportAt)));
}

export function taskLine(task: TaskView, today: string, m: Messages, locale: LocaleCode): string {
  return m.taskLine(
    task.code,
    task.title,
    formatDeadline(task.deadline, locale),
    lastStatusOf(task, m),
    timingOf(task, today, m),
  );
}

/** Report buttons for one task; payloads are in the reply grammar so Zalo query buttons work too. */
export function reportButtons(code: string, m: Messages, withCode: boolean) {
  const label = (text: string) => (withCode ? `#${code} ${text}` : text);
  return [
    [
      { label: label(m.buttons.done), payload: `#${code} xong` },
      { label: label(m.buttons.inProgress), payload: `#${code} dang` },
      { label: label(m.buttons.blocked), payload: `#${code} vuong` },
    ],
    [
      { label: label(m.buttons.waitingCentral), payload: `#${code} cho` },
      { label: label(m.buttons.progress), payload: `#${code} tiendo` },
    ],
  ];
}
