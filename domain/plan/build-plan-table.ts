import { foldForMatch } from '../text/normalize-vietnamese.ts';
import { extractPlanMeta } from './extract-plan-meta.ts';
import {
  groupOfTaskCode,
  isColumnNumberRow,
  isTableEnd,
  normalizeCell,
  parseGroupHeading,
  parseTaskCode,
} from './plan-cell-text.ts';
import {
  announcedGroupsWarning,
  announcedTasksWarning,
  badCodeError,
  duplicateCodeError,
  duplicateColumnWarning,
  emptyDeadlineWarning,
  extraCellsError,
  incompleteRowError,
  missingColumnError,
  missingLeadError,
  noCodeColumnWarning,
  noDeadlineColumnWarning,
  noRowsError,
  strayTextError,
} from './plan-issues.ts';
import type { ParsedPlanTable, PlanColumn, PlanGroup, PlanIssue, PlanRow } from './plan-table.ts';
import {
  type HeaderMapping,
  looksLikeHeaderRow,
  mapHeaderCells,
  REQUIRED_COLUMNS,
} from './recognize-columns.ts';
import { splitResponsibilityCell } from './split-responsibility-cell.ts';

/** The header row of a table as found in the source. */
export interface TableHeader {
  /** Header cells as written (raw). */
  cells: readonly string[];
  /** 1-based source line (or grid row) of the header. */
  line: number;
}

/**
 * What a format reader hands to the record builder: table records with their cells in header order, or
 * text it could not place in any record.
 */
export type RawTableItem =
  | { kind: 'record'; line: number; cells: readonly string[] }
  | { kind: 'stray'; line: number; text: string };

/** Input of {@link buildPlanTable}. */
export interface TableSource {
  format: ParsedPlanTable['format'];
  header: TableHeader;
  items: readonly RawTableItem[];
  /** Source lines before the header, for the document's facts. */
  prose: readonly string[];
  /** Spreadsheets drop trailing empty cells: pad short rows instead of calling them incomplete. */
  padShortRows: boolean;
}

/** A result with no table: the given errors, the facts found in the prose. */
export function tableFailure(
  format: ParsedPlanTable['format'],
  prose: readonly string[],
  errors: PlanIssue[],
): ParsedPlanTable {
  return {
    format,
    meta: extractPlanMeta(prose),
    columns: [],
    groups: [],
    rows: [],
    errors,
    warnings: [],
    prose,
  };
}

const flat = (text: string): string => text.replace(/\s*\n\s*/gu, ' ');

/** "Chủ trì: Sở Y tế; phối hợp: Sở Tài chính" in the lead cell: the supporting part moves to support. */
function splitSupportFromLead(row: PlanRow): void {
  if (!row.cells.lead) return;
  const { lead, support } = splitResponsibilityCell(row.cells.lead);
  if (support === '') return;
  row.cells.lead = lead;
  row.cells.support = row.cells.support ? `${row.cells.support}; ${support}` : support;
}

/**
 * The one record builder shared by every format: skips repeated headers, column-number rows and empty
 * records; turns Roman-numeral rows into groups; merges rows with an empty STT into the row above (cell
 * by cell, see {@link joinContinuation}); stops at the text after the table ("Nơi nhận:", "KT. CHỦ TỊCH");
 * then checks lead agencies, deadlines, duplicate codes and the counts announced in the prose.
 */
export function buildPlanTable(source: TableSource): ParsedPlanTable {
  const { format, prose } = source;
  const header = readHeader(source.header);
  const issues: PlanIssues = { errors: [], warnings: [] };
  checkHeaderColumns(header, issues);
  if (issues.errors.length > 0)
    return { ...tableFailure(format, prose, issues.errors), columns: header.mapping.recognized };
  if (header.codeIndex < 0) issues.warnings.push(noCodeColumnWarning(header.line));

  const { groups, rows } = readRecords(source, header, issues);
  assignTaskRefs(rows);
  for (const row of rows) splitSupportFromLead(row);
  checkRows(rows, header, issues);
  if (rows.length === 0 && issues.errors.length === 0) issues.errors.push(noRowsError(header.line));

  const meta = extractPlanMeta(prose);
  checkAnnouncedCounts(meta, { header, groups, rows }, issues.warnings);
  const { errors, warnings } = issues;
  return { format, meta, columns: header.mapping.recognized, groups, rows, errors, warnings, prose };
}

