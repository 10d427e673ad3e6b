import { describe, expect, it } from 'vitest';
import {
  isDoneStatus,
  isReportStatus,
  REPORT_STATUSES,
  type ReportStatus,
  statusLabel,
} from './report-status.ts';

describe('statusLabel', () => {
  it.each<[ReportStatus, string, string]>([
    ['not_started', 'Chưa triển khai', 'Not started'],
    ['in_progress', 'Đang triển khai', 'In progress'],
    ['piloting', 'Đang thí điểm', 'Piloting'],
    ['done', 'Hoàn thành', 'Done'],
    ['done_maintained', 'Hoàn thành, duy trì', 'Done and maintained'],
    ['blocked', 'Vướng mắc', 'Blocked'],
    ['waiting_central', 'Chờ hướng dẫn của Trung ương', 'Waiting for central guidance'],
  ])('GIVEN %s THEN the labels are %j and %j', (status, vi, en) => {
    expect(statusLabel(status, 'vi')).toBe(vi);
    expect(statusLabel(status, 'en')).toBe(en);
  });

  it('GIVEN every status THEN each has distinct labels in both languages', () => {
    for (const locale of ['vi', 'en'] as const) {
      expect(new Set(REPORT_STATUSES.map((s) => statusLabel(s, locale))).size).toBe(REPORT_STATUSES.length);
    }
  });
});

describe('isReportStatus', () => {
  it.each([
    ['done', true],
    ['waiting_central', true],
    ['Done', false],
    ['finished', false],
    [7, false],
    [null, false],
  ])('GIVEN %j THEN it is %s', (value, expected) => {
    expect(isReportStatus(value)).toBe(expected);
  });
});

describe('isDoneStatus', () => {
  it('is true for done and done_maintained only', () => {
    expect(REPORT_STATUSES.filter(isDoneStatus)).toEqual(['done', 'done_maintained']);
    expect(isDoneStatus(null)).toBe(false);
    expect(isDoneStatus('xong')).toBe(false);
  });
});
