/**
 * Rebuilds the tables of a PDF from what its pages draw: text pieces at positions, and the ruling
 * lines of the table borders (stroked lines, or thin filled rectangles — producers differ). Pure: the
 * pages come already read (handlers/plan-import/read-pdf-tables.ts).
 *
 * Coordinates are PDF user space of the page: x to the right, y up, in points.
 */
import { joinContinuation } from './build-plan-table.ts';
import type { MergedCell, MergedRow, MergedTable } from './flatten-merged-table.ts';
import type { DocumentBlock } from './plan-grid-from-blocks.ts';
import { looksLikeHeaderRow } from './recognize-columns.ts';

/** A run of text as the page draws it: baseline start (x, y), advance width, font size. */
export interface PdfText {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** An axis-aligned line segment: a horizontal rule (y1 = y2) or a vertical one (x1 = x2). */
export interface PdfRule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PdfPage {
  texts: PdfText[];
  rules: PdfRule[];
}

/** Points two positions may differ by and still be one line. */
const SNAP = 2;

const isHorizontal = (r: PdfRule) => Math.abs(r.y1 - r.y2) <= 0.5;

/** Distinct positions, each cluster of values within {@link SNAP} as its mean, ascending. */
function clusterPositions(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && v - last.at(-1)! <= SNAP) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const normal = (r: PdfRule): PdfRule => ({
  x1: Math.min(r.x1, r.x2),
  x2: Math.max(r.x1, r.x2),
  y1: Math.min(r.y1, r.y2),
  y2: Math.max(r.y1, r.y2),
});

/** Groups rules that touch into tables (connected components of their boxes, grown by {@link SNAP}). */
function groupRules(rules: readonly PdfRule[]): PdfRule[][] {
  const parent = rules.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    return root;
  };
  const touch = (a: Box, b: Box) =>
    a.x1 - SNAP <= b.x2 && b.x1 - SNAP <= a.x2 && a.y1 - SNAP <= b.y2 && b.y1 - SNAP <= a.y2;
  const order = rules.map((_, i) => i).sort((a, b) => rules[a]!.x1 - rules[b]!.x1);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    for (let m = k + 1; m < order.length; m++) {
      const j = order[m]!;
      if (rules[j]!.x1 - SNAP > rules[i]!.x2) break;
      if (touch(rules[i]!, rules[j]!)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, PdfRule[]>();
  rules.forEach((r, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  });
  return [...groups.values()];
}

/** True when some rule at `at` (within SNAP) covers the point `along` of the other axis. */
function covered(rules: readonly PdfRule[], horizontal: boolean, at: number, along: number): boolean {
  return rules.some((r) =>
    horizontal
      ? Math.abs(r.y1 - at) <= SNAP && r.x1 - SNAP <= along && along <= r.x2 + SNAP
      : Math.abs(r.x1 - at) <= SNAP && r.y1 - SNAP <= along && along <= r.y2 + SNAP,
  );
}

/** A table found on a page: its grid lines and the rules that draw it. */
interface RuledTable {
  box: Box;
  xs: number[];
  ys: number[];
  rules: PdfRule[];
}

function ruledTables(page: PdfPage): RuledTable[] {
  const rules = page.rules.map(normal).filter((r) => r.x2 - r.x1 > SNAP || r.y2 - r.y1 > SNAP);
  return groupRules(rules)
    .map((group) => {
      const xs = clusterPositions(group.filter((r) => !isHorizontal(r)).map((r) => r.x1));
      const ys = clusterPositions(group.filter(isHorizontal).map((r) => r.y1)).reverse();
      const box = {
        x1: Math.min(...group.map((r) => r.x1)),
        x2: Math.max(...group.map((r) => r.x2)),
        y1: Math.min(...group.map((r) => r.y1)),
        y2: Math.max(...group.map((r) => r.y2)),
      };
      return { box, xs, ys, rules: group };
    })
    .filter((t) => t.xs.length >= 2 && t.ys.length >= 2);
}

/** The text of pieces in reading order: lines top to bottom, joined as page breaks are (see joinContinuation). */
export function textOfPieces(pieces: readonly PdfText[]): string {
  const lines: PdfText[][] = [];
  const sorted = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  for (const piece of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - piece.y) <= Math.max(1.5, piece.size * 0.4)) line.push(piece);
    else lines.push([piece]);
  }
  const texts = lines.map((line) => {
    line.sort((a, b) => a.x - b.x);
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const p of line) {
      const gap = p.x - end > p.size * 0.15;
      text += text !== '' && gap && !text.endsWith(' ') && !p.str.startsWith(' ') ? ` ${p.str}` : p.str;
      end = p.x + p.width;
    }
    return text.replace(/\s+/gu, ' ').trim();
  });
  return texts.filter((t) => t !== '').reduce((all, t) => (all === '' ? t : joinLines(all, t)), '');
}