/** The errors and warnings found so far, in the order they were found. */
interface PlanIssues {
  errors: PlanIssue[];
  warnings: PlanIssue[];
}

/** The header row as the record builder uses it. */
interface HeaderRead {
  /** 1-based source line of the header. */
  line: number;
  /** Each header cell normalised, on one line. */
  texts: string[];
  /** The column each header cell holds (null: not recognised, or a repeat). */
  mapping: HeaderMapping;
  /** Index of the STT (task code) cell; -1 when the table has no such column. */
  codeIndex: number;
}

/** Normalises the header cells and recognises the column each one holds. */
function readHeader(header: TableHeader): HeaderRead {
  const texts = header.cells.map((c) => flat(normalizeCell(c)));
  const mapping = mapHeaderCells(texts);
  return { line: header.line, texts, mapping, codeIndex: mapping.columns.indexOf('code') };
}

/** The header text of a column as written, or the column's own name when the table has none. */
function headerOf(header: HeaderRead, column: PlanColumn): string {
  return header.texts[header.mapping.columns.indexOf(column)] ?? column;
}

/** Warns of each repeated column; one error for each required column (title, lead) the header lacks. */
function checkHeaderColumns(header: HeaderRead, issues: PlanIssues): void {
  for (const index of header.mapping.duplicates) {
    issues.warnings.push(duplicateColumnWarning(header.line, header.texts[index]!));
  }
  const found = header.texts.filter((h) => h !== '');
  for (const required of REQUIRED_COLUMNS) {
    if (!header.mapping.recognized.includes(required)) {
      issues.errors.push(missingColumnError(header.line, required === 'lead' ? 'lead' : 'title', found));
    }
  }
}

/** The non-empty cells of a record by the column they are under; the STT and unknown columns left out. */
function cellsOf(header: HeaderRead, cells: readonly string[]): Partial<Record<PlanColumn, string>> {
  const out: Partial<Record<PlanColumn, string>> = {};
  header.mapping.columns.forEach((column, index) => {
    const text = cells[index] ?? '';
    if (column !== null && column !== 'code' && text !== '') out[column] = text;
  });
  return out;
}

/** What reading the records has built so far, and what the next record is read against. */
interface RecordReader {
  readonly header: HeaderRead;
  readonly padShortRows: boolean;
  readonly issues: PlanIssues;
  readonly groups: PlanGroup[];
  readonly rows: PlanRow[];
  /** The first line of each code seen, keyed by group and code (numbering may restart in each group). */
  readonly firstLineOfCode: Map<string, number>;
  /** The code of the last group heading: the group of the rows after it. */
  currentGroup: string | null;
  /** The row a record with an empty STT continues; null at the start, after a heading or a rejected row. */
  continuedRow: PlanRow | null;
  /** The last code given to a row of a table without an STT column. */
  autoNumber: number;
}

/** A record of the table as the format reader found it. */
type TableRecord = Extract<RawTableItem, { kind: 'record' }>;

/** One record's cells normalised, with its STT cell as written and as a task code (null if none). */
interface RecordCells {
  cells: string[];
  filled: string[];
  stt: string;
  taskCode: string | null;
}

/**
 * Reads the records in order up to the end of the table: stray text is an error; groups and rows are
 * returned in source order, rows without their plan-wide refs yet.
 */
function readRecords(
  source: TableSource,
  header: HeaderRead,
  issues: PlanIssues,
): { groups: PlanGroup[]; rows: PlanRow[] } {
  const reader: RecordReader = {
    header,
    padShortRows: source.padShortRows,
    issues,
    groups: [],
    rows: [],
    firstLineOfCode: new Map(),
    currentGroup: null,
    continuedRow: null,
    autoNumber: 0,
  };
  for (const item of source.items) {
    if (item.kind === 'stray') {
      issues.errors.push(strayTextError(item.line, item.text));
      continue;
    }
    if (readRecord(reader, item) === 'table-end') break;
  }
  return { groups: reader.groups, rows: reader.rows };
}

