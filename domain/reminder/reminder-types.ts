/**
 * Shapes shared by the reminder planner and its callers.
 */
import type { Deadline } from '../deadline/deadline.ts';
import type { ReportStatus } from '../reply/report-status.ts';

/** 'T0' on the due date, 'T-<n>' n calendar days before it (the default policy gives T-14, T-7, T-3, T-1). */
export type BeforeKind = 'T0' | `T-${number}`;

/** What a planned reminder is about. 'support-input' goes to cooperating agencies, 'escalation' to other officers and the committee digest; all other kinds go to the lead officer. */
export type ReminderKind = BeforeKind | 'overdue' | 'escalation' | 'monthly' | 'support-input';

/** A task as the planner sees it. */
export interface ReminderTask {
  taskId: string;
  /** Task code in the plan (e.g. '1.2.3'), for messages and ordering. */
  code: string;
  /** Effective deadline, after approved extensions. */
  deadline: Deadline;
  status: ReportStatus | null;
  /** Vietnam date of the latest report, 'YYYY-MM-DD'. */
  lastReportDate: string | null;
  paused: boolean;
  /**
   * 'overdue' reminders already sent for the current deadline on days BEFORE the planning day
   * (the caller must not count today's, so that planning twice on one day gives the same answer).
   */
  overdueRemindersSent: number;
}

/** One reminder to send on `sendDate`. */
export interface PlannedReminder {
  taskId: string;
  code: string;
  kind: ReminderKind;
  /** The due date the reminder is about: the task's due date, or the monthly report date. */
  dueDate: string | null;
  /** Vietnam date, always a working day. */
  sendDate: string;
  /** Short English explanation, for logs and audit. */
  reason: string;
}
