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
import { looksLikeHeaderRow, mapHeaderCells, REQUIRED_COLUMNS } from './recognize-columns.ts';
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
  const { header, format } = source;
  const headerTexts = header.cells.map((c) => flat(normalizeCell(c)));
  const mapping = mapHeaderCells(headerTexts);
  const errors: PlanIssue[] = [];
  const warnings: PlanIssue[] = [];

  for (const index of mapping.duplicates) {
    warnings.push(duplicateColumnWarning(header.line, headerTexts[index]!));
  }
  const found = headerTexts.filter((h) => h !== '');
  for (const required of REQUIRED_COLUMNS) {
    if (!mapping.recognized.includes(required)) {
      errors.push(missingColumnError(header.line, required === 'lead' ? 'lead' : 'title', found));
    }
  }
  if (errors.length > 0)
    return { ...tableFailure(format, source.prose, errors), columns: mapping.recognized };

  const indexOf = (column: PlanColumn): number => mapping.columns.indexOf(column);
  const codeIndex = indexOf('code');
  const headerOf = (column: PlanColumn): string => headerTexts[indexOf(column)] ?? column;
  if (codeIndex < 0) warnings.push(noCodeColumnWarning(header.line));

  const groups: PlanGroup[] = [];
  const rows: PlanRow[] = [];
  const firstLineOfCode = new Map<string, number>();
  let group: string | null = null;
  let last: PlanRow | null = null;
  let autoNumber = 0;

  const cellsOf = (cells: readonly string[]): Partial<Record<PlanColumn, string>> => {
    const out: Partial<Record<PlanColumn, string>> = {};
    mapping.columns.forEach((column, index) => {
      const text = cells[index] ?? '';
      if (column !== null && column !== 'code' && text !== '') out[column] = text;
    });
    return out;
  };

  for (const item of source.items) {
    if (item.kind === 'stray') {
      errors.push(strayTextError(item.line, item.text));
      continue;
    }
    const cells = item.cells.map((c) => normalizeCell(c));
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 0) continue;
    const stt = codeIndex >= 0 ? (cells[codeIndex] ?? '') : '';
    const taskCode = codeIndex >= 0 ? parseTaskCode(stt) : null;
    if (taskCode === null && (looksLikeHeaderRow(cells) || isColumnNumberRow(cells))) continue;
    if (taskCode === null && filled.length <= 3 && isTableEnd(filled[0]!)) break;
    if (cells.slice(headerTexts.length).some((c) => c !== '')) {
      errors.push(extraCellsError(taskCode, item.line));
    }

    const heading = groupHeadingOf(cells, codeIndex);
    if (heading !== null) {
      groups.push({ ...heading, line: item.line });
      group = heading.code;
      last = null;
      continue;
    }

    let code: string;
    if (codeIndex < 0) {
      autoNumber += 1;
      code = String(autoNumber);
    } else if (stt === '') {
      if (last === null) {
        errors.push(strayTextError(item.line, filled.join(' ')));
      } else {
        mergeInto(last, cellsOf(cells));
      }
      continue;
    } else if (taskCode === null) {
      errors.push(badCodeError(item.line, stt, headerTexts[codeIndex]!));
      last = null;
      continue;
    } else {
      code = taskCode;
    }

    const rowGroup = groupOfTaskCode(code) ?? group;
    const row: PlanRow = { line: item.line, code, ref: code, group: rowGroup, cells: cellsOf(cells) };
    last = row;
    // Numbering may restart in each group (I.1, II.1): a code is unique within its group.
    const scoped = `${rowGroup ?? ''}|${code}`;
    if (!source.padShortRows && item.cells.length < headerTexts.length) {
      const missing = headerTexts.slice(item.cells.length).filter((h) => h !== '');
      errors.push(incompleteRowError(code, item.line, missing));
      firstLineOfCode.set(scoped, firstLineOfCode.get(scoped) ?? item.line);
      last = null;
      continue;
    }
    const firstLine = firstLineOfCode.get(scoped);
    if (firstLine !== undefined) {
      errors.push(duplicateCodeError(code, item.line, firstLine));
      continue;
    }
    firstLineOfCode.set(scoped, item.line);
    rows.push(row);
  }
  assignTaskRefs(rows);

  const hasDeadline = mapping.recognized.includes('deadline');
  for (const row of rows) {
    splitSupportFromLead(row);
    if (!row.cells.lead) errors.push(missingLeadError(row.code, row.line, headerOf('lead')));
    if (hasDeadline && !row.cells.deadline) {
      warnings.push(emptyDeadlineWarning(row.code, row.line, headerOf('deadline')));
    }
  }
  if (!hasDeadline) warnings.push(noDeadlineColumnWarning(header.line));
  if (rows.length === 0 && errors.length === 0) errors.push(noRowsError(header.line));

  const meta = extractPlanMeta(source.prose);
  const noun = foldForMatch(headerOf('title')).includes('mo hinh') ? 'mô hình' : 'nhiệm vụ';
  for (const announced of meta.announcedTasks) {
    if (announced !== rows.length) warnings.push(announcedTasksWarning(announced, rows.length, noun));
  }
  for (const announced of meta.announcedGroups) {
    if (announced !== groups.length) warnings.push(announcedGroupsWarning(announced, groups.length));
  }

  return { format, meta, columns: mapping.recognized, groups, rows, errors, warnings, prose: source.prose };
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
