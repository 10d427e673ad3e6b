import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Deadline } from './deadline.ts';
import { daysUntil, formatDeadline } from './format-deadline.ts';
import { parseDeadline } from './parse-deadline.ts';

function deadline(partial: Partial<Deadline> & Pick<Deadline, 'kind'>): Deadline {
  return { raw: '', due: null, start: null, recurring: false, ...partial };
}

describe('formatDeadline', () => {
  it.each([
    ['a quarter', deadline({ kind: 'quarter', due: '2024-09-30' }), 'Quý III/2024', 'Q3 2024'],
    ['a month', deadline({ kind: 'month', due: '2023-03-31' }), 'Tháng 3/2023', 'March 2023'],
    ['a year', deadline({ kind: 'year', due: '2023-12-31' }), 'Năm 2023', '2023'],
    ['a date', deadline({ kind: 'date', due: '2023-10-30' }), '30/10/2023', '30/10/2023'],
    ['a first half', deadline({ kind: 'half_year', due: '2024-06-30' }), '6 tháng đầu năm 2024', 'H1 2024'],
    ['a second half', deadline({ kind: 'half_year', due: '2024-12-31' }), '6 tháng cuối năm 2024', 'H2 2024'],
    ['ongoing work', deadline({ kind: 'ongoing', recurring: true }), 'Thường xuyên', 'Ongoing'],
    [
      'ongoing work with a start',
      deadline({ kind: 'ongoing', start: '2023-04-01', recurring: true }),
      'Thường xuyên (từ 01/04/2023)',
      'Ongoing (from 01/04/2023)',
    ],
    ['a roadmap', deadline({ kind: 'roadmap' }), 'Theo lộ trình', 'Per roadmap'],
    ['a recurring roadmap', deadline({ kind: 'roadmap', recurring: true }), 'Theo lộ trình', 'Per roadmap'],
    ['nothing', deadline({ kind: 'none' }), 'Không xác định', 'Unspecified'],
    [
      'a recurring year',
      deadline({ kind: 'year', due: '2024-12-31', recurring: true }),
      'Năm 2024 (duy trì)',
      '2024 (then ongoing)',
    ],
    [
      'a recurring date',
      deadline({ kind: 'date', due: '2023-10-30', recurring: true }),
      '30/10/2023 (duy trì)',
      '30/10/2023 (then ongoing)',
    ],
    [
      'a range (its end)',
      deadline({ kind: 'quarter', start: '2023-04-01', due: '2023-12-31' }),
      'Quý IV/2023',
      'Q4 2023',
    ],
    ['a dated kind without due', deadline({ kind: 'quarter' }), 'Không xác định', 'Unspecified'],
    ['a malformed due', deadline({ kind: 'month', due: '2023-02-30' }), 'Không xác định', 'Unspecified'],
  ])('GIVEN %s THEN vi shows %j and en %j', (_name, d, vi, en) => {
    expect(formatDeadline(d, 'vi')).toBe(vi);
    expect(formatDeadline(d, 'en')).toBe(en);
  });

  it.each([
    ['Quý I/2024 và những năm tiếp theo', 'Quý I/2024 (duy trì)', 'Q1 2024 (then ongoing)'],
    ['Tháng 05/2023', 'Tháng 5/2023', 'May 2023'],
    ['Năm 2023.', 'Năm 2023', '2023'],
    ['Thực hiện thường xuyên', 'Thường xuyên', 'Ongoing'],
    ['Lộ trình theo Nghị quyết 50/NQ-CP, ngày 8/4/2022', 'Theo lộ trình', 'Per roadmap'],
    ['trước ngày 30/10/2023 và duy trì thường xuyên', '30/10/2023 (duy trì)', '30/10/2023 (then ongoing)'],
    ['', 'Không xác định', 'Unspecified'],
  ])('GIVEN the parsed phrase %j THEN vi shows %j and en %j', (phrase, vi, en) => {
    const { deadline: d } = parseDeadline(phrase);
    expect(formatDeadline(d, 'vi')).toBe(vi);
    expect(formatDeadline(d, 'en')).toBe(en);
  });

  const ROMAN = ['I', 'II', 'III', 'IV'];
  it('GIVEN any canonical quarter, month or year phrase THEN parsing then formatting in vi gives it back', () => {
    const phrase = fc.oneof(
      fc
        .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1900, max: 2199 }))
        .map(([q, y]) => `Quý ${ROMAN[q - 1]}/${y}`),
      fc
        .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1900, max: 2199 }))
        .map(([m, y]) => `Tháng ${m}/${y}`),
      fc.integer({ min: 1900, max: 2199 }).map((y) => `Năm ${y}`),
      fc
        .date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true })
        .map(
          (d) =>
            [d.getUTCDate(), d.getUTCMonth() + 1].map((n) => String(n).padStart(2, '0')).join('/') +
            `/${d.getUTCFullYear()}`,
        ),
    );
    fc.assert(
      fc.property(phrase, (p) => {
        expect(formatDeadline(parseDeadline(p).deadline, 'vi')).toBe(p);
      }),
    );
  });
});

describe('daysUntil', () => {
  it.each([
    ['the due day itself', '2024-09-30', '2024-09-30', 0],
    ['the day before', '2024-10-01', '2024-09-30', 1],
    ['one day overdue', '2024-09-29', '2024-09-30', -1],
    ['across 29 February 2024', '2024-03-01', '2024-02-28', 2],
    ['across February 2023', '2023-03-01', '2023-02-28', 1],
    ['across new year', '2025-01-01', '2024-12-31', 1],
    ['a leap year ahead', '2024-12-31', '2023-12-31', 366],
    ['a plan deadline long overdue', '2023-03-31', '2025-07-01', -823],
  ])('GIVEN %s THEN due %s seen on %s is %i days away', (_name, due, today, days) => {
    expect(daysUntil(due, today)).toBe(days);
  });

  it.each([
    ['2024-02-30', '2024-01-01'],
    ['2024-01-01', '1/1/2024'],
    ['', '2024-01-01'],
  ])('GIVEN the malformed dates %j and %j THEN it throws a RangeError', (due, today) => {
    expect(() => daysUntil(due, today)).toThrow(RangeError);
  });

  it('GIVEN any two dates THEN it agrees with the UTC day count', () => {
    const day = fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true });
    fc.assert(
      fc.property(day, day, (a, b) => {
        const iso = (d: Date) => d.toISOString().slice(0, 10);
        const utcDay = (d: Date) => Math.floor(d.getTime() / 86_400_000);
        expect(daysUntil(iso(a), iso(b))).toBe(utcDay(a) - utcDay(b));
      }),
    );
  });
});
