import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, toDayNumber } from '../calendar/civil-date.ts';
import type { WorkCalendarConfig } from '../calendar/working-time.ts';
import { DEFAULT_WORK_CALENDAR, isWorkingDay } from '../calendar/working-time.ts';
import type { Deadline } from '../deadline/deadline.ts';
import type { ReminderPolicy } from './reminder-policy.ts';
import { DEFAULT_REMINDER_POLICY } from './reminder-policy.ts';
import type { ReminderTask } from './reminder-types.ts';
import {
  candidateDueDates,
  mayGetReminderToday,
  reminderKey,
  scheduleRemindersForDay,
} from './schedule-reminders-for-day.ts';

const LAW: WorkCalendarConfig = DEFAULT_WORK_CALENDAR;
const OFFICIAL_2025: WorkCalendarConfig = {
  ...DEFAULT_WORK_CALENDAR,
  extraDaysOff: ['2025-01-27', '2025-05-02'],
  extraWorkingDays: ['2025-02-08', '2025-04-26'],
};
const P = DEFAULT_REMINDER_POLICY;

const deadline = (kind: Deadline['kind'], due: string | null): Deadline => ({
  raw: String(due),
  kind,
  due,
  start: null,
  recurring: false,
});
const task = (over: Partial<ReminderTask> = {}): ReminderTask => ({
  taskId: 'task1',
  code: '1.1',
  deadline: deadline('date', '2025-03-20'),
  status: 'in_progress',
  lastReportDate: null,
  paused: false,
  overdueRemindersSent: 0,
  ...over,
});
const kinds = (
  today: string,
  t: ReminderTask,
  policy: ReminderPolicy = P,
  cal: WorkCalendarConfig = LAW,
): string[] => scheduleRemindersForDay({ today, tasks: [t], policy, calendar: cal }).map((r) => r.kind);

describe('scheduleRemindersForDay, one task on one day', () => {
  it.each([
    ['T-14 on a plain Thursday', '2025-03-06', task(), ['T-14']],
    ['T-7 on a Thursday', '2025-03-13', task(), ['T-7']],
    ['support input 3 working days before T-3', '2025-03-12', task(), ['support-input']],
    ['T0 and support for nothing else', '2025-03-20', task(), ['T0']],
    ['a day with nothing', '2025-03-07', task(), []],
    ['paused task', '2025-03-20', task({ paused: true }), []],
    ['done task', '2025-03-20', task({ status: 'done' }), []],
    ['report dated today', '2025-03-20', task({ lastReportDate: '2025-03-20' }), []],
    ['report dated yesterday', '2025-03-20', task({ lastReportDate: '2025-03-19' }), ['T0']],
    ['weekend day', '2025-03-08', task({ deadline: deadline('date', '2025-03-22') }), []],
    ['month kind counts as dated', '2025-03-31', task({ deadline: deadline('month', '2025-03-31') }), ['T0']],
    ['first working day after the due date', '2025-03-21', task(), ['overdue']],
    ['second overdue day (not a multiple)', '2025-03-24', task({ overdueRemindersSent: 1 }), []],
    ['4th working day late', '2025-03-26', task({ overdueRemindersSent: 1 }), ['overdue']],
    ['escalation after two', '2025-03-31', task({ overdueRemindersSent: 2 }), ['escalation', 'overdue']],
    ['done_maintained dated task: monthly only', '2025-03-20', task({ status: 'done_maintained' }), []],
    ['done_maintained on the 10th', '2025-03-10', task({ status: 'done_maintained' }), ['monthly']],
    ['ongoing on the 14th', '2025-03-14', task({ deadline: deadline('ongoing', null) }), ['monthly']],
    [
      'none kind on the 11th (support)',
      '2025-03-11',
      task({ deadline: deadline('none', null) }),
      ['support-input'],
    ],
    [
      'dated kind without a due date',
      '2025-03-10',
      task({ deadline: deadline('quarter', null) }),
      ['monthly'],
    ],
    // June 2025: the 14th is a Saturday and the 15th a Sunday: the reminder moves back to Friday 13th.
    ['monthly 14th on a Saturday', '2025-06-13', task({ deadline: deadline('roadmap', null) }), ['monthly']],
    [
      'support before the moved 14th',
      '2025-06-10',
      task({ deadline: deadline('roadmap', null) }),
      ['monthly', 'support-input'],
    ],
    ['blocked tasks are still reminded', '2025-03-20', task({ status: 'blocked' }), ['T0']],
  ])('GIVEN %s THEN the kinds are %j', (_name, today, t, expected) => {
    expect(kinds(today, t)).toEqual(expected);
  });

  it('GIVEN escalateAfter 0 THEN the first overdue reminder escalates at once', () => {
    expect(kinds('2025-03-21', task(), { ...P, escalateAfter: 0 })).toEqual(['escalation', 'overdue']);
  });

  it('GIVEN custom beforeDays THEN kinds follow them', () => {
    const policy = { ...P, beforeDays: [30, 0] };
    expect(kinds('2025-02-18', task(), policy)).toEqual(['T-30']);
    expect(kinds('2025-03-13', task(), policy)).toEqual([]);
  });

  it('GIVEN a task due on mùng 1 Tết 2025 THEN no reminder goes out during the break', () => {
    const t = task({ deadline: deadline('date', '2025-01-29') });
    for (let d = '2025-01-25'; d <= '2025-02-02'; d = addDays(d, 1))
      expect(kinds(d, t, P, OFFICIAL_2025)).toEqual([]);
    expect(kinds('2025-01-24', t, P, OFFICIAL_2025)).toEqual(['T0']);
  });

  it('GIVEN a reminder THEN its fields are filled', () => {
    const [r] = scheduleRemindersForDay({ today: '2025-03-17', tasks: [task()], policy: P, calendar: LAW });
    expect(r).toEqual({
      taskId: 'task1',
      code: '1.1',
      kind: 'T-3',
      dueDate: '2025-03-20',
      sendDate: '2025-03-17',
      reason: 'T-3: due date 2025-03-20',
    });
  });

  it('GIVEN several tasks THEN output is ordered by code then urgency', () => {
    const tasks = [
      task({ taskId: 'b', code: '2', overdueRemindersSent: 3, deadline: deadline('date', '2025-03-18') }),
      task({ taskId: 'a', code: '1', deadline: deadline('date', '2025-03-24') }),
    ];
    const out = scheduleRemindersForDay({ today: '2025-03-19', tasks, policy: P, calendar: LAW });
    expect(out.map((r) => `${r.code}:${r.kind}`)).toEqual(['1:support-input', '2:escalation', '2:overdue']);
  });
});

