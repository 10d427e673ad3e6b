/**
 * Calendar dates as 'YYYY-MM-DD' strings (a day in Vietnam, no time, no zone).
 *
 * All arithmetic goes through a day number (days since 1970-01-01), computed with `Date.UTC`,
 * so it never depends on the machine's time zone.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `s` is a well-formed, existing Gregorian date 'YYYY-MM-DD'. */
export function isCivilDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** Number of days in month `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; throws RangeError on malformed input. */
export function toDayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m || !isCivilDate(date)) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

/** Inverse of {@link toDayNumber}. */
export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Builds 'YYYY-MM-DD' from numeric parts (month 1-12); no validation beyond normalisation. */
export function civilDate(year: number, month: number, day: number): string {
  return fromDayNumber(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** `date` shifted by `n` calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  const d = (((toDayNumber(date) + 3) % 7) + 7) % 7;
  return d + 1;
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** Year, month (1-12) and day of a 'YYYY-MM-DD' date. */
export function dateParts(date: string): { year: number; month: number; day: number } {
  toDayNumber(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** ISO 8601 week key 'YYYY-Www' of a date: the week belongs to the year of its Thursday. */
export function isoWeekKey(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = daysBetween(`${year}-01-01`, thursday);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/** The UTC calendar date 'YYYY-MM-DD' of a stored date column (PostgreSQL `date` comes back at 00:00 UTC); null stays null. */
export function isoDate(date: Date): string;
export function isoDate(date: Date | null): string | null;
export function isoDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}
