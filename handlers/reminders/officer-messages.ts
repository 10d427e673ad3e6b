/**
 * The day's reminders of each officer as one message: one block per task (the most urgent kind when a
 * task has two, e.g. overdue and escalation), in the officer's language, with the support input the
 * cooperating agencies sent shown to the lead agency. Early reminders only (T-7 and earlier) go silent.
 */
import { type LocaleCode, t } from '../../locales/index.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { tasksByIds } from '../../store/tasks.ts';
import type { OutgoingMessage } from '../channel.ts';
import { composeReminder, type ReminderItem } from './compose-reminder.ts';
import type { DayReminders, RoutedReminder } from './route-day-reminders.ts';
import { collectSupportInput, supportInputLines } from './support-input.ts';

export interface OfficerMessage {
  officerId: number;
  message: OutgoingMessage;
  taskIds: number[];
}

/** Urgency of a kind inside one task's block (lower first). */
function rank(kind: string): number {
  const fixed: Record<string, number> = { escalation: 0, overdue: 1, T0: 2, monthly: 4, 'support-input': 5 };
  return fixed[kind] ?? 3 + Number(kind.slice(2)) / 1000;
}

/** T-n with n ≥ 7: far enough ahead to arrive without a notification sound. */
function isEarly(kind: string): boolean {
  return /^T-\d+$/u.test(kind) && Number(kind.slice(2)) >= 7;
}

export async function buildOfficerMessages(
  db: PrismaClient,
  input: {
    dayReminders: DayReminders;
    reminders: ReadonlyArray<RoutedReminder & { officerId: number }>;
    at: Date;
    monthlyReportDay: (planId: number) => number;
  },
): Promise<OfficerMessage[]> {
  const { dayReminders, reminders } = input;
  if (reminders.length === 0) return [];
  const tasks = new Map(
    (await tasksByIds(db, [...new Set(reminders.map((r) => r.taskId))])).map((x) => [x.id, x]),
  );
  const leadTasks = new Set(reminders.filter((r) => r.kind !== 'support-input').map((r) => r.taskId));
  const support = await collectSupportInput(db, {
    day: dayReminders.day,
    at: input.at,
    supportHolders: new Map([...dayReminders.supportHolders].filter(([id]) => leadTasks.has(id))),
    holderOf: dayReminders.holderOf,
  });

  const byOfficer = new Map<number, Array<RoutedReminder & { officerId: number }>>();
  for (const r of reminders) byOfficer.set(r.officerId, [...(byOfficer.get(r.officerId) ?? []), r]);

  const out: OfficerMessage[] = [];
  for (const [officerId, own] of byOfficer) {
    const locale: LocaleCode = own[0]?.officerLocale ?? 'vi';
    const m = t(locale);
    const perTask = new Map<number, RoutedReminder>();
    for (const r of own) {
      const prev = perTask.get(r.taskId);
      if (!prev || rank(r.kind) < rank(prev.kind)) perTask.set(r.taskId, r);
    }
    const items: ReminderItem[] = [];
    for (const r of perTask.values()) {
      const task = tasks.get(r.taskId);
      if (!task) continue;
      const input = r.kind === 'support-input' ? [] : supportInputLines(support.get(r.taskId) ?? [], m);
      items.push({
        task,
        kind: r.kind,
        ...(r.kind === 'support-input' ? { leadName: task.lead.map((a) => a.name).join(', ') } : {}),
        ...(input.length > 0 ? { supportInput: input } : {}),
      });
    }
    if (items.length === 0) continue;
    const { taskIds, ...message } = composeReminder(items, {
      locale,
      today: dayReminders.day,
      monthlyReportDay: input.monthlyReportDay(own[0]?.planId ?? 0),
      silent: items.every((i) => isEarly(i.kind)),
    });
    out.push({ officerId, message, taskIds });
  }
  return out;
}