/**
 * One record: skipped (empty, a repeated header, a column-number row), the text after the table
 * (`table-end`), a group heading, a continuation of the row above, or a task row.
 */
function readRecord(reader: RecordReader, item: TableRecord): 'table-end' | null {
  const { header, issues } = reader;
  const cells = item.cells.map((c) => normalizeCell(c));
  const filled = cells.filter((c) => c !== '');
  if (filled.length === 0) return null;
  const stt = header.codeIndex >= 0 ? (cells[header.codeIndex] ?? '') : '';
  const taskCode = header.codeIndex >= 0 ? parseTaskCode(stt) : null;
  if (taskCode === null && (looksLikeHeaderRow(cells) || isColumnNumberRow(cells))) return null;
  if (taskCode === null && filled.length <= 3 && isTableEnd(filled[0]!)) return 'table-end';
  if (cells.slice(header.texts.length).some((c) => c !== '')) {
    issues.errors.push(extraCellsError(taskCode, item.line));
  }

  const heading = groupHeadingOf(cells, header.codeIndex);
  if (heading !== null) {
    reader.groups.push({ ...heading, line: item.line });
    reader.currentGroup = heading.code;
    reader.continuedRow = null;
    return null;
  }
  const code = codeOfRecord(reader, item.line, { cells, filled, stt, taskCode });
  if (code !== null) addTaskRow(reader, item, code, cells);
  return null;
}

/**
 * The code of a task row: the next number when the table has no STT column, else the STT as parsed.
 * Null when the record is no row of its own: with an empty STT it is merged into the row above (or is
 * stray text when there is none); with an STT that is no code it is an error.
 */
function codeOfRecord(reader: RecordReader, line: number, record: RecordCells): string | null {
  const { header, issues } = reader;
  if (header.codeIndex < 0) {
    reader.autoNumber += 1;
    return String(reader.autoNumber);
  }
  if (record.stt === '') {
    if (reader.continuedRow === null) issues.errors.push(strayTextError(line, record.filled.join(' ')));
    else mergeInto(reader.continuedRow, cellsOf(header, record.cells));
    return null;
  }
  if (record.taskCode === null) {
    issues.errors.push(badCodeError(line, record.stt, header.texts[header.codeIndex]!));
    reader.continuedRow = null;
    return null;
  }
  return record.taskCode;
}

/**
 * Adds a task row unless it is incomplete (fewer cells than the header, where short rows are not
 * padded) or repeats a code of its group (errors). An incomplete row takes no continuation; a repeated
 * one still does, and is dropped with it.
 */
function addTaskRow(reader: RecordReader, item: TableRecord, code: string, cells: readonly string[]): void {
  const { header, issues, firstLineOfCode } = reader;
  const rowGroup = groupOfTaskCode(code) ?? reader.currentGroup;
  const row: PlanRow = { line: item.line, code, ref: code, group: rowGroup, cells: cellsOf(header, cells) };
  reader.continuedRow = row;
  // Numbering may restart in each group (I.1, II.1): a code is unique within its group.
  const scoped = `${rowGroup ?? ''}|${code}`;
  if (!reader.padShortRows && item.cells.length < header.texts.length) {
    const missing = header.texts.slice(item.cells.length).filter((h) => h !== '');
    issues.errors.push(incompleteRowError(code, item.line, missing));
    firstLineOfCode.set(scoped, firstLineOfCode.get(scoped) ?? item.line);
    reader.continuedRow = null;
    return;
  }
  const firstLine = firstLineOfCode.get(scoped);
  if (firstLine !== undefined) {
    issues.errors.push(duplicateCodeError(code, item.line, firstLine));
    return;
  }
  firstLineOfCode.set(scoped, item.line);
  reader.rows.push(row);
}

/**
 * An error for each row without a lead agency; a warning for each row with an empty deadline, or one
 * warning when the table has no deadline column.
 */
