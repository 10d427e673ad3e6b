/**
 * The service's schedules, in Vietnam time: daily planning, the weekly digest (Monday 08:00), the
 * monthly digest (the 16th at 08:00, the day after the monthly report date) and the quarterly summary
 * (the 16th of the quarter's last month at 08:30). Each has a cron pattern for BullMQ's job scheduler
 * and the same rule as arithmetic (`latest`), so that a run missed while the service was down can be
 * recognised by its run key (ScheduleRun) and run once.
 */
import { addDays, civilDate, dateParts, isoWeekday } from '../../domain/calendar/civil-date.ts';
import { vnDate, vnInstant } from '../../domain/calendar/working-time.ts';
import type { DigestKind } from '../queues-names.ts';

/** The time zone of every pattern. */
export const SCHEDULE_TZ = 'Asia/Ho_Chi_Minh';

export type ScheduleId = 'planning' | 'weekly-digest' | 'monthly-digest' | 'quarterly-digest';

export interface Schedule {
  id: ScheduleId;
  /** Cron pattern (minute hour day month weekday), Vietnam time. */
  pattern: string;
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
function latestMonthly(instant: Date, months: readonly number[], day: number, time: string): Date {
  let { year, month } = dateParts(vnDate(instant));
  for (let i = 0; i < 13; i++) {
    const at = vnInstant(civilDate(year, month, day), time);
    if (months.includes(month) && at <= instant) return at;
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  throw new RangeError('no occurrence within a year');
}

/** ISO week of a date: 'YYYY-Www'. */
export function isoWeekKey(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const jan1 = `${year}-01-01`;
  const dayOfYear = (Date.parse(thursday) - Date.parse(jan1)) / 86_400_000;
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/** The four schedules; `planningTime` is 'HH:MM' (Vietnam). */
export function buildSchedules(options: { planningTime: string }): Schedule[] {
  const { h, m } = hm(options.planningTime);
  const all = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  return [
    {
      id: 'planning',
      pattern: `${m} ${h} * * *`,
      digest: null,
      prefix: 'planning-',
      latest(instant) {
        const today = vnDate(instant);
        const at = vnInstant(today, options.planningTime);
        return at <= instant ? at : vnInstant(addDays(today, -1), options.planningTime);
      },
      runKey: (at) => `planning-${vnDate(at)}`,
    },
    {
      id: 'weekly-digest',
      pattern: '0 8 * * 1',
      digest: 'weekly',
      prefix: 'digest-weekly-',
      latest(instant) {
        const today = vnDate(instant);
        const monday = addDays(today, 1 - isoWeekday(today));
        const at = vnInstant(monday, '08:00');
        return at <= instant ? at : vnInstant(addDays(monday, -7), '08:00');
      },
      runKey: (at) => `digest-weekly-${isoWeekKey(vnDate(at))}`,
    },
    {
      id: 'monthly-digest',
      pattern: '0 8 16 * *',
      digest: 'monthly',
      prefix: 'digest-monthly-',
      latest: (instant) => latestMonthly(instant, all, 16, '08:00'),
      runKey: (at) => `digest-monthly-${vnDate(at).slice(0, 7)}`,
    },
    {
      id: 'quarterly-digest',
      pattern: '30 8 16 3,6,9,12 *',
      digest: 'quarterly',
      prefix: 'digest-quarterly-',
      latest: (instant) => latestMonthly(instant, [3, 6, 9, 12], 16, '08:30'),
      runKey(at) {
        const { year, month } = dateParts(vnDate(at));
        return `digest-quarterly-${year}-Q${Math.ceil(month / 3)}`;
      },
    },
  ];
}
