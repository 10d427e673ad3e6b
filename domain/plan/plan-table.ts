/**
 * The result of reading the appendix table of a provincial Đề án 06 decision or plan.
 *
 * Parsers return raw cell text (normalised Vietnamese, line breaks kept); deadlines and agencies are
 * interpreted elsewhere (domain/deadline, domain/agency).
 */

/** The columns the bot understands. Other columns of the source table are ignored. */
export type PlanColumn = 'code' | 'title' | 'objective' | 'lead' | 'support' | 'output' | 'deadline';

/** Facts about the document found in the prose before the table. */
export interface PlanMeta {
  /** Title line under the document type heading ("Phê duyệt Danh mục 42 mô hình ..."). */
  title: string | null;
  /** Number and symbol, e.g. "4466/QĐ-UBND"; null when the number is left blank ("Số: /QĐ-UBND"). */
  documentNumber: string | null;
  /** Issuing authority as written, e.g. "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH". */
  issuingBody: string | null;
  /** Signing date as YYYY-MM-DD; null when blank ("ngày tháng năm 2023"). */
  issueDate: string | null;
  /** Province name, e.g. "Bình Định". */
  province: string | null;
  /** Task counts announced in the text ("Danh mục 42 mô hình", "33 nhiệm vụ"), distinct, in order of appearance. */
  announcedTasks: number[];
  /** Group counts announced in the text ("08 nhóm nhiệm vụ"), distinct, in order of appearance. */
  announcedGroups: number[];
}

/** One task (or model) of the plan. */
export interface PlanRow {
  /** 1-based line in the source (row number for grids) where the record starts. */
  line: number;
  /** STT as written without a trailing dot and without leading zeros ("01." -> "1", "1.2", "12a"). */
  code: string;
  /**
   * The task's identity in the plan: `code`, or "<group>.<code>" ("II.3") when numbering restarts in
   * each group (see `assignTaskRefs`).
   */
  ref: string;
  /** Code of the group heading above the row (e.g. "I"), or null. */
  group: string | null;
  /** Normalised cell text by column; multi-line cells keep "\n". Empty cells are absent. */
  cells: Partial<Record<PlanColumn, string>>;
}

/** A group heading row ("I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"). */
export interface PlanGroup {
  code: string;
  title: string;
  line: number;
}

/** A problem found while reading the table. Errors make the import refuse; warnings are shown only. */
export interface PlanIssue {
  /** Task STT if known and numeric ("12" -> 12; "1.2" or "12a" -> null, the message names the code). */
  row: number | null;
  /** 1-based source line, if known. */
  line: number | null;
  /** Header text as written in the table, e.g. "Cơ quan chủ trì". */
  column: string | null;
  /** Vietnamese message that says what is wrong and how to fix it. */
  message: string;
  messageEn: string;
}

/** Everything a parser found: rows, groups, document facts, and the issues to show the secretariat. */
export interface ParsedPlanTable {
  format: 'tsv' | 'cell-per-line' | 'grid';
  meta: PlanMeta;
  /** Recognised columns, in table order. */
  columns: PlanColumn[];
  groups: PlanGroup[];
  rows: PlanRow[];
  errors: PlanIssue[];
  warnings: PlanIssue[];
  /** The document's text before the table (for abbreviations it defines), when the reader kept it. */
  prose?: readonly string[];
}
