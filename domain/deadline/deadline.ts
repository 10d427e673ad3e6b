/**
 * A task deadline as written in a provincial Đề án 06 plan ("Thời gian hoàn thành" column),
 * together with what the bot can compute from it.
 *
 * - `date`: a calendar day ("trước ngày 30/10/2023").
 * - `month`, `quarter`, `half_year`, `year`: the end of that period ("Tháng 3/2023", "Quý III/2024",
 *   "6 tháng đầu năm 2024", "Năm 2023").
 * - `ongoing`: continuous work without an end ("Thực hiện thường xuyên").
 * - `roadmap`: timing set by someone else's roadmap or guidance, no date ("Theo lộ trình của Cục C06").
 * - `none`: an empty cell, or a phrase that could not be read (then the parse carries a warning).
 */
export type DeadlineKind =
  | 'date'
  | 'month'
  | 'quarter'
  | 'half_year'
  | 'year'
  | 'ongoing'
  | 'roadmap'
  | 'none';

/** The kinds that carry a due date. */
export type DatedDeadlineKind = 'date' | 'month' | 'quarter' | 'half_year' | 'year';

export interface Deadline {
  /** The phrase as written (trimmed), never rewritten. */
  raw: string;
  kind: DeadlineKind;
  /** YYYY-MM-DD, the last day of the period (a Vietnam calendar date); null for ongoing, roadmap and none. */
  due: string | null;
  /** YYYY-MM-DD, the first day of the first period of a range or of a "Từ ..." phrase; otherwise null. */
  start: string | null;
  /** True when work continues after the due date ("và những năm tiếp theo", "duy trì"), or is ongoing. */
  recurring: boolean;
}

export interface DeadlineParse {
  deadline: Deadline;
  /**
   * Set when the kind is `none` for a non-empty phrase (why it could not be read), or when the parser
   * assumed something (the year, "đầu" read as the end of the period, a date preferred over a roadmap).
   * Several remarks are joined with "; ".
   */
  warning: string | null;
}
