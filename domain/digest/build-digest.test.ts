import { describe, expect, it } from 'vitest';
import type { DeadlineKind } from '../deadline/deadline.ts';
import type { ReportStatus } from '../reply/report-status.ts';
import { scriptedInput, vn } from './__fixtures__/scripted-plan.ts';
import { buildDigest } from './build-digest.ts';
import type { DigestTask } from './digest-input.ts';
import { digestToJson } from './digest-json.ts';
import type { DeadlineTiming } from './digest-model.ts';
import { deadlineTiming } from './digest-totals.ts';

const model = buildDigest(scriptedInput());

describe('buildDigest over the scripted plan (hand count)', () => {
  it.each([
    ['tasks', 12],
    ['done', 3],
    ['in_progress', 4],
    ['blocked', 1],
    ['waiting_central', 2],
    ['not_started', 2],
    ['overdue', 3],
    ['done_on_time', 1],
    ['done_late', 1],
    ['within_deadline', 4],
    ['without_deadline', 3],
  ] as const)('GIVEN the scripted plan THEN totals.%s is %i', (key, expected) => {
    expect(model.totals[key]).toBe(expected);
  });

  it('GIVEN as-of 08:00 on 15/11/2024 THEN today is the Vietnam date and the rate moved from 2/12 to 3/12', () => {
    expect(model.today).toBe('2024-11-15');
    expect(model.overdueRate).toBeCloseTo(0.25);
    expect(model.overdueRateChange).toBeCloseTo(0.25 - 2 / 12);
  });

  it.each([
    [
      'vi',
      'Hoàn thành 3/12 mô hình (25%), đang triển khai 4, chờ hướng dẫn của Trung ương 2, vướng mắc 1, ' +
        'chưa triển khai 2; quá hạn 3 (25%, tăng 8,3 điểm % so với kỳ trước), không có thời hạn cụ thể 3.',
    ],
    [
      'en',
      'Done 3/12 models (25%), in progress 4, waiting for central guidance 2, blocked 1, not started 2; ' +
        'overdue 3 (25%, up 8.3 points since the last digest), without a date 3.',
    ],
  ] as const)('GIVEN locale %s THEN the summary line reads like the province report', (locale, line) => {
    expect(model.summary[locale]).toBe(line);
  });

  it('GIVEN groups I, II and an ungrouped task THEN counts per group add up', () => {
    expect(model.groups.map((g) => [g.code, g.totals.tasks, g.totals.done, g.totals.overdue])).toEqual([
      ['I', 5, 2, 2],
      ['II', 6, 1, 1],
      [null, 1, 0, 0],
    ]);
  });

  it('GIVEN three overdue tasks THEN they come most overdue first with days and lead agencies', () => {
    expect(model.overdue.map((o) => [o.code, o.daysOverdue, o.lead])).toEqual([
      ['10', 76, ['Sở Xây dựng']],
      ['3', 46, ['Sở Y tế']],
      ['4', 5, ['Sở Tư pháp', 'Công an tỉnh']],
    ]);
  });

  it('GIVEN an approved extension to 31/12 THEN task 8 is within its deadline, neither overdue nor due soon', () => {
    const row = model.groups.flatMap((g) => g.rows).find((r) => r.taskId === 8);
    expect(row?.timing).toBe('within_deadline');
    expect(model.overdue.some((o) => o.taskId === 8)).toBe(false);
    expect(model.dueSoon.map((d) => [d.code, d.daysLeft])).toEqual([
      ['6', 5],
      ['7', 14],
    ]);
  });

  it('GIVEN blockers in and before the period THEN only those of the period, verbatim and attributed, newest first', () => {
    expect(model.blockers.map((b) => [b.code, b.officerName, b.agencyName, b.reportedAt])).toEqual([
      ['9', 'Trần Thị Bình', 'Sở Thông tin và Truyền thông', vn('2024-11-13')],
      ['4', 'Nguyễn Văn An', 'Sở Tư pháp', vn('2024-11-12')],
    ]);
    expect(model.blockers[1]?.text).toBe(
      'Chưa có hướng dẫn kết nối dữ liệu hộ tịch <b>điện tử</b> & "liên thông"',
    );
  });

  it('GIVEN last reports THEN silent tasks of the month and dateless tasks silent over a month are listed', () => {
    expect(model.silentThisMonth.map((s) => s.code)).toEqual(['3', '5', '7', '12']);
    expect(model.silentDateless.map((s) => [s.code, s.lastReportAt])).toEqual([['5', vn('2024-09-01')]]);
    expect(model.dateless.map((s) => s.code)).toEqual(['5', '11', '12']);
  });

  it('GIVEN reminders in and out of the period THEN agencies that answered none are silent', () => {
    expect(model.silentAgencies.map((a) => [a.agencyName, a.reminders, a.taskCodes])).toEqual([
      ['Sở Xây dựng', 2, ['10']],
      ['Sở Giáo dục và Đào tạo', 1, ['7']],
    ]);
    expect(model.unreachable).toEqual([
      { officerName: 'Hồ Thị Giang', agencyName: 'Sở Xây dựng', channel: 'zalo' },
    ]);
    expect(model.pendingExplanations.map((e) => e.code)).toEqual(['10']);
  });

  it('GIVEN previous statuses THEN changes list completions, new overdue and status moves', () => {
    expect(model.changes.map((c) => [c.code, c.kind, c.from, c.to])).toEqual([
      ['2', 'completed', 'in_progress', 'done_maintained'],
      ['4', 'newly_overdue', 'in_progress', 'blocked'],
      ['4', 'status_changed', 'in_progress', 'blocked'],
      ['6', 'status_changed', 'not_started', 'in_progress'],
    ]);
  });

  it('GIVEN the model THEN its JSON has the CLI contract keys first, in order', () => {
    const json = JSON.parse(JSON.stringify(digestToJson(model))) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 10)).toEqual([
      'kind',
      'period',
      'asOf',
      'totals',
      'groups',
      'overdue',
      'dueSoon',
      'blockers',
      'silentAgencies',
      'changes',
    ]);
    expect(Object.keys(json['totals'] as object).slice(0, 10)).toEqual([
      'tasks',
      'done',
      'in_progress',
      'blocked',
      'waiting_central',
      'not_started',
      'overdue',
      'done_on_time',
      'done_late',
      'within_deadline',
    ]);
    expect(json['asOf']).toBe('2024-11-15T01:00:00.000Z');
    expect(json['period']).toEqual({ from: '2024-11-08T01:00:00.000Z', to: '2024-11-15T01:00:00.000Z' });
  });
});

