/**
 * Working days and working hours of a Vietnamese public office, and conversions between
 * instants (JS Date, UTC) and Vietnam calendar dates/times (Asia/Ho_Chi_Minh: UTC+7, no DST).
 *
 * A day is a working day when it is Monday-Friday and not a public holiday (see `vn-holidays.ts`),
 * adjusted by the yearly government decisions given in the config: `extraDaysOff` (swapped or added
 * days off) and `extraWorkingDays` (make-up Saturdays). When a date is in both lists, the day off wins.
 *
 * Configs are treated as immutable: parsed values are cached per config object.
 */
import { addDays, isCivilDate, isWeekend } from './civil-date.ts';
import { vietnamHolidays } from './vn-holidays.ts';

/** Office hours and yearly day swaps. Times are 'HH:MM' in Vietnam time. */
export interface WorkCalendarConfig {
  workStart: string;
  workEnd: string;
  lunchStart?: string;
  lunchEnd?: string;
  /** Extra days off decided by the government ('YYYY-MM-DD'), e.g. the Tết block. */
  extraDaysOff?: string[];
  /** Make-up working days (usually Saturdays), 'YYYY-MM-DD'. */
  extraWorkingDays?: string[];
  /** Day joining 2/9: 'before' = 1/9 (default) or 'after' = 3/9. */
  nationalDayAdjacent?: 'before' | 'after';
}

/** 08:00-17:00 with a 12:00-13:00 lunch break, no yearly swaps. */
export const DEFAULT_WORK_CALENDAR: Readonly<WorkCalendarConfig> = Object.freeze({
  workStart: '08:00',
  workEnd: '17:00',
  lunchStart: '12:00',
  lunchEnd: '13:00',
});

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const VN_OFFSET_MS = 7 * 60 * MS_PER_MINUTE;
/** Longest run of non-working days tolerated before the config is declared broken. */
const MAX_SCAN_DAYS = 3660;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

interface Compiled {
  start: number;
  end: number;
  lunchStart: number;
  lunchEnd: number;
  daysOff: ReadonlySet<string>;
  workingDays: ReadonlySet<string>;
  adjacent: 'before' | 'after';
}

const compiledCache = new WeakMap<WorkCalendarConfig, Compiled>();
const holidaySets = new Map<string, ReadonlySet<string>>();

/** Minutes since midnight of an 'HH:MM' string; throws RangeError when malformed. */
export function parseTime(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`not a time 'HH:MM': ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function compile(cfg: WorkCalendarConfig): Compiled {
  const hit = compiledCache.get(cfg);
  if (hit) return hit;
  const start = parseTime(cfg.workStart);
  const end = parseTime(cfg.workEnd);
  if (start >= end) throw new RangeError('workStart must be before workEnd');
  const hasLunch = cfg.lunchStart !== undefined && cfg.lunchEnd !== undefined;
  const lunchStart = hasLunch ? parseTime(cfg.lunchStart as string) : end;
  const lunchEnd = hasLunch ? parseTime(cfg.lunchEnd as string) : end;
  if (hasLunch && !(start < lunchStart && lunchStart <= lunchEnd && lunchEnd < end)) {
    throw new RangeError('lunch break must lie strictly inside working hours');
  }
  for (const d of [...(cfg.extraDaysOff ?? []), ...(cfg.extraWorkingDays ?? [])]) {
    if (!isCivilDate(d)) throw new RangeError(`not a calendar date: ${JSON.stringify(d)}`);
  }
  const c: Compiled = {
    start,
    end,
    lunchStart,
    lunchEnd,
    daysOff: new Set(cfg.extraDaysOff ?? []),
    workingDays: new Set(cfg.extraWorkingDays ?? []),
    adjacent: cfg.nationalDayAdjacent ?? 'before',
  };
  compiledCache.set(cfg, c);
  return c;
}

function isHoliday(date: string, adjacent: 'before' | 'after'): boolean {
  const key = `${date.slice(0, 4)}:${adjacent}`;
  let set = holidaySets.get(key);
  if (!set) {
    set = new Set(
      vietnamHolidays(Number(date.slice(0, 4)), { nationalDayAdjacent: adjacent }).map((h) => h.date),
    );
    holidaySets.set(key, set);
  }
  return set.has(date);
}

/** True when `date` ('YYYY-MM-DD') is a working day under `cfg`. */
export function isWorkingDay(date: string, cfg: WorkCalendarConfig): boolean {
  if (!isCivilDate(date)) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  const c = compile(cfg);
  if (c.daysOff.has(date)) return false;
  if (c.workingDays.has(date)) return true;
  if (isWeekend(date)) return false;
  return !isHoliday(date, c.adjacent);
}

function scan(date: string, step: 1 | -1, cfg: WorkCalendarConfig): string {
  let d = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    if (isWorkingDay(d, cfg)) return d;
    d = addDays(d, step);
  }
  throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days of ${date}`);
}

