/**
 * Deadline categories and counts of a digest, computed from Vietnam calendar dates.
 */

import { vnDate } from '../calendar/working-time.ts';
import { daysUntil } from '../deadline/format-deadline.ts';
import { isDoneStatus, type ReportStatus } from '../reply/report-status.ts';
import type { DigestTask, DigestTotals } from './digest-input.ts';
import type { DeadlineTiming } from './digest-model.ts';

/**
 * Where a task stands against its effective deadline on `today` ('YYYY-MM-DD', Vietnam):
 * a done task is on time when it was done (Vietnam date of `doneAt`, else of its last report) on or
 * before the due date; a task not done is overdue when the due date is before today. Tasks without a
 * due date are `without_deadline`, done or not.
 */
export function deadlineTiming(task: DigestTask, today: string): DeadlineTiming {
  const due = task.deadline.due;
  if (due === null) return 'without_deadline';
  if (isDoneStatus(task.status)) {
    const doneAt = task.doneAt ?? task.lastReportAt;
    if (doneAt === null) return 'done_on_time';
    return vnDate(doneAt) <= due ? 'done_on_time' : 'done_late';
  }
  return daysUntil(due, today) < 0 ? 'overdue' : 'within_deadline';
}

/** Totals with every count at zero. */
export function emptyTotals(): DigestTotals {
  return {
    tasks: 0,
    done: 0,
    in_progress: 0,
    blocked: 0,
    waiting_central: 0,
    not_started: 0,
    overdue: 0,
    done_on_time: 0,
    done_late: 0,
    within_deadline: 0,
    without_deadline: 0,
  };
}

const STATUS_BUCKET: Record<ReportStatus, keyof DigestTotals> = {
  done: 'done',
  done_maintained: 'done',
  in_progress: 'in_progress',
  piloting: 'in_progress',
  blocked: 'blocked',
  waiting_central: 'waiting_central',
  not_started: 'not_started',
};

/** Adds one task of the given status and timing to `totals` (mutates and returns it). */
export function countTask(totals: DigestTotals, status: ReportStatus, timing: DeadlineTiming): DigestTotals {
  totals.tasks += 1;
  totals[STATUS_BUCKET[status]] += 1;
  totals[timing] += 1;
  return totals;
}

/** overdue / tasks, 0 when there are no tasks. */
export function overdueRate(totals: Pick<DigestTotals, 'overdue' | 'tasks'>): number {
  return totals.tasks === 0 ? 0 : totals.overdue / totals.tasks;
}
