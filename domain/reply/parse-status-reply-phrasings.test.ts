/**
 * More ways officers say the same things (issue 15, item 11): a progress figure in brackets, and a
 * negated obstacle ("không có vướng mắc", "chưa gặp khó khăn gì", "không còn vướng") before the status —
 * with and without diacritics. Each row reads as a reply to the reminder of task 5.
 */
import { describe, expect, it } from 'vitest';
import { parseStatusReply, type ReplyContext } from './parse-status-reply.ts';
import type { ReportStatus } from './report-status.ts';

const REPLY: ReplyContext = { replyToTaskCode: '5' };
const FREE: ReplyContext = { replyToTaskCode: null };

type Row = [status: ReportStatus, progress: number | null, result: string | null, blocker: string | null];

const read = (input: string, context = REPLY) => {
  const parsed = parseStatusReply(input, context);
  if (!parsed.ok) return parsed.problems.map((p) => p.code);
  return parsed.reports.map((r) => [r.taskCode, r.status, r.progress, r.result, r.blocker]);
};

describe('parseStatusReply: a progress figure in brackets', () => {
  it.each<[string, Row]>([
    ['đang thực hiện (60%)', ['in_progress', 60, null, null]],
    ['dang thuc hien (60%)', ['in_progress', 60, null, null]],
    ['Đang triển khai (60 %)', ['in_progress', 60, null, null]],
    ['đang làm ( 60% )', ['in_progress', 60, null, null]],
    ['đang làm (60)', ['in_progress', 60, null, null]],
    ['đang làm (60 phần trăm)', ['in_progress', 60, null, null]],
    ['đang triển khai (đạt 60%)', ['in_progress', 60, null, null]],
    ['dang trien khai (dat 60%)', ['in_progress', 60, null, null]],
    ['tiến độ (60%)', ['in_progress', 60, null, null]],
    ['60% (đang làm)', ['in_progress', 60, null, null]],
    ['xong (100%)', ['done', 100, null, null]],
    ['in progress (60%)', ['in_progress', 60, null, null]],
    ['đang thực hiện (60%) đã lắp 5/7 camera', ['in_progress', 60, 'đã lắp 5/7 camera', null]],
    ['đang thực hiện (60%), vướng: chưa có kinh phí', ['in_progress', 60, null, 'chưa có kinh phí']],
  ])('GIVEN %j THEN the figure in brackets is the progress', (input, [status, progress, result, blocker]) => {
    expect(read(input)).toEqual([[null, status, progress, result, blocker]]);
  });

  it.each<[string, Row]>([
    ['đang làm (5 xã)', ['in_progress', null, '(5 xã)', null]],
    ['đang làm 60% (đã lắp 5/7 camera)', ['in_progress', 60, '(đã lắp 5/7 camera)', null]],
    ['xong (đợt 1)', ['done', 100, '(đợt 1)', null]],
  ])(
    'GIVEN %j THEN a bracket that holds no figure stays result text',
    (input, [status, progress, result, blocker]) => {
      expect(read(input)).toEqual([[null, status, progress, result, blocker]]);
    },
  );

  it('GIVEN a task code and a bracketed figure THEN both are read', () => {
    expect(read('#12 đang thực hiện (45%)', FREE)).toEqual([['12', 'in_progress', 45, null, null]]);
  });
});

