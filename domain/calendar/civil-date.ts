/**
 * Calendar dates: the one module for them. A date is a 'YYYY-MM-DD' string (a day in Vietnam, no time,
 * no zone) or its parts `{ year, month, day }` (month 1-12).
 *
 * All arithmetic goes through a day number (days since 1970-01-01 in the proleptic Gregorian calendar),
 * computed with integer arithmetic only: no `Date`, so it never depends on the machine's time zone and
 * years below 100 are not shifted to the 1900s as `Date.UTC` would shift them.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** A calendar date's parts: year, month (1-12), day of the month. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in month `month` (1-12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when the day exists in the calendar (31/02 and 29/02/2023 do not). */
export function isExistingDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** The parts of a 'YYYY-MM-DD' string; null when it is not one or names a day that does not exist. */
export function parseCivilDate(text: string): DateParts | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isExistingDate(year, month, day) ? { year, month, day } : null;
}

/** True when `s` is a well-formed, existing Gregorian date 'YYYY-MM-DD'. */
export function isCivilDate(s: string): boolean {
  return parseCivilDate(s) !== null;
}

/** Year, month (1-12) and day of a 'YYYY-MM-DD' date; throws RangeError on malformed input. */
export function dateParts(date: string): DateParts {
  const parts = parseCivilDate(date);
  if (parts === null) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  return parts;
}

/** Days since 1970-01-01 of existing date parts (a year runs March to February, so leap days come last). */
function dayNumberOf({ year, month, day }: DateParts): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date parts of a day number (the inverse of {@link dayNumberOf}). */
function partsOfDayNumber(dayNumber: number): DateParts {
  const shifted = dayNumber + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 'YYYY-MM-DD' of existing date parts. */
function formatParts({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date; throws RangeError on malformed input. */
export function toDayNumber(date: string): number {
  return dayNumberOf(dateParts(date));
}

/** Inverse of {@link toDayNumber}. */
export function fromDayNumber(day: number): string {
  return formatParts(partsOfDayNumber(day));
}

/**
 * 'YYYY-MM-DD' from numeric parts (month 1-12), normalising overflow as a calendar would: month 13 is
 * January of the next year, day 0 the last day of the month before.
 * @example civilDate(2024, 3, 0) === '2024-02-29'
 */
export function civilDate(year: number, month: number, day: number): string {
  const monthIndex = year * 12 + (month - 1);
  const first = { year: Math.floor(monthIndex / 12), month: (((monthIndex % 12) + 12) % 12) + 1, day: 1 };
  return fromDayNumber(dayNumberOf(first) + day - 1);
}

/** `date` shifted by `n` calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

/**
 * `date` shifted by `n` calendar months (n may be negative), on the same day of the month or the last
 * day of a shorter month ('2024-01-31' + 1 month = '2024-02-29').
 */
export function addMonths(date: string, n: number): string {
  const { year, month, day } = dateParts(date);
  const monthIndex = year * 12 + (month - 1) + n;
  const toYear = Math.floor(monthIndex / 12);
  const toMonth = (((monthIndex % 12) + 12) % 12) + 1;
  return formatParts({ year: toYear, month: toMonth, day: Math.min(day, daysInMonth(toYear, toMonth)) });
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

/**
 * ISO 8601 week key 'YYYY-Www' of a date: the week belongs to the year of its Thursday. The one week key
 * of the service: the weekly digest's period key and its schedule's run key both come from here.
 */
export function isoWeekKey(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = daysBetween(`${thursday.slice(0, 4)}-01-01`, thursday);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/**
 * The UTC calendar date 'YYYY-MM-DD' of a `Date`: of a stored date column (PostgreSQL `date` comes back
 * at 00:00 UTC), or of an instant in UTC. The inverse of {@link dateColumn}; null stays null.
 */
export function isoDate(date: Date): string;
export function isoDate(date: Date | null): string | null;
export function isoDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/** A calendar date as the value of a PostgreSQL `date` column: a `Date` at 00:00 UTC; null stays null. */
export function dateColumn(date: string): Date;
export function dateColumn(date: string | null): Date | null;
export function dateColumn(date: string | null): Date | null {
  return date === null ? null : new Date(`${date}T00:00:00.000Z`);
}
