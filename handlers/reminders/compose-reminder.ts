/**
 * One reminder message for one officer: every task due for a reminder today, grouped (at most one
 * message per officer per day), overdue first, each with its deadline, days left or overdue, last
 * reported status, and a row of report buttons.
 */
import { daysUntil, formatDeadline } from '../../domain/deadline/format-deadline.ts';
import type { LocaleCode } from '../../locales/index.ts';
import { t } from '../../locales/index.ts';
import type { TaskView } from '../../store/tasks.ts';
import type { OutgoingMessage } from '../channel.ts';
import { lastStatusOf, reportButtons, timingOf } from '../conversation/format-task.ts';

export type ReminderKindName = string; // 'T-14' | 'T-7' | ... | 'overdue' | 'escalation' | 'monthly' | 'support-input'

export interface ReminderItem {
  task: TaskView;
  kind: ReminderKindName;
  /** For support-input requests: the lead agency the input is for. */
  leadName?: string;
  /** Input already collected from cooperating agencies, shown to the lead agency. */
  supportInput?: string[];
}

function kindLine(item: ReminderItem, today: string, locale: LocaleCode, monthlyDay: number): string {
  const k = t(locale).reminderKind;
  const due = item.task.deadline.due;
  const days = due ? daysUntil(due, today) : 0;
  if (item.kind === 'overdue') return k.overdue(-days);
  if (item.kind === 'escalation') return k.escalation(-days);
  if (item.kind === 'monthly') return k.monthly(monthlyDay);
  if (item.kind === 'support-input') return k.supportInput(item.leadName ?? '');
  // A T0 reminder moved before a due date that is not a working day still counts the days left.
  if (item.kind === 'T0' && days <= 0) return k.dueToday;
  return k.before(Math.max(days, 0));
}

const URGENCY: Record<string, number> = { escalation: 0, overdue: 1, T0: 2 };

export function composeReminder(
  items: readonly ReminderItem[],
  options: { locale: LocaleCode; today: string; monthlyReportDay?: number; silent?: boolean },
): OutgoingMessage & { taskIds: number[] } {
  const m = t(options.locale);
  const sorted = [...items].sort(
    (a, b) =>
      (URGENCY[a.kind] ?? 3) - (URGENCY[b.kind] ?? 3) ||
      (a.task.deadline.due ?? '9999').localeCompare(b.task.deadline.due ?? '9999') ||
      a.task.code.localeCompare(b.task.code, 'vi', { numeric: true }),
  );
  const blocks = sorted.map((item) => {
    const timing = timingOf(item.task, options.today, m);
    const lines = [
      `#${item.task.code} ${item.task.title}`,
      `   ${kindLine(item, options.today, options.locale, options.monthlyReportDay ?? 15)}`,
      `   ${formatDeadline(item.task.deadline, options.locale)}${timing ? ` (${timing})` : ''} · ${lastStatusOf(item.task, m)}`,
    ];
    for (const input of item.supportInput ?? []) lines.push(`   ↳ ${input}`);
    return lines.join('\n');
  });
  const multiple = sorted.length > 1;
  return {
    text: [m.reminderHeader(sorted.length), ...blocks, m.reminderFooter].join('\n\n'),
    buttons: sorted.flatMap((item) => reportButtons(item.task.code, m, multiple)),
    ...(options.silent ? { silent: true } : {}),
    taskIds: sorted.map((item) => item.task.id),
  };
}
