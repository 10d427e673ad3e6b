import { buildPlanTable, tableFailure } from './build-plan-table.ts';
import { binaryFileError, emptyFileError, noHeaderError } from './plan-issues.ts';
import type { ParsedPlanTable } from './plan-table.ts';
import { findCellHeader, readCellItems } from './read-cell-per-line.ts';
import { findTabHeader, readTabItems } from './read-tab-separated.ts';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/gu;

/** True when the text is mostly not text: NUL bytes, control characters, replacement characters. */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const controls = text.match(CONTROL)?.length ?? 0;
  return controls > Math.max(3, text.length * 0.02);
}

/**
 * Parses a plan appendix pasted or uploaded as text. Detects the layout: tab-separated rows (a Word or
 * spreadsheet table copied to text, header rows repeated at page breaks, rows continued on the next
 * page with an empty STT) or one cell per line (text extracted from a PDF or DOCX). Reads the
 * document's facts from the prose before the table. Never throws: problems come back as errors (the
 * import must refuse) and warnings.
 */
export function parsePlanText(text: string): ParsedPlanTable {
  if (text.trim() === '') return tableFailure('tsv', [], [emptyFileError()]);
  if (looksBinary(text)) return tableFailure('tsv', [], [binaryFileError()]);
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u);

  const tabHeader = findTabHeader(lines);
  if (tabHeader >= 0) {
    return buildPlanTable({
      format: 'tsv',
      header: { cells: lines[tabHeader]!.split('\t'), line: tabHeader + 1 },
      items: readTabItems(lines, tabHeader),
      prose: lines.slice(0, tabHeader),
      padShortRows: false,
    });
  }

  const cellHeader = findCellHeader(lines);
  if (cellHeader !== null) {
    return buildPlanTable({
      format: 'cell-per-line',
      header: { cells: lines.slice(cellHeader.start, cellHeader.end), line: cellHeader.start + 1 },
      items: readCellItems(lines, cellHeader),
      prose: lines.slice(0, cellHeader.start),
      padShortRows: false,
    });
  }

  return tableFailure(text.includes('\t') ? 'tsv' : 'cell-per-line', lines, [noHeaderError()]);
}