/** `date` itself when it is a working day, otherwise the first working day after it. */
export function nextWorkingDay(date: string, cfg: WorkCalendarConfig): string {
  return scan(date, 1, cfg);
}

/** `date` itself when it is a working day, otherwise the last working day before it. */
export function previousWorkingDay(date: string, cfg: WorkCalendarConfig): string {
  return scan(date, -1, cfg);
}

/**
 * The date `n` working days after `date` (before it when n < 0); `date` itself is not counted.
 * n = 0 returns `date` unchanged, working day or not (use {@link nextWorkingDay} to roll).
 */
export function addWorkingDays(date: string, n: number, cfg: WorkCalendarConfig): string {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer: ${n}`);
  const step = n < 0 ? -1 : 1;
  let d = date;
  for (let left = Math.abs(n); left > 0; left--) d = scan(addDays(d, step), step, cfg);
  return d;
}

/**
 * Working days in (a, b] when b >= a; minus the working days in (b, a] when b < a.
 * For a working day `a`: `workingDaysBetween(a, addWorkingDays(a, n)) === n`.
 */
export function workingDaysBetween(a: string, b: string, cfg: WorkCalendarConfig): number {
  if (b < a) return -workingDaysBetween(b, a, cfg);
  let count = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d, cfg)) count++;
  return count;
}

/** Vietnam calendar date of an instant. */
export function vnDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Vietnam wall-clock time 'HH:MM' of an instant (seconds dropped). */
export function vnTime(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant at Vietnam date `date` and time `time` ('HH:MM'). */
export function vnInstant(date: string, time: string): Date {
  if (!isCivilDate(date)) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return new Date(Date.UTC(y, mo - 1, d) + parseTime(time) * MS_PER_MINUTE - VN_OFFSET_MS);
}

function msOfVnDay(instant: Date): number {
  const t = instant.getTime() + VN_OFFSET_MS;
  return ((t % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
}

function inHours(minutes: number, c: Compiled): boolean {
  return minutes >= c.start && minutes < c.end && !(minutes >= c.lunchStart && minutes < c.lunchEnd);
}

/** True when the instant falls on a working day, inside working hours and outside the lunch break. */
export function isWithinWorkingHours(instant: Date, cfg: WorkCalendarConfig): boolean {
  const c = compile(cfg);
  return isWorkingDay(vnDate(instant), cfg) && inHours(msOfVnDay(instant) / MS_PER_MINUTE, c);
}

/**
 * The first moment at or after `instant` when a message may be sent:
 * - inside working hours of a working day: `instant` itself;
 * - during the lunch break: the end of the break, same day;
 * - otherwise: the next working morning (today's, if it is still before `workStart` on a working day)
 *   at `preferredTime`, or at `workStart` when `preferredTime` is absent or outside working hours.
 */
export function nextWorkingMoment(instant: Date, cfg: WorkCalendarConfig, preferredTime?: string): Date {
  const c = compile(cfg);
  const pref =
    preferredTime !== undefined && inHours(parseTime(preferredTime), c) ? preferredTime : cfg.workStart;
  const today = vnDate(instant);
  const minutes = msOfVnDay(instant) / MS_PER_MINUTE;
  if (isWorkingDay(today, cfg)) {
    if (inHours(minutes, c)) return new Date(instant.getTime());
    if (minutes < c.start) return vnInstant(today, pref);
    if (minutes >= c.lunchStart && minutes < c.lunchEnd) return vnInstant(today, formatTime(c.lunchEnd));
  }
  return vnInstant(nextWorkingDay(addDays(today, 1), cfg), pref);
}

function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
