import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, toDayNumber } from './civil-date.ts';
import type { WorkCalendarConfig } from './working-time.ts';
import {
  addWorkingDays,
  DEFAULT_WORK_CALENDAR,
  isWithinWorkingHours,
  isWorkingDay,
  nextWorkingDay,
  nextWorkingMoment,
  previousWorkingDay,
  vnDate,
  vnInstant,
  vnTime,
  workingDaysBetween,
} from './working-time.ts';

const LAW: WorkCalendarConfig = DEFAULT_WORK_CALENDAR;
/** The government's 2025 decisions: Tết 25/1-2/2 (27/1 swapped for Sat 8/2), 30/4-4/5 (2/5 swapped for Sat 26/4). */
const OFFICIAL_2025: WorkCalendarConfig = {
  ...DEFAULT_WORK_CALENDAR,
  extraDaysOff: ['2025-01-27', '2025-05-02'],
  extraWorkingDays: ['2025-02-08', '2025-04-26'],
};
const NO_LUNCH: WorkCalendarConfig = { workStart: '07:30', workEnd: '17:00' };

describe('isWorkingDay', () => {
  it.each([
    ['law', LAW, '2025-01-24', true],
    ['law', LAW, '2025-01-25', false],
    ['law', LAW, '2025-01-27', true],
    ['law', LAW, '2025-01-28', false],
    ['law', LAW, '2025-01-31', false],
    ['law', LAW, '2025-02-03', true],
    ['law', LAW, '2025-02-08', false],
    ['law', LAW, '2025-05-02', true],
    ['law', LAW, '2026-04-27', false],
    ['official 2025', OFFICIAL_2025, '2025-01-27', false],
    ['official 2025', OFFICIAL_2025, '2025-02-08', true],
    ['official 2025', OFFICIAL_2025, '2025-04-26', true],
    ['official 2025', OFFICIAL_2025, '2025-05-02', false],
    [
      'day off wins over working day',
      { ...LAW, extraDaysOff: ['2025-03-08'], extraWorkingDays: ['2025-03-08'] },
      '2025-03-08',
      false,
    ],
  ])('GIVEN the %s calendar and %s THEN working is %s', (_name, cfg, date, expected) => {
    expect(isWorkingDay(date, cfg)).toBe(expected);
  });

  it('GIVEN the official 2025 calendar THEN the whole Tết break 25/1-2/2 is off and 3/2 is back to work', () => {
    for (let d = '2025-01-25'; d <= '2025-02-02'; d = addDays(d, 1))
      expect(isWorkingDay(d, OFFICIAL_2025)).toBe(false);
    expect(isWorkingDay('2025-02-03', OFFICIAL_2025)).toBe(true);
  });

  it.each([
    [{ ...LAW, workStart: '17:00', workEnd: '08:00' }],
    [{ ...LAW, workStart: '8:00' }],
    [{ ...LAW, lunchStart: '07:00', lunchEnd: '09:00' }],
    [{ ...LAW, extraDaysOff: ['2025-02-30'] }],
  ])('GIVEN a broken config %j THEN it throws', (cfg) => {
    expect(() => isWorkingDay('2025-03-03', cfg)).toThrow(RangeError);
  });
});

describe('working-day arithmetic', () => {
  it.each([
    ['2025-01-24', 1, LAW, '2025-01-27'],
    ['2025-01-24', 1, OFFICIAL_2025, '2025-02-03'],
    ['2025-02-03', -1, OFFICIAL_2025, '2025-01-24'],
    ['2025-02-07', 1, OFFICIAL_2025, '2025-02-08'],
    ['2025-01-25', 0, LAW, '2025-01-25'],
    ['2025-01-25', 1, LAW, '2025-01-27'],
    ['2024-08-30', 1, LAW, '2024-09-04'],
    ['2025-04-29', 3, OFFICIAL_2025, '2025-05-07'],
  ])('GIVEN %s plus %i working days (case %#) THEN the date is right', (date, n, cfg, expected) => {
    expect(addWorkingDays(date, n, cfg)).toBe(expected);
  });

  it.each([
    ['2025-01-24', '2025-02-03', OFFICIAL_2025, 1],
    ['2025-01-24', '2025-02-03', LAW, 2],
    ['2025-02-03', '2025-01-24', LAW, -2],
    ['2025-01-18', '2025-01-20', LAW, 1],
    ['2025-01-20', '2025-01-20', LAW, 0],
  ])('GIVEN %s and %s (case %#) THEN the working-day count is right', (a, b, cfg, expected) => {
    expect(workingDaysBetween(a, b, cfg)).toBe(expected);
  });

  it.each([
    ['2025-01-29', OFFICIAL_2025, '2025-02-03', '2025-01-24'],
    ['2025-01-29', LAW, '2025-02-03', '2025-01-27'],
    ['2025-02-05', LAW, '2025-02-05', '2025-02-05'],
  ])('GIVEN %s (case %#) THEN the next and previous working days are right', (d, cfg, next, prev) => {
    expect(nextWorkingDay(d, cfg)).toBe(next);
    expect(previousWorkingDay(d, cfg)).toBe(prev);
  });
});

