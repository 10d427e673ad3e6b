/**
 * Vietnamese public holidays (ngày nghỉ lễ, tết) as set by the Labour Code 2019 (Bộ luật Lao động
 * 45/2019/QH14), article 112, for a 'Saturday + Sunday' weekly rest (public administration).
 *
 * What the law fixes, and how it is modelled here:
 * - Tết Dương lịch: 1 January.
 * - Tết Nguyên đán: 5 days. Modelled as the last day of the old lunar year (29 or 30 Chạp)
 *   through mùng 4 Tết. These 5 days are listed as they are, even when some fall on a weekend:
 *   no extra days are added for the Tết block. Every year the government decides the real Tết break
 *   (usually a longer block, with days swapped against make-up Saturdays); feed that decision through
 *   `extraDaysOff` / `extraWorkingDays` of the working calendar.
 * - Giỗ Tổ Hùng Vương: 10th day of the 3rd lunar month.
 * - Ngày Chiến thắng 30/4 and Quốc tế Lao động 1/5.
 * - Quốc khánh: 2/9 plus one adjacent day ("ngày 02/9 và 01 ngày liền kề trước hoặc sau", chosen
 *   each year by the Prime Minister). Default here: 1/9; `nationalDayAdjacent: 'after'` gives 3/9.
 * - Nghỉ bù (art. 112(3)): a single-day holiday above (all except the Tết block) that falls on a
 *   Saturday or Sunday gives a compensatory day on the next weekday that is not itself a holiday.
 */
import { addDays, civilDate, isWeekend } from './civil-date.ts';
import { lunarNewYear, lunarToSolar } from './lunar.ts';

/** A day off, with a bilingual name. */
export interface Holiday {
  /** 'YYYY-MM-DD'. */
  date: string;
  name: { vi: string; en: string };
  /** True for a compensatory day (nghỉ bù). */
  compensatory?: boolean;
}

/** Choices the law leaves to the government. */
export interface HolidayOptions {
  /** Which day joins 2/9: 'before' = 1/9 (default), 'after' = 3/9. */
  nationalDayAdjacent?: 'before' | 'after';
}

const TET_DAY_NAMES: ReadonlyArray<{ vi: string; en: string }> = [
  { vi: 'Tết Nguyên đán (ngày cuối năm âm lịch)', en: 'Lunar New Year (last day of the lunar year)' },
  { vi: 'Tết Nguyên đán (mùng 1)', en: 'Lunar New Year (day 1)' },
  { vi: 'Tết Nguyên đán (mùng 2)', en: 'Lunar New Year (day 2)' },
  { vi: 'Tết Nguyên đán (mùng 3)', en: 'Lunar New Year (day 3)' },
  { vi: 'Tết Nguyên đán (mùng 4)', en: 'Lunar New Year (day 4)' },
];

const cache = new Map<string, readonly Holiday[]>();

/**
 * Public holidays of Gregorian `year` (sorted by date), including compensatory days.
 * Supported years: 1200-2199 (lunar library range); throws RangeError otherwise.
 */
export function vietnamHolidays(year: number, options: HolidayOptions = {}): Holiday[] {
  const adjacent = options.nationalDayAdjacent ?? 'before';
  const key = `${year}:${adjacent}`;
  let list = cache.get(key);
  if (!list) {
    list = Object.freeze(computeHolidays(year, adjacent).map((h) => Object.freeze(h)));
    cache.set(key, list);
  }
  return [...list];
}

function computeHolidays(year: number, adjacent: 'before' | 'after'): Holiday[] {
  const singles: Holiday[] = [
    { date: civilDate(year, 1, 1), name: { vi: 'Tết Dương lịch', en: "New Year's Day" } },
    {
      date: lunarToSolar(10, 3, year),
      name: { vi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', en: "Hung Kings' Commemoration Day" },
    },
    { date: civilDate(year, 4, 30), name: { vi: 'Ngày Chiến thắng (30/4)', en: 'Reunification Day' } },
    {
      date: civilDate(year, 5, 1),
      name: { vi: 'Ngày Quốc tế Lao động (1/5)', en: "International Workers' Day" },
    },
    { date: civilDate(year, 9, 2), name: { vi: 'Quốc khánh (2/9)', en: 'National Day' } },
    {
      date: civilDate(year, 9, adjacent === 'before' ? 1 : 3),
      name: { vi: 'Quốc khánh (ngày liền kề)', en: 'National Day (adjacent day)' },
    },
  ];
  const tetStart = addDays(lunarNewYear(year), -1);
  const tet: Holiday[] = TET_DAY_NAMES.map((name, i) => ({ date: addDays(tetStart, i), name }));

  const taken = new Set<string>([...singles, ...tet].map((h) => h.date));
  const compensatory: Holiday[] = [];
  for (const h of [...singles].sort(byDate)) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    compensatory.push({
      date: d,
      name: { vi: `Nghỉ bù ${h.name.vi}`, en: `Compensatory day off for ${h.name.en}` },
      compensatory: true,
    });
  }
  return [...singles, ...tet, ...compensatory].sort(byDate);
}

function byDate(a: Holiday, b: Holiday): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}
