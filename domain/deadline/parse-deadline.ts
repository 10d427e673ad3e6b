import { civilDate, daysInMonth, isExistingDate } from '../calendar/civil-date.ts';
import { normalizeVietnamese } from '../text/normalize-vietnamese.ts';
import type { Deadline, DeadlineKind, DeadlineParse } from './deadline.ts';
import { findPeriods, type PeriodToken } from './find-periods.ts';
import { maskReferences, prepareDeadlineText } from './prepare-deadline-text.ts';
import { readRelativeDeadline } from './relative-deadline.ts';

/** Options of {@link parseDeadline}. */
export interface ParseDeadlineOptions {
  /**
   * The year to use when a phrase names none ("trước 15/12", "quý II"), usually the year of the plan.
   * Without it (or when it is not an integer between 1900 and 2199) such phrases are refused.
   * @defaultValue undefined
   */
  referenceYear?: number;
  /**
   * The document's issue date (YYYY-MM-DD), from which "30 ngày kể từ ngày ban hành" and a bare
   * "30 ngày" are dated; null or absent keeps such phrases raw with a warning.
   * @defaultValue undefined
   */
  issueDate?: string | null;
}

/** Work that continues ("thường xuyên", "hằng năm", "duy trì", "và những năm tiếp theo"). */
const RECURRING =
  /\b(?:thuong xuyen|hang (?:nam|quy|thang|tuan|ngay)|duy tri|lien tuc|dinh ky|tiep tuc|(?:nhung|cac) nam tiep|nam tiep theo|va nhung nam)\b/u;
/** Timing set by someone else: "Theo lộ trình ...", "Lộ trình theo ...", "Theo hướng dẫn của Bộ Công an". */
const ROADMAP =
  /\b(?:lo trinh|theo huong dan|cho huong dan|theo ke hoach|theo chi dao|theo tien do|theo quy dinh|theo van ban)\b/u;
/** Deadlines counted from another event ("trong vòng 30 ngày", "sau khi ...", "tháng sau"): never guessed. */
const RELATIVE =
  /\b(?:trong(?: vong| thoi han)?|sau|cham nhat)\s+\d+\s+(?:ngay|tuan|thang|nam)\b(?! (?:dau|cuoi) nam)|\bsau (?:khi|ngay)\b|\bke tu ngay (?:ky|ban hanh)\b|\b(?:thang|quy|nam) (?:sau|toi)\b/u;
/** Said just before the first period: it is where the work starts ("Từ quý II/2023", "bắt đầu từ ngày ..."). */
const FROM = /\b(?:tu|bat dau)(?: tu)?(?: ngay)?\s*$/u;
/** "đầu quý II/2024" (early in the period), but not "bắt đầu". */
const EARLY = /(?<!\bbat )\bdau\s*$/u;
const STRAY_NUMBER = /(?<![\p{L}\d])\d+(?![\p{L}\d])/u;

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/**
 * Reads a deadline phrase of a plan's "Thời gian hoàn thành" column.
 *
 * The phrase is matched in folded form (`foldForMatch`: no diacritics, lower case), so "Quý III/2024",
 * "QUÍ III/2024" and "Quy III/2024" read alike; `raw` keeps the trimmed input unchanged. Decisions:
 * - Dated kinds: `due` is the last day of the period ("Quý III/2024" -> 2024-09-30); "trước ngày X" is
 *   read as "by X" (due X), as provincial plans mean it. Invalid days (31/02) are refused.
 * - Several periods ("Quý II/2023 - Quý IV/2023", "từ 01/3 đến 30/6/2024") form a range: `start` is the
 *   first day of the first, `due` the last day of the last, the kind that of the last. A period without
 *   a year borrows the next written year, else the previous one, else `referenceYear` (with a warning).
 * - "Từ <period>" with no end ("Từ quý II/2023 và thực hiện thường xuyên") is `ongoing` with `start` set
 *   and `due` null: the period says when work begins, not when it is due.
 * - `recurring` is true for "thường xuyên", "hằng/hàng năm", "duy trì", "liên tục", "định kỳ",
 *   "tiếp tục", "và những năm tiếp theo"; with no period, or with periods that name no year and no
 *   reference year ("Thường xuyên trong năm"), the kind is `ongoing`.
 * - `roadmap` for "lộ trình", "theo hướng dẫn/kế hoạch/chỉ đạo/tiến độ/quy định/văn bản" when no period
 *   is left once references to other documents ("Nghị quyết 50/NQ-CP, ngày 8/4/2022") are removed;
 *   a period that remains wins over the roadmap, with a warning.
 * - Refused (kind `none`, with a warning, never guessed): unreadable phrases, relative deadlines
 *   ("trong vòng 30 ngày"), impossible periods ("tháng 13", "quý V"), ranges ending before they start,
 *   and numbers left over once the periods are read ("Quý III/24").
 * - An empty phrase (only white space or markup) is `none` without a warning.
 */