function checkRows(rows: readonly PlanRow[], header: HeaderRead, issues: PlanIssues): void {
  const hasDeadline = header.mapping.recognized.includes('deadline');
  for (const row of rows) {
    if (!row.cells.lead) issues.errors.push(missingLeadError(row.code, row.line, headerOf(header, 'lead')));
    if (hasDeadline && !row.cells.deadline) {
      issues.warnings.push(emptyDeadlineWarning(row.code, row.line, headerOf(header, 'deadline')));
    }
  }
  if (!hasDeadline) issues.warnings.push(noDeadlineColumnWarning(header.line));
}

/** Warns when the prose announces a number of tasks (or "mô hình") or groups that the table does not hold. */
function checkAnnouncedCounts(
  meta: ParsedPlanTable['meta'],
  table: { header: HeaderRead; groups: readonly PlanGroup[]; rows: readonly PlanRow[] },
  warnings: PlanIssue[],
): void {
  const { header, groups, rows } = table;
  const noun = foldForMatch(headerOf(header, 'title')).includes('mo hinh') ? 'mô hình' : 'nhiệm vụ';
  for (const announced of meta.announcedTasks) {
    if (announced !== rows.length) warnings.push(announcedTasksWarning(announced, rows.length, noun));
  }
  for (const announced of meta.announcedGroups) {
    if (announced !== groups.length) warnings.push(announcedGroupsWarning(announced, groups.length));
  }
}

/**
 * Gives each row its identity in the plan: the code as written, or "<group>.<code>" ("II.3") when the
 * numbering restarts in each group so that the bare code is not unique across the plan.
 */
export function assignTaskRefs(rows: PlanRow[]): void {
  const groupsOfCode = new Map<string, Set<string>>();
  for (const row of rows) {
    const groups = groupsOfCode.get(row.code) ?? new Set<string>();
    groups.add(row.group ?? '');
    groupsOfCode.set(row.code, groups);
  }
  for (const row of rows) {
    const repeated = (groupsOfCode.get(row.code)?.size ?? 0) > 1;
    row.ref =
      repeated && row.group !== null && groupOfTaskCode(row.code) === null
        ? `${row.group}.${row.code}`
        : row.code;
  }
}

/**
 * A group heading row: the STT cell holds a Roman numeral ("I", "II. VỀ ..."), or the STT is empty and
 * the only text of the row is "I. VỀ ..." (merged cells may repeat it across the row).
 */
function groupHeadingOf(cells: readonly string[], codeIndex: number): { code: string; title: string } | null {
  const stt = codeIndex >= 0 ? (cells[codeIndex] ?? '') : '';
  const others = cells.filter((c, i) => i !== codeIndex && c !== '');
  if (stt !== '') {
    if (parseTaskCode(stt) !== null) return null;
    const heading = parseGroupHeading(stt);
    if (heading === null) return null;
    return { code: heading.code, title: heading.title || (others[0] ?? '') };
  }
  const distinct = [...new Set(others)];
  if (distinct.length !== 1) return null;
  const heading = parseGroupHeading(distinct[0]!);
  return heading !== null && heading.title !== '' ? heading : null;
}

/**
 * Joins a cell continued on the next page to its first part. A page break falls wherever the page
 * ended, usually mid-sentence ("Sở Thông tin và" / "Truyền thông"): then the parts are joined with a
 * space, so agency names and deadlines stay whole. When the first part ends a sentence and the next
 * starts a new one (capital letter, number or bullet), the break is kept as a line break. A part that
 * starts with punctuation ("; Sở Y tế") continues the text directly.
 */
export function joinContinuation(before: string, more: string): string {
  if (/^[;,.]/u.test(more)) return `${before}${more}`;
  const endsSentence = /[.;:!?]$/u.test(before);
  const startsSentence = /^(\p{Lu}|\d|[-+•*]\s)/u.test(more);
  return `${before}${endsSentence && startsSentence ? '\n' : ' '}${more}`;
}

function mergeInto(row: PlanRow, more: Partial<Record<PlanColumn, string>>): void {
  for (const [column, text] of Object.entries(more) as [PlanColumn, string][]) {
    const before = row.cells[column];
    row.cells[column] = before ? joinContinuation(before, text) : text;
  }
}
