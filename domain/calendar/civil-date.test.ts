import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, fromDayNumber, isCivilDate, isoWeekday, toDayNumber } from './civil-date.ts';

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
});