describe('parseStatusReply: a negated obstacle is no blocker', () => {
  it.each<[string, Row]>([
    ['không có vướng mắc, đang triển khai 50%', ['in_progress', 50, null, null]],
    ['khong co vuong mac, dang trien khai 50%', ['in_progress', 50, null, null]],
    ['Không có khó khăn vướng mắc, đang làm 50%', ['in_progress', 50, null, null]],
    ['chưa có vướng mắc, đang làm 40%', ['in_progress', 40, null, null]],
    ['chua co vuong mac, dang lam 40%', ['in_progress', 40, null, null]],
    ['không gặp vướng mắc gì, đang triển khai 50%', ['in_progress', 50, null, null]],
    ['không có khó khăn gì cả, đang làm 30%', ['in_progress', 30, null, null]],
    ['ko co kk gi, dang lam 20%', ['in_progress', 20, null, null]],
    ['không vướng, tiến độ 70%', ['in_progress', 70, null, null]],
    ['không còn vướng mắc, đã xong', ['done', 100, null, null]],
    ['khong con vuong mac, da xong', ['done', 100, null, null]],
    ['chưa có khó khăn vướng mắc, đã hoàn thành', ['done', 100, null, null]],
    ['hết vướng mắc, đang làm 80%', ['in_progress', 80, null, null]],
    ['không có vướng mắc, chờ TW hướng dẫn', ['waiting_central', null, null, null]],
    ['không có vướng mắc, đang thực hiện (60%)', ['in_progress', 60, null, null]],
  ])('GIVEN %j THEN no blocker and the status after it', (input, [status, progress, result, blocker]) => {
    expect(read(input)).toEqual([[null, status, progress, result, blocker]]);
  });

  it.each<[string, Row]>([
    ['đang triển khai 50%, không có vướng mắc', ['in_progress', 50, 'không có vướng mắc', null]],
    ['dang lam 60%, chua vuong gi', ['in_progress', 60, 'chua vuong gi', null]],
  ])('GIVEN %j THEN a negated obstacle after the status is result text, not a blocker', (input, row) => {
    const [status, progress, result, blocker] = row;
    expect(read(input)).toEqual([[null, status, progress, result, blocker]]);
  });

  it('GIVEN a negated obstacle and nothing else THEN there is still no status to record', () => {
    expect(read('không có vướng mắc')).toEqual(['no-status']);
  });

  it('GIVEN a negated obstacle before a real blocker THEN the real blocker is read', () => {
    expect(read('không có vướng mắc về kỹ thuật, nhưng vướng: chưa có kinh phí')).toEqual([
      [null, 'blocked', null, 'không có vướng mắc về kỹ thuật', 'chưa có kinh phí'],
    ]);
  });
});

/**
 * Issue 13 item 5: a plan numbered per group names its tasks by group and code ("II.3"); officers type
 * them with or without "#", after "nhiệm vụ"/"NV", in lower case, or after a report command.
 */
describe('parseStatusReply: group-qualified task codes', () => {
  type Coded = [code: string, status: ReportStatus, progress: number | null, result: string | null];
  it.each<[string, Coded]>([
    ['#II.3 xong', ['II.3', 'done', 100, null]],
    ['#ii.3 xong', ['II.3', 'done', 100, null]],
    ['# II.3 xong', ['II.3', 'done', 100, null]],
    ['#II.3: xong', ['II.3', 'done', 100, null]],
    ['#II.3 - đã xong', ['II.3', 'done', 100, null]],
    ['II.3 xong', ['II.3', 'done', 100, null]],
    ['II.3. xong', ['II.3', 'done', 100, null]],
    ['II.3 đang 50%', ['II.3', 'in_progress', 50, null]],
    ['II.3: đang thực hiện 50%', ['II.3', 'in_progress', 50, null]],
    ['ii.3 dang lam 50%', ['II.3', 'in_progress', 50, null]],
    ['#II.3 đang thực hiện (60%)', ['II.3', 'in_progress', 60, null]],
    ['I.12 xong', ['I.12', 'done', 100, null]],
    ['#IV.2 đang làm 30% đã lắp 5/7 camera', ['IV.2', 'in_progress', 30, 'đã lắp 5/7 camera']],
    ['XII.1 xong', ['XII.1', 'done', 100, null]],
    ['nhiệm vụ II.3 xong', ['II.3', 'done', 100, null]],
    ['NV II.3 đang 20%', ['II.3', 'in_progress', 20, null]],
    ['/baocao II.3 xong', ['II.3', 'done', 100, null]],
    ['/bc #II.3 đang 50%', ['II.3', 'in_progress', 50, null]],
    ['#II.3 không có vướng mắc, đang triển khai 50%', ['II.3', 'in_progress', 50, null]],
  ])(
    'GIVEN %j typed freely THEN the group and code name the task',
    (input, [code, status, progress, result]) => {
      expect(read(input, FREE)).toEqual([[code, status, progress, result, null]]);
    },
  );

  it('GIVEN two lines with group codes THEN each is its own report', () => {
    expect(read('#II.3 xong\n#I.1 đang làm 30%', FREE)).toEqual([
      ['II.3', 'done', 100, null, null],
      ['I.1', 'in_progress', 30, null, null],
    ]);
  });

  it('GIVEN a bare number where a group code could be THEN it stays the number ("3 xong")', () => {
    expect(read('3 xong', FREE)).toEqual([['3', 'done', 100, null, null]]);
  });

  it.each(['II.3a xong', 'IIII.1 xong', 'II. 3 xong'])(
    'GIVEN %j THEN it is not read as a group code',
    (input) => {
      const parsed = parseStatusReply(input, FREE);
      expect(parsed.ok && parsed.reports.some((r) => r.taskCode?.includes('.'))).toBe(false);
    },
  );
});

