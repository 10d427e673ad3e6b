/**
 * A table as a document draws it — cells that span several grid columns, cells that continue the
 * vertical merge of the cell above — turned into the plain rows × cells grid the plan parsers read.
 * Shared by the Word, Excel and PDF readers, so that one merge rule holds for every container.
 */
import { parseTaskCode } from './plan-cell-text.ts';
import { looksLikeHeaderRow, mapHeaderCells } from './recognize-columns.ts';

/** One cell as the document holds it. */
export interface MergedCell {
  /** Text of the cell; paragraphs and line breaks inside it as "\n". */
  text: string;
  /** Grid columns the cell covers (Word `gridSpan`, an Excel or PDF cell wider than one column). */
  span: number;
  /** The cell continues the vertical merge of the cell above (Word `vMerge` without "restart"). */
  continuesAbove: boolean;
}

/** One row of a merged table. */
export interface MergedRow {
  cells: MergedCell[];
  /** Grid columns left empty before the first cell (Word `gridBefore`). */
  before?: number;
  /**
   * The first row of the table on a new page (PDF): its empty cells may be the rest of a merged cell
   * whose text was drawn on the page before, so a merge continuing from them repeats that text.
   */
  breakBefore?: boolean;
}

export interface MergedTable {
  rows: MergedRow[];
}

/** A grid slot after placing the cells: its text and whether it repeats the cell above. */
interface Slot {
  text: string;
  fromAbove: boolean;
  /** What a vertical merge continuing from this slot repeats (the text, or one carried over a page break). */
  carried: string;
  /** Empty at the top of a page under a merge still open at the end of the page before. */
  underOpenMerge?: boolean;
}

/** Places every cell on the grid: a span's text in its first column, a continued merge repeats the text above. */
function placeCells(table: MergedTable): Slot[][] {
  const slots: Slot[][] = [];
  for (const row of table.rows) {
    const placed: Slot[] = [];
    const empty = (): Slot => ({ text: '', fromAbove: false, carried: '' });
    for (let i = 0; i < (row.before ?? 0); i++) placed.push(empty());
    for (const cell of row.cells) {
      const above = slots.at(-1)?.[placed.length];
      if (cell.continuesAbove) {
        const text = above?.carried ?? '';
        placed.push({ text, fromAbove: above !== undefined, carried: text });
      } else {
        const carries = row.breakBefore === true && cell.text.trim() === '';
        const carried = carries ? (above?.carried ?? '') : cell.text;
        placed.push({
          text: cell.text,
          fromAbove: false,
          carried,
          underOpenMerge: carries && above?.fromAbove,
        });
      }
      for (let i = 1; i < Math.max(1, cell.span); i++) placed.push(empty());
    }
    slots.push(placed);
  }
  return slots;
}

/**
 * Two header rows ("Cơ quan thực hiện" above "Chủ trì" | "Phối hợp"): one header whose cells take the
 * lower row's wording where it says something of its own.
 */
function mergeHeaderRows(upper: readonly Slot[], lower: readonly Slot[]): Slot[] {
  const width = Math.max(upper.length, lower.length);
  return Array.from({ length: width }, (_, i) => {
    const low = lower[i];
    const up = upper[i] ?? { text: '', fromAbove: false, carried: '' };
    return low && !low.fromAbove && low.text.trim() !== '' ? { ...low, fromAbove: false } : up;
  });
}

/** How a continuation row's own text joins the task's: agencies as a list, other text line by line. */
function joinDistinct(before: string, more: string, separator: string): string {
  if (more.trim() === '' || before.split(separator).includes(more)) return before;
  return before.trim() === '' ? more : `${before}${separator}${more}`;
}

/**
 * Flattens a merged table to rows of cell strings, guaranteeing:
 * - a vertically merged cell repeats its text on every row it covers (a deadline or lead cell shared
 *   by several tasks belongs to each of them);
 * - a horizontally merged cell keeps the columns aligned: its text in its first column, the others empty;
 * - a two-row header becomes one header row;
 * - a row whose STT cell continues the merge of the task above is the same task, not a new one: its own
 *   cells (a second product or deadline) are added to the task's — agencies joined with "; ", other
 *   text on a new line, each distinct text once (also when the task's first part ended a page).
 */
export function flattenMergedTable(table: MergedTable): string[][] {
  const slots = placeCells(table);
  const headerIndex = slots.findIndex((row) => looksLikeHeaderRow(row.map((s) => s.text)));
  if (headerIndex >= 0 && slots[headerIndex + 1]) {
    const next = slots[headerIndex + 1]!;
    const combined = mergeHeaderRows(slots[headerIndex]!, next);
    const isSecondHeader = next.some((s) => s.fromAbove) && looksLikeHeaderRow(combined.map((s) => s.text));
    if (isSecondHeader) slots.splice(headerIndex, 2, combined);
  }
  const header = headerIndex >= 0 ? slots[headerIndex]!.map((s) => s.text) : [];
  const columns = mapHeaderCells(header).columns;
  const codeIndex = Math.max(0, columns.indexOf('code'));
  const separatorOf = (i: number): string =>
    columns[i] === 'lead' || columns[i] === 'support' ? '; ' : '\n';

  const out: string[][] = [];
  let lastTask: string[] | null = null;
  slots.forEach((row, index) => {
    const code = row[codeIndex];
    // A new task first on a page, under a merged cell still open at the end of the page before: the
    // merged text is its own too (a deadline shared by the tasks on both sides of the break).
    const newTask = parseTaskCode((code?.text ?? '').trim()) !== null;
    const texts = row.map((s) => (newTask && s.underOpenMerge ? s.carried : s.text));
    if (index > headerIndex && lastTask && code?.fromAbove) {
      const task = lastTask;
      // The task's part on a new page: its agencies continue a list begun on the page before.
      const isPart = (task[codeIndex] ?? '').trim() === '';
      row.forEach((slot, i) => {
        if (slot.fromAbove) return;
        const separator = separatorOf(i);
        const before = task[i] ?? '';
        const lead =
          isPart && before.trim() === '' && separator === '; ' && slot.text.trim() !== '' ? '; ' : '';
        task[i] = lead + joinDistinct(before, slot.text, separator);
      });
      return;
    }
    out.push(texts);
    // A row with an empty STT after a task, or first on a page, is a task's part after a page break.
    const stt = (code?.text ?? '').trim();
    const continues = lastTask !== null || index === headerIndex + 1 || index === 0;
    const isTask = parseTaskCode(stt) !== null || (stt === '' && continues);
    lastTask = index > headerIndex && isTask && !looksLikeHeaderRow(texts) ? texts : null;
  });
  return out;
}
