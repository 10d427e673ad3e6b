import { describe, expect, it } from 'vitest';
import { DEFAULT_REMINDER_POLICY } from '../../domain/reminder/reminder-policy.ts';
import { parseVnDate } from './leave-command.ts';
import { planPolicy } from './plan-policy.ts';

describe('parseVnDate', () => {
  it.each([
    ['20/12/2025', '2025-12-20'],
    ['1/2/2026', '2026-02-01'],
    ['29-02-2024', '2024-02-29'],
    ['29/02/2025', null],
    ['2025-12-20', null],
    ['20/12/25', null],
  ])('GIVEN %s THEN %s', (text, expected) => {
    expect(parseVnDate(text)).toBe(expected);
  });
});

describe('planPolicy', () => {
  it('GIVEN no overrides THEN the default', () => {
    expect(planPolicy(null)).toEqual({ policy: DEFAULT_REMINDER_POLICY, problem: null });
  });
  it('GIVEN overrides THEN they replace the default fields only', () => {
    expect(planPolicy({ beforeDays: [10, 0], escalateAfter: 1 }).policy).toEqual({
      ...DEFAULT_REMINDER_POLICY,
      beforeDays: [10, 0],
      escalateAfter: 1,
    });
  });
  it.each([
    ['an unknown field', { beforeDay: [1] }],
    ['a wrong type', { escalateAfter: 'two' }],
    ['a reminder day after the report day', { monthlyReportDay: 5, monthlyReminderDays: [10] }],
  ])('GIVEN %s THEN the default and the problem', (_name, stored) => {
    const result = planPolicy(stored);
    expect(result.policy).toBe(DEFAULT_REMINDER_POLICY);
    expect(result.problem).toEqual(expect.any(String));
  });
});
