import { buildPlanTable, tableFailure } from './build-plan-table.ts';
import { emptyFileError, noHeaderError } from './plan-issues.ts';
import type { ParsedPlanTable } from './plan-table.ts';
import { looksLikeHeaderRow } from './recognize-columns.ts';

/**
 * Parses a plan appendix already decoded to rows of cells (CSV, XLSX sheet). The header row is found
 * wherever it is (titles and the "Ban hành kèm theo ..." line often come first and are read for the
 * document's facts). Row numbers in issues are 1-based grid rows. Short rows are padded, since
 * spreadsheets drop trailing empty cells. Never throws.
 */
export function parsePlanGrid(grid: string[][]): ParsedPlanTable {
  const rows = grid.map((row) => row.map((cell) => (typeof cell === 'string' ? cell : String(cell ?? ''))));
  const prose = (upTo: number): string[] =>
    rows.slice(0, upTo).map((row) => row.filter((c) => c.trim()).join(' '));
  if (rows.every((row) => row.every((cell) => cell.trim() === ''))) {
    return tableFailure('grid', [], [emptyFileError()]);
  }
  const headerIndex = rows.findIndex((row) => looksLikeHeaderRow(row));
  if (headerIndex < 0) return tableFailure('grid', prose(rows.length), [noHeaderError()]);
  return buildPlanTable({
    format: 'grid',
    header: { cells: rows[headerIndex]!, line: headerIndex + 1 },
    items: rows.slice(headerIndex + 1).map((cells, offset) => ({
      kind: 'record' as const,
      line: headerIndex + offset + 2,
      cells,
    })),
    prose: prose(headerIndex),
    padShortRows: true,
  });
}