describe('Vietnam time conversions', () => {
  it.each([
    ['2025-01-28T16:59:00Z', '2025-01-28', '23:59'],
    ['2025-01-28T17:00:00Z', '2025-01-29', '00:00'],
    ['2024-12-31T20:00:00Z', '2025-01-01', '03:00'],
  ])('GIVEN %s THEN Vietnam date %s at %s', (iso, date, time) => {
    expect(vnDate(new Date(iso))).toBe(date);
    expect(vnTime(new Date(iso))).toBe(time);
    expect(vnInstant(date, time).toISOString()).toBe(new Date(iso).toISOString());
  });
});

describe('nextWorkingMoment', () => {
  const at = (date: string, time: string): Date => vnInstant(date, time);
  it.each([
    ['23:00 on mùng 1 Tết', OFFICIAL_2025, at('2025-01-29', '23:00'), '08:30', at('2025-02-03', '08:30')],
    ['23:00 on mùng 1 Tết, by law', LAW, at('2025-01-29', '23:00'), undefined, at('2025-02-03', '08:00')],
    ['inside working hours', LAW, at('2025-03-04', '09:15'), '08:30', at('2025-03-04', '09:15')],
    ['early morning of a working day', LAW, at('2025-03-04', '06:00'), '08:30', at('2025-03-04', '08:30')],
    ['lunch break', LAW, at('2025-03-04', '12:10'), '08:30', at('2025-03-04', '13:00')],
    ['Friday evening', LAW, at('2025-03-07', '17:00'), '08:30', at('2025-03-10', '08:30')],
    ['preferred time outside hours', LAW, at('2025-03-08', '10:00'), '20:00', at('2025-03-10', '08:00')],
    ['preferred time in the lunch break', LAW, at('2025-03-08', '10:00'), '12:30', at('2025-03-10', '08:00')],
    [
      'Saturday before the 2025 make-up day',
      OFFICIAL_2025,
      at('2025-02-07', '18:00'),
      '08:30',
      at('2025-02-08', '08:30'),
    ],
  ])('GIVEN %s THEN it moves to the expected moment', (_name, cfg, instant, pref, expected) => {
    expect(nextWorkingMoment(instant, cfg, pref).toISOString()).toBe(expected.toISOString());
  });

  const cfgArb = fc.constantFrom(LAW, OFFICIAL_2025, NO_LUNCH);
  const instantArb = fc
    .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) })
    .map((ms) => new Date(ms));
  const prefArb = fc.option(
    fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    { nil: undefined },
  );

  it('always lands on a working day, in working hours, never before the input, and is a fixed point', () => {
    fc.assert(
      fc.property(instantArb, cfgArb, prefArb, (instant, cfg, pref) => {
        const out = nextWorkingMoment(instant, cfg, pref);
        expect(out.getTime()).toBeGreaterThanOrEqual(instant.getTime());
        expect(isWorkingDay(vnDate(out), cfg)).toBe(true);
        expect(isWithinWorkingHours(out, cfg)).toBe(true);
        expect(nextWorkingMoment(out, cfg, pref).getTime()).toBe(out.getTime());
        if (isWithinWorkingHours(instant, cfg)) expect(out.getTime()).toBe(instant.getTime());
      }),
    );
  });

  it('never skips a whole working day', () => {
    fc.assert(
      fc.property(instantArb, cfgArb, prefArb, (instant, cfg, pref) => {
        const out = nextWorkingMoment(instant, cfg, pref);
        const from = vnDate(instant);
        for (let d = addDays(from, 1); d < vnDate(out); d = addDays(d, 1))
          expect(isWorkingDay(d, cfg)).toBe(false);
      }),
    );
  });
});

describe('working-day properties', () => {
  const dayArb = fc
    .integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2099-12-01') })
    .map(fromDayNumber);
  const cfgArb = fc.constantFrom(LAW, OFFICIAL_2025);

  it('addWorkingDays lands on a working day and workingDaysBetween inverts it', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -40, max: 40 }), cfgArb, (d, n, cfg) => {
        const start = nextWorkingDay(d, cfg);
        const end = addWorkingDays(start, n, cfg);
        expect(isWorkingDay(end, cfg)).toBe(true);
        expect(workingDaysBetween(start, end, cfg)).toBe(n);
        expect(Math.sign(end.localeCompare(start))).toBe(Math.sign(n));
      }),
    );
  });

  it('workingDaysBetween is additive and antisymmetric', () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        cfgArb,
        (a, x, y, cfg) => {
          const b = addDays(a, x);
          const c = addDays(b, y);
          expect(workingDaysBetween(a, c, cfg)).toBe(
            workingDaysBetween(a, b, cfg) + workingDaysBetween(b, c, cfg),
          );
          // Compared as numbers: 0 and -0 are the same count of days.
          expect(workingDaysBetween(c, a, cfg) === -workingDaysBetween(a, c, cfg)).toBe(true);
        },
      ),
    );
  });
});
