import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  civilDate,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isCivilDate,
  isoWeekday,
  isoWeekKey,
  parseCivilDate,
  toDayNumber,
} from './civil-date.ts';

/** Day numbers of 0000-01-01 and 9999-12-31, the dates 'YYYY-MM-DD' can write. */
const FIRST_DAY = -719_528;
const LAST_DAY = 2_932_896;

describe('civil dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
  ])('GIVEN %s THEN isCivilDate is %s', (s, ok) => {
    expect(isCivilDate(s)).toBe(ok);
  });

  it.each([
    ['2025-01-29', 3],
    ['2025-02-01', 6],
    ['2025-02-02', 7],
    ['1969-12-29', 1],
  ])('GIVEN %s THEN ISO weekday is %i', (d, w) => {
    expect(isoWeekday(d)).toBe(w);
  });

  it('GIVEN a month end THEN addDays crosses it', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('GIVEN a malformed date THEN it throws', () => {
    expect(() => toDayNumber('2025-02-30')).toThrow(RangeError);
  });

  it('day numbers round-trip and differences add up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50_000, max: 80_000 }),
        fc.integer({ min: -1000, max: 1000 }),
        (n, k) => {
          const d = fromDayNumber(n);
          expect(toDayNumber(d)).toBe(n);
          expect(daysBetween(d, addDays(d, k))).toBe(k);
        },
      ),
    );
  });

  it('GIVEN any day of years 0000-9999 THEN its date is the one the proleptic Gregorian calendar gives', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), (n) => {
        const date = fromDayNumber(n);
        expect(date).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
        expect(toDayNumber(date)).toBe(n);
      }),
    );
  });

  it('GIVEN years below 100 THEN they are not read as 19xx', () => {
    expect(daysInMonth(0, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(isCivilDate('0000-02-29')).toBe(true);
    expect(addDays('0050-12-31', 1)).toBe('0051-01-01');
    expect(parseCivilDate('0099-02-29')).toBeNull();
  });

  it.each([
    [2024, 3, 0, '2024-02-29'],
    [2024, 13, 1, '2025-01-01'],
    [2025, 0, 31, '2024-12-31'],
    [2025, 2, 29, '2025-03-01'],
  ])('GIVEN civilDate(%i, %i, %i) THEN the overflow is normalised to %s', (y, m, d, date) => {
    expect(civilDate(y, m, d)).toBe(date);
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2025-08-12', 2, '2025-10-12'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-01-15', -13, '2023-12-15'],
  ])('GIVEN %s plus %i months THEN %s (the same day, or the month’s last)', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it.each([
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-11-23', '2026-W48'],
  ])('GIVEN %s THEN its ISO week is %s', (date, week) => {
    expect(isoWeekKey(date)).toBe(week);
  });
});
