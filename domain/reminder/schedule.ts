/**
 * Where the lead reminders of one due date (or of one monthly report) fall on the working calendar.
 * Internal building blocks of `schedule-reminders-for-day.ts`.
 */
import { addDays, civilDate, daysInMonth } from '../calendar/civil-date.ts';
import type { WorkCalendarConfig } from '../calendar/working-time.ts';
import { addWorkingDays, nextWorkingDay, previousWorkingDay } from '../calendar/working-time.ts';
import type { ReminderPolicy } from './reminder-policy.ts';
import type { BeforeKind } from './reminder-types.ts';

/** A lead-officer reminder placed on the calendar. */
export interface Lead {
  kind: BeforeKind | 'monthly';
  /** The day the rule names (may be a day off). */
  nominal: string;
  /** The working day it is sent. */
  send: string;
  /** The due date (task due date or monthly report date). */
  due: string;
  /** Whether cooperating agencies are asked for input before it. */
  wantsSupport: boolean;
}

/**
 * The working day for a reminder nominally on `nominal` that must not go past `limit`:
 * the next working day from `nominal`, or, when there is none up to `limit`, the last working day before.
 */
export function sendDayNotAfter(nominal: string, limit: string, cal: WorkCalendarConfig): string {
  const next = nextWorkingDay(nominal, cal);
  return next <= limit ? next : previousWorkingDay(limit, cal);
}

/**
 * Keeps one lead per send day: the last one given wins (callers pass the most urgent last) and
 * asks for support input when any lead merged into it did.
 */
function onePerDay(leads: Lead[]): Lead[] {
  const byDay = new Map<string, Lead>();
  for (const l of leads) {
    const prev = byDay.get(l.send);
    byDay.set(l.send, prev?.wantsSupport ? { ...l, wantsSupport: true } : l);
  }
  return [...byDay.values()].sort((a, b) => (a.send < b.send ? -1 : 1));
}

/** T-n ... T0 reminders of a due date, at most one per day (the most urgent kind wins). */
export function deadlineLeads(due: string, policy: ReminderPolicy, cal: WorkCalendarConfig): Lead[] {
  const ks = [...new Set(policy.beforeDays)].sort((a, b) => b - a);
  return onePerDay(
    ks.map((k) => {
      const nominal = addDays(due, -k);
      const kind: BeforeKind = k === 0 ? 'T0' : `T-${k}`;
      return {
        kind,
        nominal,
        send: sendDayNotAfter(nominal, due, cal),
        due,
        wantsSupport: k === 0 || k === 3,
      };
    }),
  );
}

/** Monthly report date of a month: `monthlyReportDay`, or the month's last day if shorter. */
export function monthlyReportDate(year: number, month: number, policy: ReminderPolicy): string {
  return civilDate(year, month, Math.min(policy.monthlyReportDay, daysInMonth(year, month)));
}

/** Monthly-cycle reminders of one month; the last reminder day asks for support input. */
export function monthlyLeads(
  year: number,
  month: number,
  policy: ReminderPolicy,
  cal: WorkCalendarConfig,
): Lead[] {
  const report = monthlyReportDate(year, month, policy);
  const days = [...new Set(policy.monthlyReminderDays)].sort((a, b) => a - b);
  const last = days[days.length - 1];
  return onePerDay(
    days.map((d) => {
      const nominal = civilDate(year, month, Math.min(d, daysInMonth(year, month)));
      return {
        kind: 'monthly' as const,
        nominal,
        send: sendDayNotAfter(nominal, report, cal),
        due: report,
        wantsSupport: d === last,
      };
    }),
  );
}

/** Day cooperating agencies are asked for input before `lead`. */
export function supportDay(lead: Lead, policy: ReminderPolicy, cal: WorkCalendarConfig): string {
  return addWorkingDays(lead.send, -policy.supportInputDaysBefore, cal);
}
