import type { DatedDeadlineKind } from './deadline.ts';

/**
 * One period named in a folded deadline phrase ("quy iii/2024", "thang 3/2023", "30/10/2023"),
 * before its year is settled: a phrase such as "từ 01/3 đến 30/6/2024" names the year only once.
 */
export interface PeriodToken {
  kind: DatedDeadlineKind;
  /** Start of the match in the scanned text. */
  from: number;
  /** End (exclusive) of the match in the scanned text. */
  to: number;
  /** The year written with the period, or null when the phrase gives none ("trước 15/12", "quý II"). */
  year: number | null;
  firstMonth: number;
  firstDay: number;
  lastMonth: number;
  /** The last day of the period, or null for the last day of `lastMonth` (known once the year is). */
  lastDay: number | null;
  /** Why the period cannot exist ("tháng 13", "quý V", "32/1"); the caller refuses the whole phrase. */
  error: string | null;
}

type Reading = Omit<PeriodToken, 'from' | 'to'>;
type Groups = ReadonlyArray<string | undefined>;

interface Rule {
  pattern: RegExp;
  read: (groups: Groups) => Reading;
}

/** Years outside this range are typing mistakes, not deadlines of a 2022-2030 programme. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/** "/2024", " 2024", " nam 2024" after a quarter or month number. */
const YEAR_TAIL = String.raw`(?:\s*/\s*|\s+(?:nam\s+)?)(\d{4})`;

const QUARTERS: ReadonlyMap<string, number> = new Map([
  ['i', 1],
  ['ii', 2],
  ['iii', 3],
  ['iv', 4],
  ['1', 1],
  ['2', 2],
  ['3', 3],
  ['4', 4],
  ['01', 1],
  ['02', 2],
  ['03', 3],
  ['04', 4],
  ['mot', 1],
  ['hai', 2],
  ['ba', 3],
  ['bon', 4],
  ['tu', 4],
]);

function period(
  kind: DatedDeadlineKind,
  yearText: string | undefined,
  first: readonly [number, number],
  last: readonly [number, number | null],
  error: string | null = null,
): Reading {
  const year = yearText === undefined ? null : Number(yearText);
  const yearError =
    year !== null && (year < MIN_YEAR || year > MAX_YEAR) ? `year ${year} is out of range` : null;
  return {
    kind,
    year,
    firstMonth: first[0],
    firstDay: first[1],
    lastMonth: last[0],
    lastDay: last[1],
    error: error ?? yearError,
  };
}

function dayPeriod(dayText = '', monthText = '', yearText?: string): Reading {
  const [day, month] = [Number(dayText), Number(monthText)];
  const bad = !(month >= 1 && month <= 12 && day >= 1 && day <= 31);
  return period(
    'date',
    yearText,
    [month, day],
    [month, day],
    bad ? `${dayText}/${monthText} is not a date` : null,
  );
}

function monthPeriod(monthText = '', yearText?: string): Reading {
  const month = Number(monthText);
  const bad = !(month >= 1 && month <= 12);
  return period(
    'month',
    yearText,
    [month, 1],
    [month, null],
    bad ? `month ${monthText} does not exist` : null,
  );
}

function quarterPeriod(numeral = '', yearText?: string): Reading {
  const q = QUARTERS.get(numeral);
  if (q === undefined)
    return period('quarter', yearText, [1, 1], [1, null], `"quý ${numeral}" is not a quarter`);
  return period('quarter', yearText, [3 * q - 2, 1], [3 * q, null]);
}

function halfYearPeriod(part: string | undefined, yearText?: string): Reading {
  return part === 'dau'
    ? period('half_year', yearText, [1, 1], [6, null])
    : period('half_year', yearText, [7, 1], [12, null]);
}

function yearPeriod(yearText?: string): Reading {
  return period('year', yearText, [1, 1], [12, null]);
}

/**
 * Patterns over folded text, most specific first: each match is blanked out before the next rule runs,
 * so "ngay 30 thang 12 nam 2023" is one date, not a date, a month and a year.
 */
const RULES: readonly Rule[] = [
  {
    pattern: /\bngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?\b/gu,
    read: ([d, m, y]) => dayPeriod(d, m, y),
  },
  {
    pattern: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/gu,
    read: ([d, m, y]) => dayPeriod(d, m, y),
  },
  {
    pattern: /\b(?:(?:6|sau) thang|nua) (dau|cuoi) nam(?:\s*\/?\s*(\d{4}))?\b/gu,
    read: ([part, y]) => halfYearPeriod(part, y),
  },
  {
    pattern: new RegExp(String.raw`\bquy\s+([ivx]+|\d+|mot|hai|ba|bon|tu)\b(?:${YEAR_TAIL})?`, 'gu'),
    read: ([q, y]) => quarterPeriod(q, y),
  },
  {
    pattern: new RegExp(String.raw`\bthang\s+(\d+)\b(?:${YEAR_TAIL})?`, 'gu'),
    read: ([m, y]) => monthPeriod(m, y),
  },
  { pattern: /(?<![\d/])(\d{1,2})\/(\d{4})(?![\d/])/gu, read: ([m, y]) => monthPeriod(m, y) },
  { pattern: /(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/gu, read: ([d, m]) => dayPeriod(d, m) },
  { pattern: /\bnam\s*\/?\s*(\d{4})\b/gu, read: ([y]) => yearPeriod(y) },
  // "cuối năm", "hết năm", "trong năm", "năm nay" without a number: the year of reference.
  { pattern: /\b(?:cuoi|het|trong) nam\b(?!\s*\/?\s*\d)|\bnam nay\b/gu, read: () => yearPeriod() },
  { pattern: /(?<!\d)(\d{4})(?!\d)/gu, read: ([y]) => yearPeriod(y) },
];

/**
 * Finds the periods named in folded text (see `prepareDeadlineText`), in reading order, and returns
 * the text with every match blanked out (`rest`), so that the caller can see what was left unread.
 */
export function findPeriods(text: string): { tokens: PeriodToken[]; rest: string } {
  let rest = text;
  const tokens: PeriodToken[] = [];
  for (const rule of RULES) {
    for (const m of rest.matchAll(rule.pattern)) {
      tokens.push({ ...rule.read(m.slice(1)), from: m.index, to: m.index + m[0].length });
    }
    rest = rest.replace(rule.pattern, (whole) => ' '.repeat(whole.length));
  }
  tokens.sort((a, b) => a.from - b.from);
  return { tokens, rest };
}