/**
 * Issue 15 item 11, more ways of saying "no obstacle, and here is where we are": other clause breaks
 * (";", ".", "-", "và"), a time word before the negation ("hiện", "đến nay"), other verbs ("phát sinh",
 * "gặp phải"), and a bracketed figure after a negated obstacle — never a blocker.
 */
describe('parseStatusReply: more negated obstacles before the status', () => {
  it.each<[string, Row]>([
    ['không còn vướng mắc, đang triển khai 50%', ['in_progress', 50, null, null]],
    ['khong con vuong mac, dang trien khai 50%', ['in_progress', 50, null, null]],
    ['chưa có vướng mắc, đang triển khai 50%', ['in_progress', 50, null, null]],
    ['chua co vuong mac, dang trien khai 50%', ['in_progress', 50, null, null]],
    ['không còn vướng mắc gì, đang thực hiện (60%)', ['in_progress', 60, null, null]],
    ['chưa có vướng mắc, đang thực hiện (60%)', ['in_progress', 60, null, null]],
    ['Không có vướng mắc. Đang triển khai 50%', ['in_progress', 50, null, null]],
    ['không có vướng mắc; đang triển khai 50%', ['in_progress', 50, null, null]],
    ['không có vướng mắc - đang triển khai 50%', ['in_progress', 50, null, null]],
    ['không có vướng mắc và đang triển khai 50%', ['in_progress', 50, null, null]],
    ['khong co vuong mac va dang trien khai 50%', ['in_progress', 50, null, null]],
    ['không có khó khăn, vướng mắc; đang triển khai 50%', ['in_progress', 50, null, null]],
    ['Không có vướng mắc, khó khăn. Đang triển khai 50%', ['in_progress', 50, null, null]],
    ['Hiện không có vướng mắc, đang triển khai 50%', ['in_progress', 50, null, null]],
    ['hiện chưa có vướng mắc, đang triển khai 50%', ['in_progress', 50, null, null]],
    ['hien tai khong co vuong mac, dang lam 50%', ['in_progress', 50, null, null]],
    ['Không phát sinh vướng mắc, đang triển khai 50%', ['in_progress', 50, null, null]],
    ['chưa phát sinh khó khăn, vướng mắc, đang làm 50%', ['in_progress', 50, null, null]],
    ['đến nay chưa phát sinh vướng mắc, đã hoàn thành', ['done', 100, null, null]],
    ['không gặp phải khó khăn gì, đang làm 30%', ['in_progress', 30, null, null]],
    ['không có vướng mắc và chờ hướng dẫn', ['waiting_central', null, null, null]],
  ])('GIVEN %j THEN no blocker and the status after it', (input, [status, progress, result, blocker]) => {
    expect(read(input)).toEqual([[null, status, progress, result, blocker]]);
  });

  it.each<[string, Row]>([
    ['hiện vướng: chưa có kinh phí', ['blocked', null, null, 'chưa có kinh phí']],
    ['Hiện đang triển khai 50%', ['in_progress', 50, null, null]],
    ['đang triển khai 50% - vướng: thiếu người', ['in_progress', 50, null, 'thiếu người']],
  ])(
    'GIVEN %j THEN a real obstacle or a plain status reads as before',
    (input, [status, progress, result, blocker]) => {
      expect(read(input)).toEqual([[null, status, progress, result, blocker]]);
    },
  );

  it('GIVEN a negated obstacle then an obstacle with no status THEN no status is guessed', () => {
    expect(read('không có vướng mắc - chưa có kinh phí')).toEqual(['no-status']);
  });
});
