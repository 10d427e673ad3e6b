import { type DateParts, daysBetween, parseCivilDate } from '../calendar/civil-date.ts';
import type { DatedDeadlineKind, Deadline } from './deadline.ts';

/** Locales the bot speaks. */
export type DeadlineLocale = 'vi' | 'en';

const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const LABELS = {
  vi: {
    ongoing: 'Thường xuyên',
    roadmap: 'Theo lộ trình',
    none: 'Không xác định',
    recurring: ' (duy trì)',
    from: 'từ',
  },
  en: {
    ongoing: 'Ongoing',
    roadmap: 'Per roadmap',
    none: 'Unspecified',
    recurring: ' (then ongoing)',
    from: 'from',
  },
} as const;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dayMonthYear({ year, month, day }: DateParts): string {
  return `${pad(day)}/${pad(month)}/${year}`;
}

function formatPeriod(kind: DatedDeadlineKind, due: DateParts, locale: DeadlineLocale): string {
  const { year, month } = due;
  const vi = locale === 'vi';
  switch (kind) {
    case 'date':
      return dayMonthYear(due);
    case 'month':
      return vi ? `Tháng ${month}/${year}` : `${EN_MONTHS[month - 1] ?? month} ${year}`;
    case 'quarter': {
      const q = Math.ceil(month / 3);
      return vi ? `Quý ${ROMAN[q - 1] ?? q}/${year}` : `Q${q} ${year}`;
    }
    case 'half_year': {
      const firstHalf = month <= 6;
      return vi ? `6 tháng ${firstHalf ? 'đầu' : 'cuối'} năm ${year}` : `H${firstHalf ? 1 : 2} ${year}`;
    }
    case 'year':
      return vi ? `Năm ${year}` : String(year);
  }
}

/**
 * A short display form of a deadline, built from its kind and dates (not from `raw`), so that the same
 * deadline always looks the same: vi "Quý III/2024", "Tháng 3/2023", "Năm 2023", "30/10/2023",
 * "6 tháng đầu năm 2024", "Thường xuyên", "Theo lộ trình", "Không xác định"; en "Q3 2024", "March 2023",
 * "2023", "30/10/2023", "H1 2024", "Ongoing", "Per roadmap", "Unspecified".
 *
 * A recurring dated deadline gets " (duy trì)" / " (then ongoing)"; an ongoing one with a start gets
 * " (từ 01/04/2023)" / " (from 01/04/2023)". A range shows its end only (the due date is what reminders
 * are about). A dated kind whose `due` is missing or malformed shows as unspecified.
 */
export function formatDeadline(d: Deadline, locale: DeadlineLocale): string {
  const labels = LABELS[locale];
  if (d.kind === 'ongoing') {
    const start = d.start === null ? null : parseCivilDate(d.start);
    return start === null ? labels.ongoing : `${labels.ongoing} (${labels.from} ${dayMonthYear(start)})`;
  }
  if (d.kind === 'roadmap' || d.kind === 'none') return labels[d.kind];
  const due = d.due === null ? null : parseCivilDate(d.due);
  if (due === null) return labels.none;
  return formatPeriod(d.kind, due, locale) + (d.recurring ? labels.recurring : '');
}

/**
 * Calendar days from `todayIsoDate` to `dueIsoDate` (both YYYY-MM-DD, Vietnam calendar dates):
 * 0 on the due day, positive before it, negative when overdue.
 * @throws RangeError when either argument is not an existing YYYY-MM-DD date (a caller's bug).
 */
export function daysUntil(dueIsoDate: string, todayIsoDate: string): number {
  const due = parseCivilDate(dueIsoDate);
  const today = parseCivilDate(todayIsoDate);
  if (due === null || today === null) {
    throw new RangeError(`daysUntil expects YYYY-MM-DD dates, got "${dueIsoDate}" and "${todayIsoDate}"`);
  }
  return daysBetween(todayIsoDate, dueIsoDate);
}
