/**
 * Which reminders go out on a given Vietnam day. Pure and deterministic: the same input always
 * yields the same list, so a job may schedule a day again safely (deduplicate with {@link reminderKey}).
 *
 * Rules:
 * - Paused or 'done' tasks: nothing. A report dated today silences the task for today.
 * - Dated tasks (date/month/quarter/half_year/year with a due date), unless 'done_maintained':
 *   T-n reminders n calendar days before the due date (T0 on it). A reminder whose day is not a
 *   working day moves to the next working day, but never past the due date: when no working day is left
 *   up to the due date it moves back to the last working day before it (so a task due on mùng 1 Tết is
 *   reminded before the Tết break, never during it). Reminders landing on one day merge: the most urgent
 *   kind is kept.
 * - After the due date: an 'overdue' reminder on the first working day after it, then every
 *   `overdueEveryWorkingDays` working days; once `escalateAfter` overdue reminders have been sent,
 *   each further one also produces an 'escalation' (routed to other officers / the committee digest).
 * - Ongoing, roadmap and none tasks, 'done_maintained' tasks and dated kinds missing a due date:
 *   the monthly cycle only: reminders on `monthlyReminderDays`, moved like the T-n reminders but never
 *   past the monthly report date (`monthlyReportDay`).
 * - 'support-input' (for cooperating agencies): `supportInputDaysBefore` working days before each
 *   T-3, T0 and last-monthly-day reminder.
 * - Statuses 'blocked' and 'waiting_central' are reminded like any open task; pause the task to stop it.
 */
import { addDays, dateParts } from '../calendar/civil-date.ts';
import type { WorkCalendarConfig } from '../calendar/working-time.ts';
import {
  addWorkingDays,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
} from '../calendar/working-time.ts';
import type { ReminderPolicy } from './reminder-policy.ts';
import { assertValidPolicy } from './reminder-policy.ts';
import type { ReminderKind, ReminderTask, ScheduledReminder } from './reminder-types.ts';
import type { Lead } from './schedule.ts';
import { deadlineLeads, monthlyLeads, supportDay } from './schedule.ts';

/** Input of {@link scheduleRemindersForDay}. */
export interface ReminderDayInput {
  /** Vietnam date 'YYYY-MM-DD'. */
  today: string;
  tasks: ReminderTask[];
  policy: ReminderPolicy;
  calendar: WorkCalendarConfig;
}

/** Range of due dates whose dated tasks may get a before-due reminder today. */
export interface CandidateWindow {
  /** Inclusive; tasks due before `from` are overdue and must be loaded too (while not done or paused). */
  from: string;
  /** Inclusive. */
  to: string;
  /** Whether monthly-cycle tasks (ongoing, roadmap, none, done_maintained) can get a reminder today. */
  monthlyCycle: boolean;
}

const DATED_KINDS: ReadonlySet<string> = new Set(['date', 'month', 'quarter', 'half_year', 'year']);

const KIND_ORDER: readonly string[] = ['escalation', 'overdue', 'T0', 'monthly', 'support-input'];

/** All reminders to send on `input.today`, sorted by task code, task id, then kind. */
export function scheduleRemindersForDay(input: ReminderDayInput): ScheduledReminder[] {
  const { today, policy, calendar } = input;
  assertValidPolicy(policy);
  if (!isWorkingDay(today, calendar)) return [];
  const out = input.tasks.flatMap((t) => scheduleTaskReminders(t, today, policy, calendar));
  return out.sort(
    (a, b) =>
      cmp(a.code, b.code) ||
      cmp(a.taskId, b.taskId) ||
      kindRank(a.kind) - kindRank(b.kind) ||
      cmp(a.kind, b.kind),
  );
}

function scheduleTaskReminders(
  task: ReminderTask,
  today: string,
  policy: ReminderPolicy,
  cal: WorkCalendarConfig,
): ScheduledReminder[] {
  if (task.paused || task.status === 'done' || task.lastReportDate === today) return [];
  const base = { taskId: task.taskId, code: task.code };
  const due = datedDue(task);
  if (due === null) {
    const { year, month } = dateParts(today);
    const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
    const leads = [...monthlyLeads(year, month, policy, cal), ...monthlyLeads(next.y, next.m, policy, cal)];
    return fromLeads(leads, today, policy, cal).map((r) => ({ ...base, ...r }));
  }
  if (today <= due)
    return fromLeads(deadlineLeads(due, policy, cal), today, policy, cal).map((r) => ({ ...base, ...r }));

  const late = workingDaysBetween(due, today, cal);
  const every = policy.overdueEveryWorkingDays;
  if (late < 1 || (late - 1) % every !== 0) return [];
  const n = (late - 1) / every + 1;
  const out: ScheduledReminder[] = [
    {
      ...base,
      kind: 'overdue',
      dueDate: due,
      sendDate: today,
      reason: `overdue reminder #${n}: ${late} working day(s) past the due date ${due}`,
    },
  ];
  if (task.overdueRemindersSent >= policy.escalateAfter) {
    out.push({
      ...base,
      kind: 'escalation',
      dueDate: due,
      sendDate: today,
      reason: `${task.overdueRemindersSent} overdue reminder(s) already sent (escalate after ${policy.escalateAfter}); due ${due}`,
    });
  }
  return out;
}