/** Wrapped lines: a word hyphenated at the line end ("QĐ-" / "UBND") is joined without a space. */
function joinLines(before: string, more: string): string {
  return /[\p{L}\d]-$/u.test(before) ? `${before}${more}` : joinContinuation(before, more);
}

/** Pieces of one text line split where a wide gap separates them (two columns of a letterhead). */
function splitAtGaps(line: readonly PdfText[]): PdfText[][] {
  const parts: PdfText[][] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const p of [...line].sort((a, b) => a.x - b.x)) {
    if (parts.length === 0 || p.x - end > p.size * 2) parts.push([p]);
    else parts.at(-1)!.push(p);
    end = Math.max(end, p.x + p.width);
  }
  return parts;
}

/** The slot of a text piece in a table's grid, or null when it lies outside. */
function slotOf(table: RuledTable, piece: PdfText): { row: number; col: number } | null {
  const x = piece.x + Math.min(piece.width / 2, piece.size);
  const y = piece.y + piece.size * 0.3;
  const col = table.xs.findIndex((left, i) => i + 1 < table.xs.length && x >= left && x < table.xs[i + 1]!);
  const row = table.ys.findIndex((top, i) => i + 1 < table.ys.length && y <= top && y > table.ys[i + 1]!);
  return col < 0 || row < 0 ? null : { row, col };
}

/**
 * Cells from the grid lines: a slot joins the slot to its left when no vertical rule separates them
 * (a span), and continues the slot above when no horizontal rule does (a vertical merge, whose text —
 * often drawn in the middle of the merged area — is moved to the merge's first row).
 */
function tableOfRuled(table: RuledTable, pieces: readonly PdfText[]): MergedTable {
  const rowsCount = table.ys.length - 1;
  const colsCount = table.xs.length - 1;
  const slotText: PdfText[][][] = Array.from({ length: rowsCount }, () =>
    Array.from({ length: colsCount }, () => []),
  );
  for (const piece of pieces) {
    const slot = slotOf(table, piece);
    if (slot) slotText[slot.row]![slot.col]!.push(piece);
  }
  const midX = (c: number) => (table.xs[c]! + table.xs[c + 1]!) / 2;
  const midY = (r: number) => (table.ys[r]! + table.ys[r + 1]!) / 2;
  const joinsLeft = (r: number, c: number) => c > 0 && !covered(table.rules, false, table.xs[c]!, midY(r));
  const joinsAbove = (r: number, c: number) => r > 0 && !covered(table.rules, true, table.ys[r]!, midX(c));
  const origin: number[][] = Array.from({ length: rowsCount }, () => Array(colsCount).fill(0));
  const rows: MergedRow[] = [];
  for (let r = 0; r < rowsCount; r++) {
    const cells: MergedCell[] = [];
    for (let c = 0; c < colsCount; c++) {
      if (joinsLeft(r, c) && cells.length > 0) {
        cells.at(-1)!.span += 1;
        origin[r]![c] = origin[r]![c - 1]!;
      } else {
        cells.push({ text: '', span: 1, continuesAbove: joinsAbove(r, c) });
        origin[r]![c] = joinsAbove(r, c) ? origin[r - 1]![c]! : r;
      }
    }
    rows.push({ cells });
  }
  // Text of every slot goes to the first row of its vertical merge, the first column of its span.
  const textOf: PdfText[][][] = Array.from({ length: rowsCount }, () =>
    Array.from({ length: colsCount }, () => []),
  );
  for (let r = 0; r < rowsCount; r++) {
    for (let c = 0; c < colsCount; c++) {
      let first = c;
      while (first > 0 && joinsLeft(r, first)) first--;
      textOf[origin[r]![c]!]![first]!.push(...slotText[r]![c]!);
    }
  }
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      if (!cell.continuesAbove) cell.text = textOfPieces(textOf[r]![c]!);
      c += cell.span;
    }
  });
  return { rows };
}

/** Text lines of pieces outside the tables, as paragraphs in reading order. */
function paragraphsOf(pieces: readonly PdfText[]): { y: number; block: DocumentBlock }[] {
  const lines: PdfText[][] = [];
  for (const piece of [...pieces].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - piece.y) <= Math.max(1.5, piece.size * 0.4)) line.push(piece);
    else lines.push([piece]);
  }
  return lines.flatMap((line) =>
    splitAtGaps(line).map((part) => ({
      y: line[0]!.y,
      block: { kind: 'paragraph' as const, text: textOfPieces(part) },
    })),
  );
}

const inside = (box: Box, p: PdfText) =>
  p.x + 1 >= box.x1 - SNAP && p.x + 1 <= box.x2 + SNAP && p.y >= box.y1 - SNAP && p.y <= box.y2 + SNAP;

