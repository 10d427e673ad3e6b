import { describe, expect, it } from 'vitest';
import { isoWeekKey } from '../calendar/civil-date.ts';
import { digestPeriod } from './digest-period.ts';

const vn = (date: string, time = '08:00') => new Date(`${date}T${time}:00+07:00`);

describe('isoWeekKey', () => {
  it.each([
    ['2024-06-28', '2024-W26'],
    ['2026-11-27', '2026-W48'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-01-01', '2026-W01'],
  ])('GIVEN %s THEN %s', (date, key) => {
    expect(isoWeekKey(date)).toBe(key);
  });
});

describe('digestPeriod', () => {
  it('GIVEN a weekly digest THEN the 7 days ending at as-of, keyed by the Vietnam ISO week', () => {
    // 23:30 UTC on Sunday is already Monday in Vietnam: the next ISO week.
    const asOf = new Date('2024-06-23T23:30:00Z');
    expect(digestPeriod('weekly', asOf)).toEqual({
      kind: 'weekly',
      key: '2024-W26',
      from: new Date('2024-06-16T23:30:00Z'),
      to: asOf,
    });
  });

  it('GIVEN a monthly digest after the 15th THEN the cycle 16th of last month to the 15th just closed', () => {
    const p = digestPeriod('monthly', vn('2026-11-20'));
    expect(p.key).toBe('2026-11');
    expect(p.from).toEqual(vn('2026-10-16', '00:00'));
    expect(p.to).toEqual(new Date(vn('2026-11-16', '00:00').getTime() - 1));
  });

  it('GIVEN a monthly digest on the 10th THEN the same cycle so far (ending at as-of), January wrapping to December', () => {
    const asOf = vn('2027-01-10');
    expect(digestPeriod('monthly', asOf)).toMatchObject({
      key: '2027-01',
      from: vn('2026-12-16', '00:00'),
      to: asOf,
    });
  });

  it('GIVEN a quarterly digest THEN the calendar quarter of the Vietnam date', () => {
    const p = digestPeriod('quarterly', new Date('2026-12-31T18:00:00Z'));
    // 01:00 on 1 January in Vietnam: already the first quarter of 2027.
    expect(p.key).toBe('2027-Q1');
    const q4 = digestPeriod('quarterly', vn('2026-12-31', '17:00'));
    expect(q4.key).toBe('2026-Q4');
    expect(q4.from).toEqual(vn('2026-10-01', '00:00'));
    expect(q4.to).toEqual(vn('2026-12-31', '17:00'));
  });
});