/** The due date driving T-n/overdue reminders, or null when the task follows the monthly cycle. */
function datedDue(task: ReminderTask): string | null {
  if (task.status === 'done_maintained') return null;
  return DATED_KINDS.has(task.deadline.kind) ? task.deadline.due : null;
}

type Body = Pick<ScheduledReminder, 'kind' | 'dueDate' | 'sendDate' | 'reason'>;

function fromLeads(leads: Lead[], today: string, policy: ReminderPolicy, cal: WorkCalendarConfig): Body[] {
  const out: Body[] = [];
  let support: Body | null = null;
  for (const l of leads) {
    if (l.send === today) {
      const moved = l.send === l.nominal ? '' : ` (nominal ${l.nominal} is not a working day)`;
      const what = l.kind === 'monthly' ? 'monthly report' : 'due date';
      out.push({
        kind: l.kind,
        dueDate: l.due,
        sendDate: today,
        reason: `${l.kind}: ${what} ${l.due}${moved}`,
      });
    }
    if (l.wantsSupport && supportDay(l, policy, cal) === today) {
      // When two leads ask on one day, the later (more urgent) one is kept.
      support = {
        kind: 'support-input',
        dueDate: l.due,
        sendDate: today,
        reason: `input for the ${l.kind} reminder of ${l.send} (due ${l.due})`,
      };
    }
  }
  if (support) out.push(support);
  return out;
}

/**
 * The due dates that can produce a reminder today, so that a query loads only those tasks.
 * Tasks due before `from` (overdue) and, when `monthlyCycle` is true, undated tasks must be loaded too.
 * On a day that is not a working day nothing is planned, and `to` is the day before `from`.
 */
export function candidateDueDates(
  today: string,
  policy: ReminderPolicy,
  cal: WorkCalendarConfig,
): CandidateWindow {
  if (!isWorkingDay(today, cal)) return { from: today, to: addDays(today, -1), monthlyCycle: false };
  // A lead sent on day L is at most max(beforeDays) days before its due date, give or take the run of
  // days off after L (a reminder moves forward over them). The latest lead planned today is the one
  // whose support input is asked today.
  const lastLead = addWorkingDays(today, policy.supportInputDaysBefore, cal);
  const maxBefore = Math.max(0, ...policy.beforeDays);
  const to = addDays(nextWorkingDay(addDays(lastLead, 1), cal), maxBefore - 1);
  const { year, month } = dateParts(today);
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  const monthlyCycle = [
    ...monthlyLeads(year, month, policy, cal),
    ...monthlyLeads(next.y, next.m, policy, cal),
  ].some((l) => l.send === today || (l.wantsSupport && supportDay(l, policy, cal) === today));
  return { from: today, to, monthlyCycle };
}

/**
 * Cheap pre-filter: false means the task certainly gets no reminder today; true means it may.
 * Pass the day's {@link candidateDueDates} as `window` to avoid recomputing it per task.
 */
export function mayGetReminderToday(
  task: ReminderTask,
  today: string,
  policy: ReminderPolicy,
  cal: WorkCalendarConfig,
  window: CandidateWindow = candidateDueDates(today, policy, cal),
): boolean {
  if (task.paused || task.status === 'done' || task.lastReportDate === today) return false;
  if (window.to < window.from) return false;
  const due = datedDue(task);
  if (due === null) return window.monthlyCycle;
  return due <= window.to; // before `from`: overdue, may be due for an overdue reminder
}

/**
 * Idempotency key of one reminder to one officer: `rem-<taskId>-<officerId>-<kind>-<yyyymmdd>`,
 * where the day is the reminder's send date. Ids are escaped ('%', ':' and '-' become %XX) so the key
 * never contains ':' and distinct inputs never share a key.
 */
export function reminderKey(taskId: string, officerId: string, kind: ReminderKind, day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
    throw new RangeError(`not a date 'YYYY-MM-DD': ${JSON.stringify(day)}`);
  return `rem-${escapeId(taskId)}-${escapeId(officerId)}-${kind}-${day.replaceAll('-', '')}`;
}

function escapeId(id: string): string {
  return id.replace(/[%:-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function kindRank(kind: ReminderKind): number {
  const i = KIND_ORDER.indexOf(kind);
  if (i >= 0) return i;
  // T-n: smaller n first, after T0.
  return 2 + Number(kind.slice(2)) / 1000;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
