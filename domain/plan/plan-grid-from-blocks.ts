/**
 * A document read as blocks (paragraphs and tables, in order) turned into the grid the plan parser
 * reads: the document's own text first, one line per row (it feeds the plan's metadata: number,
 * issuing body, date), then the rows of the appendix table(s).
 */
import { flattenMergedTable, type MergedTable } from './flatten-merged-table.ts';
import { mapHeaderCells } from './recognize-columns.ts';

export type DocumentBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; table: MergedTable };

/** A table is a plan table when one of its first rows names at least the task and lead columns. */
function isPlanTable(rows: readonly string[][]): boolean {
  return rows.slice(0, 6).some((row) => {
    const { recognized } = mapHeaderCells(row);
    return recognized.includes('lead') && recognized.includes('title');
  });
}

const proseLines = (text: string): string[][] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => [line]);

/**
 * Builds the plan grid, guaranteeing: the text before the first plan table (paragraphs, and the lines of
 * layout tables such as the letterhead) comes first, one line per single-cell row; then every plan
 * table in order, each flattened by {@link flattenMergedTable}; a table without a header right after a
 * plan table and as wide continues it (a table split by hand at a page break). Text after the tables
 * (signatures, "Nơi nhận") is left out. Without any plan table, everything is returned in order so the
 * parser can say what it found.
 */
export function planGridFromBlocks(blocks: readonly DocumentBlock[]): string[][] {
  const flattened = blocks.map((block) =>
    block.kind === 'table' ? { block, rows: flattenMergedTable(block.table) } : { block, rows: [] },
  );
  const first = flattened.findIndex((b) => b.block.kind === 'table' && isPlanTable(b.rows));
  if (first < 0) {
    return flattened.flatMap((b) => (b.block.kind === 'paragraph' ? proseLines(b.block.text) : b.rows));
  }
  const grid: string[][] = [];
  for (const { block, rows } of flattened.slice(0, first)) {
    if (block.kind === 'paragraph') grid.push(...proseLines(block.text));
    else for (const row of rows) grid.push(...proseLines(row.filter((c) => c.trim()).join('\n')));
  }
  let width = 0;
  let continuing = false;
  for (const { block, rows } of flattened.slice(first)) {
    if (block.kind === 'paragraph') continue;
    const rowWidth = Math.max(0, ...rows.map((r) => r.length));
    if (isPlanTable(rows)) {
      grid.push(...rows);
      width = rowWidth;
      continuing = true;
    } else if (continuing && rowWidth === width) {
      grid.push(...rows);
    } else {
      continuing = false;
    }
  }
  return grid;
}
