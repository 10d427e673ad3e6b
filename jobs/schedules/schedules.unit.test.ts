import { describe, expect, it } from 'vitest';
import { isoWeekKey } from '../../domain/calendar/civil-date.ts';
import { vnInstant } from '../../domain/calendar/working-time.ts';
import { buildSchedules } from './schedules.ts';

const schedules = buildSchedules({ planningTime: '07:30' });
const byId = (id: string) => schedules.find((s) => s.id === id)!;

describe('schedules', () => {
  it.each([
    ['planning', '2026-11-23', '07:29', '2026-11-22T07:30', 'planning-2026-11-22'],
    ['planning', '2026-11-23', '07:30', '2026-11-23T07:30', 'planning-2026-11-23'],
    ['weekly-digest', '2026-11-23', '07:59', '2026-11-16T08:00', 'digest-weekly-2026-W47'],
    ['weekly-digest', '2026-11-29', '23:00', '2026-11-23T08:00', 'digest-weekly-2026-W48'],
    ['weekly-digest', '2027-01-04', '09:00', '2027-01-04T08:00', 'digest-weekly-2027-W01'],
    ['monthly-digest', '2026-11-16', '07:00', '2026-10-16T08:00', 'digest-monthly-2026-10'],
    ['monthly-digest', '2026-01-10', '07:00', '2025-12-16T08:00', 'digest-monthly-2025-12'],
    ['quarterly-digest', '2026-11-20', '07:00', '2026-09-16T08:30', 'digest-quarterly-2026-Q3'],
    ['quarterly-digest', '2026-12-16', '08:30', '2026-12-16T08:30', 'digest-quarterly-2026-Q4'],
  ])('GIVEN %s at %s %s THEN the latest run is %s (%s)', (id, day, time, expected, key) => {
    const latest = byId(id).latest(vnInstant(day, time));
    expect(latest).toEqual(vnInstant(expected.slice(0, 10), expected.slice(11)));
    expect(byId(id).runKey(latest)).toBe(key);
  });

  it('GIVEN the schedules THEN their cron patterns say the same thing', () => {
    expect(schedules.map((s) => [s.id, s.pattern])).toEqual([
      ['planning', '30 7 * * *'],
      ['weekly-digest', '0 8 * * 1'],
      ['monthly-digest', '0 8 16 * *'],
      ['quarterly-digest', '30 8 16 3,6,9,12 *'],
    ]);
  });

  it.each([
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
  ])('GIVEN %s THEN its ISO week is %s', (day, week) => {
    expect(isoWeekKey(day)).toBe(week);
  });
});

describe('schedules in APP_TIMEZONE', () => {
  it('GIVEN the default zone THEN every schedule and its job scheduler run in Asia/Ho_Chi_Minh', () => {
    expect(schedules.every((s) => s.timeZone === 'Asia/Ho_Chi_Minh')).toBe(true);
    // 07:30 in Vietnam is 00:30 UTC.
    expect(byId('planning').latest(new Date('2026-11-23T01:00:00Z')).toISOString()).toBe(
      '2026-11-23T00:30:00.000Z',
    );
  });

  it('GIVEN APP_TIMEZONE=Asia/Tokyo THEN planning runs at 07:30 Tokyo time and run keys use Tokyo dates', () => {
    const tokyo = buildSchedules({ planningTime: '07:30', timeZone: 'Asia/Tokyo' });
    const planning = tokyo.find((s) => s.id === 'planning')!;
    expect(planning.timeZone).toBe('Asia/Tokyo');
    // 2026-11-22T23:00Z is 08:00 on the 23rd in Tokyo (after 07:30) but 06:00 in Vietnam (before it).
    const instant = new Date('2026-11-22T23:00:00Z');
    const run = planning.latest(instant);
    expect(run.toISOString()).toBe('2026-11-22T22:30:00.000Z');
    expect(planning.runKey(run)).toBe('planning-2026-11-23');
    expect(byId('planning').runKey(byId('planning').latest(instant))).toBe('planning-2026-11-22');
    const weekly = tokyo.find((s) => s.id === 'weekly-digest')!;
    expect(weekly.latest(instant).toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(weekly.runKey(weekly.latest(instant))).toBe('digest-weekly-2026-W48');
  });

  it('GIVEN a zone with daylight saving THEN the wall-clock time holds across the change', () => {
    const paris = buildSchedules({ planningTime: '07:30', timeZone: 'Europe/Paris' });
    const planning = paris.find((s) => s.id === 'planning')!;
    expect(planning.latest(new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-28T06:30:00.000Z');
    expect(planning.latest(new Date('2026-03-30T12:00:00Z')).toISOString()).toBe('2026-03-30T05:30:00.000Z');
  });
});
