/**
 * The reporting period of a digest and its key (the Digest row is unique per kind and key), in Vietnam
 * time. Pure: the instant is an argument.
 *
 * - weekly: the 7 days ending at `asOf`; key = ISO week of asOf's Vietnam date ("2026-W48").
 * - monthly: the monthly report cycle that ends on the report day (the 15th) of asOf's Vietnam month:
 *   from the 16th of the previous month 00:00 to the 15th 24:00 ("2026-11" covers 16/10–15/11). Built
 *   on the 16th–31st it is the cycle that just closed; built on the 1st–15th it is that cycle so far.
 * - quarterly: the calendar quarter of asOf's Vietnam date ("2026-Q4").
 *
 * A period never ends after `asOf`: figures are never claimed for a moment that has not happened.
 */
import { civilDate, dateParts, isoWeekKey } from '../calendar/civil-date.ts';
import { vnDate, vnInstant } from '../calendar/working-time.ts';
import { DEFAULT_REMINDER_POLICY } from '../reminder/reminder-policy.ts';
import type { DigestKind } from './digest-input.ts';

/** A digest's period: both ends included. */
export interface DigestPeriod {
  kind: DigestKind;
  /** "2026-W48", "2026-11", "2026-Q4". */
  key: string;
  from: Date;
  to: Date;
}

/** Day of the month by which officers send the monthly report; the monthly cycle ends on it. */
export const MONTHLY_REPORT_DAY = DEFAULT_REMINDER_POLICY.monthlyReportDay;

const DAY_MS = 86_400_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function monthShift(year: number, month: number, by: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function clip(from: Date, endExclusive: Date, asOf: Date): { from: Date; to: Date } {
  const end = new Date(endExclusive.getTime() - 1);
  return { from, to: end.getTime() < asOf.getTime() ? end : asOf };
}

/** The period of a `kind` digest built at `asOf` (see the module comment for the rules). */
export function digestPeriod(kind: DigestKind, asOf: Date): DigestPeriod {
  const today = vnDate(asOf);
  const { year, month } = dateParts(today);
  if (kind === 'weekly') {
    return { kind, key: isoWeekKey(today), from: new Date(asOf.getTime() - 7 * DAY_MS), to: asOf };
  }
  if (kind === 'monthly') {
    const previous = monthShift(year, month, -1);
    const from = vnInstant(civilDate(previous.year, previous.month, MONTHLY_REPORT_DAY + 1), '00:00');
    const end = vnInstant(civilDate(year, month, MONTHLY_REPORT_DAY + 1), '00:00');
    return { kind, key: `${year}-${pad(month)}`, ...clip(from, end, asOf) };
  }
  const quarter = Math.ceil(month / 3);
  const first = monthShift(year, 3 * quarter - 2, 0);
  const next = monthShift(year, 3 * quarter - 2, 3);
  const from = vnInstant(civilDate(first.year, first.month, 1), '00:00');
  const end = vnInstant(civilDate(next.year, next.month, 1), '00:00');
  return { kind, key: `${year}-Q${quarter}`, ...clip(from, end, asOf) };
}
