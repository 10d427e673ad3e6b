import type { RawTableItem } from './build-plan-table.ts';
import { isTableEnd, parseGroupHeading, parseTaskCode } from './plan-cell-text.ts';
import { looksLikeHeaderRow, recognizeColumn } from './recognize-columns.ts';

/** Where the header cells of a one-cell-per-line table are: lines[start] .. lines[end - 1]. */
export interface CellHeaderSpan {
  start: number;
  end: number;
}

const MAX_HEADER_CELLS = 15;

/**
 * Finds the header of a table extracted one cell per line: a run of consecutive non-blank lines that
 * starts with a known column name and reads as a header row. The run ends at a blank line or at the
 * first task number.
 */
export function findCellHeader(lines: readonly string[]): CellHeaderSpan | null {
  for (let start = 0; start < lines.length; start++) {
    if (recognizeColumn(lines[start]!) === null) continue;
    let end = start;
    while (
      end < lines.length &&
      end - start < MAX_HEADER_CELLS &&
      lines[end]!.trim() !== '' &&
      parseTaskCode(lines[end]!) === null
    ) {
      end += 1;
    }
    if (looksLikeHeaderRow(lines.slice(start, end))) return { start, end };
  }
  return null;
}

interface Cell {
  line: number;
  text: string;
}

/**
 * Splits the lines after the header into segments of cells. When the header cells (or most lines) start
 * with a tab (the extractor's cell mark), a tab-led line is a cell, a line without the mark continues the cell above,
 * a line with other leading white space before the tab ("  \t...", a page or cut mark) starts a new
 * segment, and a blank or space-only line ends the segment. Without the mark every non-blank line is a
 * cell and blank lines end segments.
 */
function segmentCells(lines: readonly string[], header: CellHeaderSpan): Cell[][] {
  const from = header.end;
  const body = lines.slice(from);
  const nonBlank = body.filter((l) => l.trim() !== '');
  const marked = nonBlank.filter((l) => l.startsWith('\t')).length;
  const headerMarked = lines.slice(header.start, header.end).every((l) => l.startsWith('\t'));
  const markMode = headerMarked || (nonBlank.length > 0 && marked >= nonBlank.length * 0.6);

  const segments: Cell[][] = [];
  let current: Cell[] = [];
  const close = (): void => {
    if (current.length > 0) segments.push(current);
    current = [];
  };
  body.forEach((raw, offset) => {
    const line = from + offset + 1;
    const lead = /^[ \t]*/u.exec(raw)![0];
    const rest = raw.slice(lead.length).trimEnd();
    if (!markMode) {
      if (rest === '') close();
      else current.push({ line, text: rest });
      return;
    }
    if (rest === '') {
      if (lead.startsWith('\t')) current.push({ line, text: '' });
      else close();
      return;
    }
    const previous = current[current.length - 1];
    if (lead === '\t') {
      current.push({ line, text: rest });
    } else if (lead.includes('\t')) {
      close();
      current.push({ line, text: rest });
    } else if (previous !== undefined) {
      previous.text += `\n${rest}`;
    } else {
      current.push({ line, text: rest });
    }
  });
  close();
  return segments;
}

function startsRecord(text: string): boolean {
  return text === '' || parseTaskCode(text) !== null || parseGroupHeading(text) !== null || isTableEnd(text);
}

/**
 * The records of a table extracted one cell per line. Each record starts with its STT and takes as many
 * cells as the header has; a record cut short by the end of its segment stays short (the builder calls
 * it incomplete); an empty first cell starts a continuation record; cells that start no record are
 * reported as text belonging to no row, except a repeated header. Assumes the STT is the first column,
 * as in extracted decisions.
 */
export function readCellItems(lines: readonly string[], header: CellHeaderSpan): RawTableItem[] {
  const width = header.end - header.start;
  const items: RawTableItem[] = [];
  for (const segment of segmentCells(lines, header)) {
    let i = 0;
    while (i < segment.length) {
      const cell = segment[i]!;
      const text = cell.text;
      const heading = parseGroupHeading(text);
      if (isTableEnd(text)) {
        items.push({ kind: 'record', line: cell.line, cells: [text] });
        return items;
      }
      if (parseTaskCode(text) === null && heading !== null) {
        const parts = heading.title === '' ? segment.slice(i, i + 2) : [cell];
        items.push({ kind: 'record', line: cell.line, cells: parts.map((c) => c.text) });
        i += parts.length;
        continue;
      }
      if (text === '' || parseTaskCode(text) !== null) {
        const taken = segment.slice(i, i + width);
        items.push({ kind: 'record', line: cell.line, cells: taken.map((c) => c.text) });
        i += taken.length;
        continue;
      }
      const stray = [cell];
      i += 1;
      while (i < segment.length && !startsRecord(segment[i]!.text)) stray.push(segment[i++]!);
      if (looksLikeHeaderRow(stray.map((c) => c.text))) continue;
      items.push({ kind: 'stray', line: cell.line, text: stray.map((c) => c.text).join(' ') });
    }
  }
  return items;
}