describe('deadlineTiming', () => {
  const base = scriptedInput().tasks[0] as DigestTask;
  it.each<[string, ReportStatus, DeadlineKind, string | null, Date | null, DeadlineTiming]>([
    [
      'done on the due day, late evening in Vietnam',
      'done',
      'date',
      '2024-11-10',
      vn('2024-11-10', '23:30'),
      'done_on_time',
    ],
    ['done the day after', 'done_maintained', 'date', '2024-11-10', vn('2024-11-11', '00:10'), 'done_late'],
    ['not done, due today', 'in_progress', 'date', '2024-11-15', null, 'within_deadline'],
    ['not done, due yesterday', 'blocked', 'date', '2024-11-14', null, 'overdue'],
    ['ongoing', 'in_progress', 'ongoing', null, null, 'without_deadline'],
    ['roadmap, done', 'done', 'roadmap', null, vn('2024-01-01'), 'without_deadline'],
  ])('GIVEN %s THEN it is %s', (_name, status, kind, due, doneAt, expected) => {
    const t: DigestTask = {
      ...base,
      status,
      doneAt,
      deadline: { raw: '', kind, due, start: null, recurring: false },
    };
    expect(deadlineTiming(t, '2024-11-15')).toBe(expected);
  });
});

describe('buildDigest edge cases', () => {
  it('GIVEN no tasks and no previous digest THEN everything is zero and the change is unknown', () => {
    const empty = buildDigest({ ...scriptedInput(), tasks: [], reports: [], previous: null, plans: [] });
    expect(empty.totals.tasks).toBe(0);
    expect(empty.overdueRate).toBe(0);
    expect(empty.overdueRateChange).toBeNull();
    expect(empty.noun).toBe('task');
    expect(empty.summary.vi).toBe('Hoàn thành 0/0 nhiệm vụ (0%); quá hạn 0 (0%).');
  });
});
