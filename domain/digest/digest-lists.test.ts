import { describe, expect, it } from 'vitest';
import { vn } from './__fixtures__/scripted-plan.ts';
import { silentOverAMonth } from './digest-lists.ts';
import type { DigestRow } from './digest-model.ts';

/** A row that last reported at `lastReportAt` (the other fields do not matter to the test). */
function rowReportedAt(lastReportAt: Date | null): DigestRow {
  return {
    taskId: 1,
    planId: 1,
    code: '1',
    groupCode: null,
    title: 'Task',
    lead: [],
    deadline: { raw: '', kind: 'none', due: null, start: null, recurring: false },
    originalDue: null,
    extended: false,
    status: 'in_progress',
    progress: null,
    result: null,
    blocker: null,
    assessment: null,
    budget: null,
    note: null,
    lastReportAt,
    doneAt: null,
    evidence: null,
    timing: 'without_deadline',
    daysOverdue: null,
  };
}

describe('silentOverAMonth: a report older than the same day a month earlier, clamped to the month end', () => {
  it.each([
    // today, the last day that still counts as reported within a month, the day before it
    ['2024-03-15', '2024-02-15', '2024-02-14'],
    ['2024-03-31', '2024-02-29', '2024-02-28'],
    ['2023-03-31', '2023-02-28', '2023-02-27'],
    ['2024-05-31', '2024-04-30', '2024-04-29'],
    ['2024-01-31', '2023-12-31', '2023-12-30'],
    ['2024-01-01', '2023-12-01', '2023-11-30'],
  ] as const)(
    'GIVEN today %s THEN a report on %s is recent and one on %s is silent',
    (today, kept, silent) => {
      expect(silentOverAMonth(rowReportedAt(vn(kept, '23:59')), today)).toBe(false);
      expect(silentOverAMonth(rowReportedAt(vn(silent, '23:59')), today)).toBe(true);
    },
  );

  it('GIVEN the Vietnam date of a report just after midnight THEN it counts on that Vietnam day', () => {
    // 2024-02-28 17:30 UTC is 2024-02-29 00:30 in Vietnam: on the boundary, so not silent on 2024-03-31.
    expect(silentOverAMonth(rowReportedAt(new Date('2024-02-28T17:30:00Z')), '2024-03-31')).toBe(false);
  });

  it('GIVEN no report at all THEN the row is silent', () => {
    expect(silentOverAMonth(rowReportedAt(null), '2024-03-31')).toBe(true);
  });
});
