import { foldForMatch } from '../text/normalize-vietnamese.ts';
import type { PlanColumn } from './plan-table.ts';

/**
 * Header patterns on folded text (lower case, no diacritics, punctuation as spaces). Order matters:
 * "Cơ quan chủ trì thực hiện nhiệm vụ" is a lead column before it is a task column.
 */
const HEADER_PATTERNS: ReadonlyArray<readonly [PlanColumn, RegExp]> = [
  ['code', /^(stt|tt|so tt|so thu tu|thu tu)$/u],
  ['lead', /^((co quan|don vi|co quan don vi|don vi co quan) )?chu tri( .*)?$/u],
  // One column for both roles ("Cơ quan thực hiện"): its cells say "chủ trì" and "phối hợp" themselves.
  [
    'lead',
    /^((co quan|don vi|co quan don vi|don vi co quan|bo phan) )?(thuc hien|chiu trach nhiem|phu trach)$|^(trach nhiem|phan cong)( thuc hien)?$/u,
  ],
  ['support', /^((co quan|don vi|co quan don vi|don vi co quan) )?phoi hop( .*)?$/u],
  ['deadline', /^(thoi gian|thoi han|tien do|moc thoi gian)( .*)?$/u],
  ['output', /^(ket qua|san pham)( .*)?$/u],
  ['objective', /^(muc tieu|yeu cau)( .*)?$/u],
  ['title', /^((ten|noi dung) )?(mo hinh|nhiem vu|noi dung|cong viec)( .*)?$/u],
];

/** Headers are short; a long cell is data even if it starts with "tiến độ" or "nội dung". */
const MAX_HEADER_WORDS = 9;

/**
 * Maps one header cell to a plan column by its Vietnamese wording (with or without diacritics, any
 * case, markup and line breaks allowed): "STT", "Mô hình", "Nội dung, nhiệm vụ cụ thể", "Mục tiêu, yêu
 * cầu", "Cơ quan (đơn vị) chủ trì", "Đơn vị phối hợp", "Kết quả sản phẩm", "Thời gian hoàn thành", ...
 * Returns null for headers the bot does not use ("Ghi chú", "Kinh phí").
 */
export function recognizeColumn(header: string): PlanColumn | null {
  const key = foldForMatch(header).replace(/[/%&]/gu, ' ').replace(/\s+/gu, ' ').trim();
  if (key === '' || key.split(' ').length > MAX_HEADER_WORDS) return null;
  for (const [column, pattern] of HEADER_PATTERNS) {
    if (pattern.test(key)) return column;
  }
  return null;
}

/** How a row of header cells maps to plan columns. */
export interface HeaderMapping {
  /** Per header cell: its column, or null when unknown or a repeat of an earlier column. */
  columns: (PlanColumn | null)[];
  /** Recognised columns in table order, each once. */
  recognized: PlanColumn[];
  /** Indices of cells that named a column already taken by an earlier cell. */
  duplicates: number[];
}

/** Recognises every cell of a header row; the first cell naming a column wins. */
export function mapHeaderCells(cells: readonly string[]): HeaderMapping {
  const columns: (PlanColumn | null)[] = [];
  const recognized: PlanColumn[] = [];
  const duplicates: number[] = [];
  cells.forEach((cell, index) => {
    const column = recognizeColumn(cell);
    if (column !== null && recognized.includes(column)) {
      duplicates.push(index);
      columns.push(null);
    } else {
      if (column !== null) recognized.push(column);
      columns.push(column);
    }
  });
  return { columns, recognized, duplicates };
}

/**
 * True when a row of cells reads as the table's header row: at least two distinct known columns, one of
 * them the STT or the lead column, or at least three known columns.
 */
export function looksLikeHeaderRow(cells: readonly string[]): boolean {
  const { recognized } = mapHeaderCells(cells);
  if (recognized.length >= 3) return true;
  return recognized.length >= 2 && (recognized.includes('code') || recognized.includes('lead'));
}

/** Columns a plan table must have to be imported. */
export const REQUIRED_COLUMNS: readonly PlanColumn[] = ['title', 'lead'];
