/**
 * The service's schedules, in the service's time zone (`APP_TIMEZONE`, default Asia/Ho_Chi_Minh): daily planning, the weekly digest (Monday 08:00), the
 * monthly digest (the 16th at 08:00, the day after the monthly report date) and the quarterly summary
 * (the 16th of the quarter's last month at 08:30). Each has a cron pattern for BullMQ's job scheduler
 * and the same rule as arithmetic (`latest`), so that a run missed while the service was down can be
 * recognised by its run key (ScheduleRun) and run once.
 */
import { addDays, civilDate, dateParts, isoWeekday, isoWeekKey } from '../../domain/calendar/civil-date.ts';
import { dateInZone, instantInZone } from '../../domain/calendar/time-zone.ts';
import type { DigestKind } from '../../domain/digest/digest-input.ts';
import type { ScheduleId } from '../catalog.ts';

/** The default time zone of every pattern (`APP_TIMEZONE`'s default). */
export const SCHEDULE_TZ = 'Asia/Ho_Chi_Minh';

export interface Schedule {
  id: ScheduleId;
  /** Cron pattern (minute hour day month weekday), in `timeZone`. */
  pattern: string;
  /** IANA time zone of the pattern, of `latest` and of the run keys' dates. */
  timeZone: string;
  /** What a run does: plan the day, or ask for a digest of this kind. */
  digest: DigestKind | null;
  /** Prefix of this schedule's run keys. */
  prefix: string;
  /** The latest occurrence at or before `instant`. */
  latest(instant: Date): Date;
  /** ScheduleRun key of an occurrence, e.g. `planning-2026-11-23`, `digest-weekly-2026-W48`. */
  runKey(occurrence: Date): string;
}

function hm(time: string): { h: number; m: number } {
  return { h: Number(time.slice(0, 2)), m: Number(time.slice(3, 5)) };
}

/** Latest `day` of a month in `months` at `time` that is at or before `instant`. */
function latestMonthly(
  instant: Date,
  months: readonly number[],
  day: number,
  time: string,
  tz: string,
): Date {
  let { year, month } = dateParts(dateInZone(instant, tz));
  for (let i = 0; i < 13; i++) {
    const at = instantInZone(civilDate(year, month, day), time, tz);
    if (months.includes(month) && at <= instant) return at;
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  throw new RangeError('no occurrence within a year');
}

/** The four schedules; `planningTime` is 'HH:MM' in `timeZone` (default {@link SCHEDULE_TZ}). */
export function buildSchedules(options: { planningTime: string; timeZone?: string }): Schedule[] {
  const { h, m } = hm(options.planningTime);
  const timeZone = options.timeZone ?? SCHEDULE_TZ;
  const day = (instant: Date) => dateInZone(instant, timeZone);
  const at = (date: string, time: string) => instantInZone(date, time, timeZone);
  const all = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  return [
    {
      id: 'planning',
      pattern: `${m} ${h} * * *`,
      timeZone,
      digest: null,
      prefix: 'planning-',
      latest(instant) {
        const today = day(instant);
        const run = at(today, options.planningTime);
        return run <= instant ? run : at(addDays(today, -1), options.planningTime);
      },
      runKey: (occurrence) => `planning-${day(occurrence)}`,
    },
    {
      id: 'weekly-digest',
      pattern: '0 8 * * 1',
      timeZone,
      digest: 'weekly',
      prefix: 'digest-weekly-',
      latest(instant) {
        const today = day(instant);
        const monday = addDays(today, 1 - isoWeekday(today));
        const run = at(monday, '08:00');
        return run <= instant ? run : at(addDays(monday, -7), '08:00');
      },
      runKey: (occurrence) => `digest-weekly-${isoWeekKey(day(occurrence))}`,
    },
    {
      id: 'monthly-digest',
      pattern: '0 8 16 * *',
      timeZone,
      digest: 'monthly',
      prefix: 'digest-monthly-',
      latest: (instant) => latestMonthly(instant, all, 16, '08:00', timeZone),
      runKey: (occurrence) => `digest-monthly-${day(occurrence).slice(0, 7)}`,
    },
    {
      id: 'quarterly-digest',
      pattern: '30 8 16 3,6,9,12 *',
      timeZone,
      digest: 'quarterly',
      prefix: 'digest-quarterly-',
      latest: (instant) => latestMonthly(instant, [3, 6, 9, 12], 16, '08:30', timeZone),
      runKey(occurrence) {
        const { year, month } = dateParts(day(occurrence));
        return `digest-quarterly-${year}-Q${Math.ceil(month / 3)}`;
      },
    },
  ];
}
