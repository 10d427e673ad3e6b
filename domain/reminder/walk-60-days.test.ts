/**
 * A small plan walked day by day from 2025-01-10 for 60 days through Tết 2025 (official calendar:
 * 25/1-2/2 off, make-up Saturday 8/2). The expected list is complete: any extra or missing reminder fails.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/civil-date.ts';
import type { WorkCalendarConfig } from '../calendar/working-time.ts';
import { DEFAULT_WORK_CALENDAR } from '../calendar/working-time.ts';
import type { Deadline } from '../deadline/deadline.ts';
import type { ReportStatus } from '../reply/report-status.ts';
import { planRemindersForDay } from './plan-reminders.ts';
import { DEFAULT_REMINDER_POLICY } from './reminder-policy.ts';
import type { ReminderTask } from './reminder-types.ts';

const CAL: WorkCalendarConfig = {
  ...DEFAULT_WORK_CALENDAR,
  extraDaysOff: ['2025-01-27', '2025-05-02'],
  extraWorkingDays: ['2025-02-08', '2025-04-26'],
};

const dated = (due: string): Deadline => ({ raw: due, kind: 'date', due, start: null, recurring: false });
const undated = (kind: 'ongoing' | 'roadmap'): Deadline => ({
  raw: kind,
  kind,
  due: null,
  start: null,
  recurring: kind === 'ongoing',
});
const task = (
  code: string,
  deadline: Deadline,
  status: ReportStatus | null,
  paused = false,
): ReminderTask => ({
  taskId: `t${code}`,
  code,
  deadline,
  status,
  lastReportDate: null,
  paused,
  overdueRemindersSent: 0,
});

/** Reports officers send during the walk (in the morning, before the reminders go out). */
const REPORTS: Record<string, Array<[code: string, status: ReportStatus]>> = {
  '2025-01-23': [['A', 'in_progress']], // silences A's second overdue reminder
  '2025-02-03': [['C', 'done']],
  '2025-02-06': [['B', 'done']],
  '2025-02-10': [['A', 'done']],
};

const EXPECTED: Array<[date: string, code: string, kind: string]> = [
  ['2025-01-10', 'A', 'support-input'], // before A's T-3 of 15/1
  ['2025-01-10', 'D', 'monthly'],
  ['2025-01-10', 'E', 'monthly'],
  ['2025-01-13', 'A', 'T-7'], // 11/1 is a Saturday
  ['2025-01-14', 'A', 'support-input'], // before A's T0 of 17/1
  ['2025-01-14', 'D', 'monthly'],
  ['2025-01-14', 'E', 'monthly'],
  ['2025-01-15', 'A', 'T-3'],
  ['2025-01-15', 'C', 'T-14'],
  ['2025-01-17', 'A', 'T0'], // due Saturday 18/1: T-1 and T0 merge on Friday
  ['2025-01-20', 'A', 'overdue'],
  ['2025-01-21', 'C', 'support-input'], // before C's T0 of 24/1
  ['2025-01-22', 'B', 'T-14'],
  ['2025-01-22', 'B', 'support-input'], // before B's T-3 of 3/2
  ['2025-01-22', 'C', 'T-7'],
  ['2025-01-24', 'B', 'support-input'], // before B's T0 of 5/2
  ['2025-01-24', 'C', 'T0'], // due mùng 1 Tết: T-3, T-1, T0 all before the break
  ['2025-02-03', 'B', 'T-3'], // T-7 (29/1) and T-3 (2/2) both move to 3/2; T-3 is kept
  ['2025-02-04', 'A', 'overdue'],
  ['2025-02-04', 'B', 'T-1'],
  ['2025-02-05', 'B', 'T0'],
  ['2025-02-07', 'A', 'escalation'],
  ['2025-02-07', 'A', 'overdue'],
  ['2025-02-10', 'D', 'monthly'],
  ['2025-02-10', 'E', 'monthly'],
  ['2025-02-11', 'D', 'support-input'], // before the monthly reminder of 14/2
  ['2025-02-11', 'E', 'support-input'],
  ['2025-02-14', 'D', 'monthly'],
  ['2025-02-14', 'E', 'monthly'],
  ['2025-03-10', 'D', 'monthly'],
  ['2025-03-10', 'E', 'monthly'],
];

function walk(): Array<[string, string, string]> {
  const tasks = new Map<string, ReminderTask>([
    ['A', task('A', dated('2025-01-18'), 'in_progress')], // due on a Saturday
    ['B', task('B', dated('2025-02-05'), 'not_started')], // due just after Tết
    ['C', task('C', dated('2025-01-29'), 'in_progress')], // due on mùng 1 Tết
    ['D', task('D', undated('ongoing'), 'in_progress')],
    ['E', task('E', undated('roadmap'), null)],
    ['F', task('F', dated('2025-02-20'), 'done')],
    ['G', task('G', dated('2025-01-20'), 'in_progress', true)],
  ]);
  const seen: Array<[string, string, string]> = [];
  for (let i = 0, day = '2025-01-10'; i < 60; i++, day = addDays(day, 1)) {
    for (const [code, status] of REPORTS[day] ?? []) {
      const t = tasks.get(code)!;
      tasks.set(code, { ...t, status, lastReportDate: day });
    }
    const input = { today: day, tasks: [...tasks.values()], policy: DEFAULT_REMINDER_POLICY, calendar: CAL };
    const planned = planRemindersForDay(input);
    expect(planRemindersForDay(input)).toEqual(planned); // re-planning a day changes nothing
    for (const r of planned) {
      expect(r.sendDate).toBe(day);
      seen.push([day, r.code, r.kind]);
      if (r.kind === 'overdue') {
        const t = tasks.get(r.code)!;
        tasks.set(r.code, { ...t, overdueRemindersSent: t.overdueRemindersSent + 1 });
      }
    }
  }
  return seen;
}

describe('60-day walk through Tết 2025', () => {
  it('GIVEN the plan and the reports THEN exactly the expected reminders go out', () => {
    expect(walk()).toEqual(EXPECTED);
  });
});