/**
 * Without ruling lines: the columns start where the header row's words start. The header is the first
 * line (or two lines) of text whose pieces read as a plan header; every later line is cut at those
 * starts, and a line whose first column holds a number starts a new row.
 */
function tableFromHeaderText(pieces: readonly PdfText[]): { table: MergedTable; top: number } | null {
  const lines = paragraphsOf(pieces);
  const sortedPieces = [...pieces].sort((a, b) => b.y - a.y || a.x - b.x);
  const lineOf = (y: number) => sortedPieces.filter((p) => Math.abs(p.y - y) <= Math.max(1.5, p.size * 0.4));
  for (const line of lines) {
    const words = lineOf(line.y).sort((a, b) => a.x - b.x);
    const starts = words.map((w) => w.x);
    if (!looksLikeHeaderRow(words.map((w) => w.str))) continue;
    const xs = [...starts, Number.POSITIVE_INFINITY];
    const cut = (ps: readonly PdfText[]) =>
      xs
        .slice(0, -1)
        .map((left, i) => textOfPieces(ps.filter((p) => p.x >= left - SNAP && p.x < xs[i + 1]! - SNAP)));
    const body = sortedPieces.filter((p) => p.y < line.y - 1);
    const rows: MergedRow[] = [
      { cells: cut(words).map((text) => ({ text, span: 1, continuesAbove: false })) },
    ];
    let current: PdfText[] = [];
    const flush = () => {
      if (current.length > 0)
        rows.push({ cells: cut(current).map((text) => ({ text, span: 1, continuesAbove: false })) });
      current = [];
    };
    const bodyLines = [...new Set(paragraphsOf(body).map((p) => p.y))];
    for (const y of bodyLines) {
      const ps = lineOf(y);
      const first = ps
        .filter((p) => p.x < xs[1]! - SNAP)
        .map((p) => p.str.trim())
        .join('');
      if (/^\d{1,3}[.)]?$|^[IVXL]{1,5}[.)]?$/u.test(first)) flush();
      current.push(...ps);
    }
    flush();
    return { table: { rows }, top: line.y };
  }
  return null;
}

/** Rows of a page's table that form its (possibly repeated) header: none when it has none on top. */
function headerRowCount(table: MergedTable): number {
  const texts = (row: MergedRow) => row.cells.map((c) => c.text);
  const h = table.rows.slice(0, 3).findIndex((row) => looksLikeHeaderRow(texts(row)));
  if (h < 0) return 0;
  return h + 1 + (table.rows[h + 1]?.cells.some((c) => c.continuesAbove) ? 1 : 0);
}

const sameColumns = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= SNAP * 2);

/** A table that runs on from the previous page: its rows join the open table, without the repeated header. */
function continueTable(open: MergedTable, next: MergedTable): void {
  const body = next.rows.slice(headerRowCount(next));
  if (body[0]) body[0] = { ...body[0], breakBefore: true };
  open.rows.push(...body);
}

/**
 * The blocks of a PDF document in reading order: each page's text outside tables as paragraphs, and its
 * ruled tables. A table that starts a page with the same columns as the table that ended the page
 * before is the same table: its rows are added to it without the repeated header, so a cell merged
 * over the page break and a row cut by it stay whole. A page without ruling lines is read by the header
 * row's column starts.
 */
export function blocksFromPdfPages(pages: readonly PdfPage[]): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let open: { xs: number[]; table: MergedTable } | null = null;
  for (const page of pages) {
    const texts = page.texts.filter((t) => t.str.trim() !== '');
    const tables = ruledTables(page);
    if (tables.length === 0) {
      const fromText = tableFromHeaderText(texts);
      if (fromText) {
        const above = texts.filter((p) => p.y > fromText.top + 1);
        blocks.push(...paragraphsOf(above).map((p) => p.block), { kind: 'table', table: fromText.table });
        continue;
      }
    }
    const outside = texts.filter((p) => !tables.some((t) => inside(t.box, p)));
    const placed = [
      ...paragraphsOf(outside).map((p) => ({ ...p, xs: null as number[] | null })),
      ...tables.map((t) => ({
        y: t.box.y2,
        xs: t.xs,
        block: {
          kind: 'table' as const,
          table: tableOfRuled(
            t,
            texts.filter((p) => inside(t.box, p)),
          ),
        },
      })),
    ].sort((a, b) => b.y - a.y);
    let firstTable = true;
    for (const item of placed) {
      if (item.block.kind === 'table' && item.xs) {
        if (firstTable && open && sameColumns(open.xs, item.xs)) continueTable(open.table, item.block.table);
        else blocks.push(item.block);
        if (!(firstTable && open && sameColumns(open.xs, item.xs)))
          open = { xs: item.xs, table: item.block.table };
        firstTable = false;
      } else {
        blocks.push(item.block);
      }
    }
    if (firstTable) open = null;
  }
  return blocks;
}
