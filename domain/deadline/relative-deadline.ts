import { addDays, addMonths, isCivilDate } from '../calendar/civil-date.ts';
import type { Deadline } from './deadline.ts';

/** "30 ngày kể từ ngày ban hành", "trong vòng 15 ngày", a bare "30 ngày", "02 tháng kể từ ngày ký". */
const COUNTED =
  /^(?:(?:trong|trong vong|trong thoi han|cham nhat(?: la)?|sau)\s+)?(\d{1,3})\s+(ngay|tuan|thang|nam)(?:\s+(lam viec))?(?:\s+((?:ke\s+)?tu\s+(?:ngay\s+)?(?:ky|ban hanh)\b.*))?$/u;
/** "Từ ngày ban hành Kế hoạch (trở đi)", "kể từ ngày ký ban hành": ongoing from the issue date. */
const FROM_ISSUE = /^(?:ke\s+)?tu\s+(?:ngay|khi)\s+(?:ky\s+)?(?:ban hanh|ky)\b.*$/u;
/** A relative phrase that names the document's issue (needs the issue date to be dated). */
const MENTIONS_ISSUE = /\b(?:ke tu ngay|tu ngay|ke tu khi|sau khi)\s+(?:ky\s+)?(?:ban hanh|ky)\b/u;

/** Result of {@link readRelativeDeadline}: the deadline, or why it stays undated. */
export type RelativeReading = { deadline: Deadline; warning: string | null } | null;

/**
 * Reads a deadline counted from the document's issue date (folded text, see `prepareDeadlineText`).
 * Bộ luật Dân sự 2015, Điều 147: the day of issue is not counted, so "30 ngày kể từ ngày ban hành" of a
 * plan issued on 15/08/2025 ends on 14/09/2025 (issue date + 30 days); months and years end on the same
 * day of the last month (Điều 148). "Từ ngày ban hành ... trở đi" is ongoing from the issue date.
 * Returns null when the phrase is not of these forms; a kept-raw deadline with a warning when it is
 * but `issueDate` is null or the period is in working days.
 */
export function readRelativeDeadline(
  phrase: string,
  folded: string,
  issueDate: string | null,
): RelativeReading {
  const text = folded.trim();
  const counted = COUNTED.exec(text);
  const fromIssue = FROM_ISSUE.test(text);
  if (!counted && !fromIssue) return null;
  if (counted && !counted[4] && /^(?:sau|cham nhat)/u.test(text)) return null;
  const raw = { raw: phrase, kind: 'none' as const, due: null, start: null, recurring: false };
  if (issueDate === null || !isCivilDate(issueDate)) {
    return {
      deadline: raw,
      warning: `"${phrase}" is counted from the document's issue date, which could not be read`,
    };
  }
  if (fromIssue) {
    return {
      deadline: { raw: phrase, kind: 'ongoing', due: null, start: issueDate, recurring: true },
      warning: null,
    };
  }
  const [, count, unit, working] = counted!;
  if (working) return { deadline: raw, warning: `"${phrase}" is counted in working days and is not dated` };
  const n = Number(count);
  const due =
    unit === 'ngay'
      ? addDays(issueDate, n)
      : unit === 'tuan'
        ? addDays(issueDate, 7 * n)
        : // Bộ luật Dân sự 2015, Điều 148: months end on the same day of the last month, or its last day.
          addMonths(issueDate, unit === 'thang' ? n : 12 * n);
  return { deadline: { raw: phrase, kind: 'date', due, start: null, recurring: false }, warning: null };
}

/** True when a phrase is counted from the document's issue ("kể từ ngày ban hành"). */
export function mentionsIssue(folded: string): boolean {
  return MENTIONS_ISSUE.test(folded);
}
