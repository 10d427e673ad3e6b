import { describe, expect, it } from 'vitest';
import type { ReminderPolicy } from './reminder-policy.ts';
import { assertValidPolicy, DEFAULT_REMINDER_POLICY } from './reminder-policy.ts';

describe('reminder policy', () => {
  it('GIVEN the default policy THEN it has the agreed values and is valid', () => {
    expect(DEFAULT_REMINDER_POLICY).toEqual({
      beforeDays: [14, 7, 3, 1, 0],
      overdueEveryWorkingDays: 3,
      escalateAfter: 2,
      monthlyReportDay: 15,
      monthlyReminderDays: [10, 14],
      supportInputDaysBefore: 3,
      sendTime: '08:30',
    });
    expect(() => assertValidPolicy(DEFAULT_REMINDER_POLICY)).not.toThrow();
    expect(Object.isFrozen(DEFAULT_REMINDER_POLICY.beforeDays)).toBe(true);
  });

  it.each<[string, Partial<ReminderPolicy>]>([
    ['negative before day', { beforeDays: [-1] }],
    ['zero overdue interval', { overdueEveryWorkingDays: 0 }],
    ['reminder after the report day', { monthlyReminderDays: [16] }],
    ['bad send time', { sendTime: '8:30' }],
    ['report day 32', { monthlyReportDay: 32 }],
  ])('GIVEN a %s THEN it is rejected', (_name, change) => {
    expect(() => assertValidPolicy({ ...DEFAULT_REMINDER_POLICY, ...change })).toThrow(RangeError);
  });
});