export function parseDeadline(raw: string, options: ParseDeadlineOptions = {}): DeadlineParse {
  const phrase = raw.trim();
  if (normalizeVietnamese(phrase) === '') return { deadline: undated(phrase, 'none', false), warning: null };
  const folded = prepareDeadlineText(phrase);
  const relative = readRelativeDeadline(phrase, folded, options.issueDate ?? null);
  if (relative) return relative;
  if (RELATIVE.test(folded)) {
    return refuse(phrase, `"${phrase}" is counted from another event and cannot be dated`);
  }
  const text = maskReferences(folded);
  const { tokens, rest } = findPeriods(text);
  const recurring = RECURRING.test(text);
  const roadmap = ROADMAP.test(text);
  if (tokens.length === 0) {
    if (roadmap) return { deadline: undated(phrase, 'roadmap', recurring), warning: null };
    if (recurring) return { deadline: undated(phrase, 'ongoing', true), warning: null };
    return refuse(phrase, `Could not read the deadline "${phrase}"`);
  }
  return readDated(phrase, text, tokens, rest, { recurring, roadmap, referenceYear: options.referenceYear });
}

interface DatedContext {
  recurring: boolean;
  roadmap: boolean;
  referenceYear: number | undefined;
}

function readDated(
  phrase: string,
  text: string,
  tokens: readonly PeriodToken[],
  rest: string,
  ctx: DatedContext,
): DeadlineParse {
  const problem = tokens.find((t) => t.error !== null)?.error ?? strayNumber(rest);
  if (problem) return refuse(phrase, `Could not read the deadline "${phrase}": ${problem}`);
  const years = resolveYears(tokens, validYear(ctx.referenceYear));
  // "Thường xuyên trong năm" with no year anywhere: work that recurs, not a date to guess.
  if (years === null && ctx.recurring) return { deadline: undated(phrase, 'ongoing', true), warning: null };
  if (years === null) return refuse(phrase, `"${phrase}" names no year and no reference year was given`);
  const spans = tokens.map((t, i) => bounds(t, years.values[i] ?? 0));
  const first = spans[0];
  const last = spans[spans.length - 1];
  if (!first || !last || spans.some((s) => s === null)) {
    return refuse(phrase, `"${phrase}" names a day that does not exist`);
  }
  const warnings = remarks(phrase, text, tokens, years.assumed, ctx.roadmap);
  const kind = tokens[tokens.length - 1]?.kind ?? 'year';
  const firstToken = tokens[0];
  const from = firstToken !== undefined && FROM.test(text.slice(0, firstToken.from));
  if (tokens.length === 1 && from) {
    return done({ raw: phrase, kind: 'ongoing', due: null, start: first.start, recurring: true }, warnings);
  }
  const start = tokens.length > 1 || from ? first.start : null;
  if (start !== null && start > last.end) return refuse(phrase, `"${phrase}" ends before it starts`);
  return done({ raw: phrase, kind, due: last.end, start, recurring: ctx.recurring }, warnings);
}

function remarks(
  phrase: string,
  text: string,
  tokens: readonly PeriodToken[],
  assumedYear: number | null,
  roadmap: boolean,
): string[] {
  const warnings: string[] = [];
  if (assumedYear !== null) warnings.push(`"${phrase}" names no year; ${assumedYear} was assumed`);
  const early = tokens.some((t, i) => EARLY.test(text.slice(tokens[i - 1]?.to ?? 0, t.from)));
  if (early) warnings.push(`"${phrase}": "đầu" (early in the period) was read as the end of the period`);
  if (roadmap) warnings.push(`"${phrase}" mentions a roadmap as well as a date; the date was used`);
  return warnings;
}

/** Years of the tokens: written, else borrowed from the next then the previous token, else the reference. */
function resolveYears(
  tokens: readonly PeriodToken[],
  referenceYear: number | null,
): { values: number[]; assumed: number | null } | null {
  const written = tokens.map((t) => t.year);
  const known = (list: readonly (number | null)[]) => list.find((y): y is number => y !== null) ?? null;
  let assumed: number | null = null;
  const values: number[] = [];
  for (const [i, year] of written.entries()) {
    const found = year ?? known(written.slice(i + 1)) ?? known(written.slice(0, i).reverse());
    if (found !== null) {
      values.push(found);
      continue;
    }
    if (referenceYear === null) return null;
    assumed = referenceYear;
    values.push(referenceYear);
  }
  return { values, assumed };
}

function bounds(t: PeriodToken, year: number): { start: string; end: string } | null {
  const lastDay = t.lastDay ?? daysInMonth(year, t.lastMonth);
  if (!isExistingDate(year, t.firstMonth, t.firstDay) || !isExistingDate(year, t.lastMonth, lastDay)) {
    return null;
  }
  return { start: civilDate(year, t.firstMonth, t.firstDay), end: civilDate(year, t.lastMonth, lastDay) };
}

function strayNumber(rest: string): string | null {
  const m = STRAY_NUMBER.exec(rest);
  return m ? `the number ${m[0]} does not belong to a date` : null;
}

function validYear(year: number | undefined): number | null {
  return year !== undefined && Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

function undated(raw: string, kind: DeadlineKind, recurring: boolean): Deadline {
  return { raw, kind, due: null, start: null, recurring };
}

function refuse(raw: string, warning: string): DeadlineParse {
  return { deadline: undated(raw, 'none', false), warning };
}

function done(deadline: Deadline, warnings: readonly string[]): DeadlineParse {
  return { deadline, warning: warnings.length > 0 ? warnings.join('; ') : null };
}
