import type { RawTableItem } from './build-plan-table.ts';
import { isTableEnd, parseGroupHeading, parseTaskCode } from './plan-cell-text.ts';
import { looksLikeHeaderRow } from './recognize-columns.ts';

/** Index of the first line whose tab-separated cells read as the table header, or -1. */
export function findTabHeader(lines: readonly string[]): number {
  return lines.findIndex((line) => line.includes('\t') && looksLikeHeaderRow(line.split('\t')));
}

/** How many lines a quoted cell may span before the quote is taken literally. */
const MAX_QUOTED_LINES = 30;

/**
 * True when the quote opened at lines[row][col] closes: a quote (not doubled) followed by a tab or the
 * end of a line. Otherwise the quote is plain text.
 */
function closingQuote(lines: readonly string[], row: number, col: number): boolean {
  let r = row;
  let c = col + 1;
  while (r < lines.length && r - row <= MAX_QUOTED_LINES) {
    const text = lines[r]!;
    while (c < text.length) {
      if (text[c] === '"') {
        if (text[c + 1] === '"') {
          c += 2;
          continue;
        }
        return c + 1 === text.length || text[c + 1] === '\t';
      }
      c += 1;
    }
    r += 1;
    c = 0;
  }
  return false;
}

/**
 * Reads one record starting at lines[start]: cells split on tabs; a cell that starts with a quote and
 * closes with one (as spreadsheets copy multi-line cells) may span lines, with "" for a quote.
 */
function readRecord(lines: readonly string[], start: number): { cells: string[]; next: number } {
  const cells: string[] = [];
  let row = start;
  let text = lines[row]!;
  let col = 0;
  let cell = '';
  let quoted = false;
  let atCellStart = true;
  for (;;) {
    if (col >= text.length) {
      if (quoted && row + 1 < lines.length) {
        row += 1;
        text = lines[row]!;
        col = 0;
        cell += '\n';
        continue;
      }
      cells.push(cell);
      return { cells, next: row + 1 };
    }
    const ch = text[col]!;
    if (quoted) {
      if (ch === '"' && text[col + 1] === '"') {
        cell += '"';
        col += 2;
      } else if (ch === '"') {
        quoted = false;
        col += 1;
      } else {
        cell += ch;
        col += 1;
      }
    } else if (ch === '\t') {
      cells.push(cell);
      cell = '';
      atCellStart = true;
      col += 1;
    } else {
      if (ch === '"' && atCellStart && closingQuote(lines, row, col)) {
        quoted = true;
      } else {
        cell += ch;
      }
      atCellStart = false;
      col += 1;
    }
  }
}

/**
 * The records after the header of a tab-separated table (Word or spreadsheet copied to text). A line
 * without tabs is a group heading ("I. VỀ ..."), the start of the text after the table, a lone task
 * number, or else text that belongs to no row.
 */
export function readTabItems(lines: readonly string[], headerIndex: number): RawTableItem[] {
  const items: RawTableItem[] = [];
  let i = headerIndex + 1;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const { cells, next } = readRecord(lines, i);
    if (cells.length === 1) {
      const text = cells[0]!.trim();
      const heading = parseGroupHeading(text);
      if ((heading !== null && heading.title !== '') || isTableEnd(text) || parseTaskCode(text) !== null) {
        items.push({ kind: 'record', line: i + 1, cells: [text] });
      } else {
        items.push({ kind: 'stray', line: i + 1, text });
      }
    } else {
      items.push({ kind: 'record', line: i + 1, cells });
    }
    i = next;
  }
  return items;
}
