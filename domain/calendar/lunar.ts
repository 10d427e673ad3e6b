/**
 * Thin, typed wrapper around `@dqcai/vn-lunar` (Vietnamese lunar calendar computed for UTC+7).
 *
 * The package ships declaration files that do not resolve under NodeNext, so its functions are typed
 * here explicitly and their results are checked at run time. Verified against known Vietnamese Tết
 * dates (including 1985 and 2007, where Vietnam and China differ) in `lunar.test.ts`.
 */
import * as vnLunar from '@dqcai/vn-lunar';
import { civilDate } from './civil-date.ts';

interface SolarParts {
  day: number;
  month: number;
  year: number;
}

interface LunarParts extends SolarParts {
  leap: boolean;
}

type LunarToSolar = (day: number, month: number, year: number, leap?: boolean) => SolarParts;
type SolarToLunar = (day: number, month: number, year: number) => LunarParts;

const lunarToSolarRaw = vnLunar.getSolarDate as LunarToSolar;
const solarToLunarRaw = vnLunar.getLunarDate as SolarToLunar;

/** First year the library supports. */
export const LUNAR_MIN_YEAR = 1200;
/** Last year the library supports. */
export const LUNAR_MAX_YEAR = 2199;

/**
 * Gregorian date ('YYYY-MM-DD') of lunar day `day`, month `month` (not leap) of lunar year `year`.
 * Throws RangeError outside the supported years or for a day the lunar month does not have.
 */
export function lunarToSolar(day: number, month: number, year: number): string {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(`lunar year out of range: ${year}`);
  }
  const s = lunarToSolarRaw(day, month, year, false);
  // The library silently rolls over (30 of a 29-day month gives the next month's 1st): check by converting back.
  const back = s && s.year !== 0 ? solarToLunarRaw(s.day, s.month, s.year) : null;
  if (!back || back.day !== day || back.month !== month || back.year !== year || back.leap) {
    throw new RangeError(`no such lunar date: ${day}/${month}/${year}`);
  }
  return civilDate(s.year, s.month, s.day);
}

/** Mùng 1 Tết: first day of the lunar year that begins in Gregorian year `year`. */
export function lunarNewYear(year: number): string {
  return lunarToSolar(1, 1, year);
}
