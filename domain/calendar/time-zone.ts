/**
 * Calendar dates and wall-clock times in any IANA time zone (`APP_TIMEZONE`), with the platform's Intl
 * data: the zone of the service's schedules. For Asia/Ho_Chi_Minh (UTC+7, no daylight saving) these agree
 * with `vnDate`/`vnInstant` of `working-time.ts` at every instant.
 */
import { isCivilDate } from './civil-date.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Milliseconds the zone is ahead of UTC at `instant` (Asia/Ho_Chi_Minh: 7 h). */
function offsetMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts['year']!,
    parts['month']! - 1,
    parts['day']!,
    parts['hour']!,
    parts['minute']!,
    parts['second']!,
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The calendar date 'YYYY-MM-DD' of `instant` in `timeZone`. */
export function dateInZone(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + offsetMs(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** The instant of wall-clock `time` ('HH:MM') on `date` in `timeZone` (the later reading across a DST gap). */
export function instantInZone(date: string, time: string, timeZone: string): Date {
  if (!isCivilDate(date)) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  const wall = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(wall)) throw new RangeError(`not a time 'HH:MM': ${JSON.stringify(time)}`);
  const first = wall - offsetMs(wall, timeZone);
  return new Date(wall - offsetMs(first, timeZone));
}