describe('reminderKey', () => {
  it.each([
    ['t1', 'o1', 'T-7', '2025-01-13', 'rem-t1-o1-T-7-20250113'],
    ['a:b', 'c-d', 'overdue', '2025-02-04', 'rem-a%3Ab-c%2Dd-overdue-20250204'],
    ['50%', 'x', 'monthly', '2025-03-10', 'rem-50%25-x-monthly-20250310'],
  ] as const)('GIVEN %s, %s, %s, %s THEN the key is %s', (taskId, officer, kind, day, expected) => {
    expect(reminderKey(taskId, officer, kind, day)).toBe(expected);
  });

  it('never contains ":" and is injective', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (t1, o1, t2, o2) => {
        const k1 = reminderKey(t1, o1, 'T0', '2025-01-01');
        expect(k1).not.toContain(':');
        if (t1 !== t2 || o1 !== o2) expect(k1).not.toBe(reminderKey(t2, o2, 'T0', '2025-01-01'));
      }),
    );
  });
});

describe('planning properties', () => {
  const dayArb = fc
    .integer({ min: toDayNumber('2024-01-01'), max: toDayNumber('2026-12-31') })
    .map(fromDayNumber);
  const policyArb = fc.constantFrom<ReminderPolicy>(P, {
    ...P,
    beforeDays: [30, 10, 2, 0],
    supportInputDaysBefore: 5,
    overdueEveryWorkingDays: 1,
    monthlyReminderDays: [1, 5],
    monthlyReportDay: 5,
  });
  const calArb = fc.constantFrom(LAW, OFFICIAL_2025);
  const kindArb = fc.constantFrom<Deadline['kind']>('date', 'quarter', 'ongoing', 'roadmap', 'none');

  it('reminders go out on working days only, before-kinds never after the due date, and the pre-filters agree', () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: -60, max: 60 }),
        kindArb,
        policyArb,
        calArb,
        (today, offset, kind, policy, cal) => {
          const due = kind === 'date' || kind === 'quarter' ? addDays(today, offset) : null;
          const t = task({ deadline: deadline(kind, due) });
          const out = scheduleRemindersForDay({ today, tasks: [t], policy, calendar: cal });
          const window = candidateDueDates(today, policy, cal);
          if (out.length > 0) {
            expect(isWorkingDay(today, cal)).toBe(true);
            expect(mayGetReminderToday(t, today, policy, cal)).toBe(true);
            expect(mayGetReminderToday(t, today, policy, cal, window)).toBe(true);
          }
          for (const r of out) {
            expect(r.sendDate).toBe(today);
            if (r.kind === 'monthly' || (r.kind === 'support-input' && due === null)) {
              expect(window.monthlyCycle).toBe(true);
            } else if (r.kind === 'overdue' || r.kind === 'escalation') {
              expect(due! < window.from).toBe(true);
            } else {
              expect(due! >= window.from && due! <= window.to).toBe(true);
              expect(today <= due!).toBe(true);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every before-due reminder of a due date is sent exactly once, one lead per day', () => {
    fc.assert(
      fc.property(dayArb, calArb, (due, cal) => {
        const t = task({ deadline: deadline('date', due) });
        const leads: string[] = [];
        for (let d = addDays(due, -20); d <= due; d = addDays(d, 1)) {
          const ks = kinds(d, t, P, cal).filter((k) => k !== 'support-input');
          expect(ks.length).toBeLessThanOrEqual(1);
          leads.push(...ks);
        }
        expect(leads).toContain('T0');
        expect(new Set(leads).size).toBe(leads.length);
      }),
      { numRuns: 200 },
    );
  });
});
