/**
 * Reads a Word (.docx) document body into its paragraphs and tables, in document order, with the
 * tables' merges as Word records them (`gridSpan`, `vMerge`, `gridBefore`). Text only: formatting,
 * drawings, text boxes, deleted revisions and field codes are left out; the fallback copy of
 * alternate content is skipped so nothing is read twice.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { MergedCell, MergedRow, MergedTable } from '../../domain/plan/flatten-merged-table.ts';
import type { DocumentBlock } from '../../domain/plan/plan-grid-from-blocks.ts';
import { readZipEntries } from './read-zip-entries.ts';

export type DocxContent =
  | { ok: true; blocks: DocumentBlock[] }
  | { ok: false; problem: 'damaged' | 'too-large' | 'not-word' };

const DOCUMENT_PART = 'word/document.xml';

/** Elements whose whole content is not part of the document's visible text flow. */
const SKIPPED = new Set(['Fallback', 'del', 'moveFrom', 'txbxContent', 'instrText', 'delText']);

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

interface TableBuilder {
  rows: MergedRow[];
  row: MergedRow | null;
  cell: { text: string[]; span: number; continuesAbove: boolean } | null;
}

/** Everything the SAX walk keeps while it reads the body. */
class BodyWalker {
  readonly blocks: DocumentBlock[] = [];
  private readonly tables: TableBuilder[] = [];
  private paragraph: string[] | null = null;
  private inText = false;
  private skipDepth = 0;

  open(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    if (this.skipDepth > 0 || SKIPPED.has(name)) {
      this.skipDepth += 1; // saxes closes self-closing tags too, so every open is matched
      return;
    }
    const table = this.tables.at(-1);
    const attr = (key: string): string | undefined => tag.attributes[`w:${key}`] ?? tag.attributes[key];
    switch (name) {
      case 'tbl':
        this.tables.push({ rows: [], row: null, cell: null });
        break;
      case 'tr':
        if (table) table.row = { cells: [] };
        break;
      case 'gridBefore':
        if (table?.row) table.row.before = Number(attr('val')) || 0;
        break;
      case 'tc':
        if (table) table.cell = { text: [], span: 1, continuesAbove: false };
        break;
      case 'gridSpan':
        if (table?.cell) table.cell.span = Math.max(1, Number(attr('val')) || 1);
        break;
      case 'vMerge':
        if (table?.cell) table.cell.continuesAbove = (attr('val') ?? 'continue') !== 'restart';
        break;
      case 'p':
        this.paragraph = [];
        break;
      case 't':
        this.inText = true;
        break;
      case 'br':
      case 'cr':
        this.paragraph?.push('\n');
        break;
      case 'tab':
        // A tab inside a run (not a tab stop definition in paragraph properties).
        if (attr('pos') === undefined) this.paragraph?.push(' ');
        break;
      case 'noBreakHyphen':
        this.paragraph?.push('-');
        break;
    }
  }

  text(text: string): void {
    if (this.skipDepth === 0 && this.inText) this.paragraph?.push(text);
  }

  close(tagName: string): void {
    const name = localName(tagName);
    if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      return;
    }
    const table = this.tables.at(-1);
    switch (name) {
      case 't':
        this.inText = false;
        break;
      case 'p':
        this.endParagraph();
        break;
      case 'tc':
        if (table?.cell && table.row) table.row.cells.push(finishCell(table.cell));
        if (table) table.cell = null;
        break;
      case 'tr':
        if (table?.row) table.rows.push(table.row);
        if (table) table.row = null;
        break;
      case 'tbl':
        this.endTable();
        break;
    }
  }

  private endParagraph(): void {
    const text = (this.paragraph ?? []).join('');
    this.paragraph = null;
    const cell = this.tables.at(-1)?.cell;
    if (cell) cell.text.push(text);
    else if (this.tables.length === 0) this.blocks.push({ kind: 'paragraph', text });
  }

  private endTable(): void {
    const done = this.tables.pop();
    if (!done) return;
    const table: MergedTable = { rows: done.rows };
    const parentCell = this.tables.at(-1)?.cell;
    if (parentCell) {
      // A table nested in a cell is read as lines of that cell's text.
      for (const row of table.rows) parentCell.text.push(row.cells.map((c) => c.text).join(' '));
    } else {
      this.blocks.push({ kind: 'table', table });
    }
  }
}

function finishCell(cell: { text: string[]; span: number; continuesAbove: boolean }): MergedCell {
  const lines = cell.text.map((line) => line.replace(/[ \t\u00a0]+/gu, ' ').trim());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  return { text: lines.join('\n'), span: cell.span, continuesAbove: cell.continuesAbove };
}

/**
 * Reads the body of a .docx: paragraphs outside tables and top-level tables, in order. Refuses
 * (never throws) an archive that is damaged, too large to unpack, or has no Word document part.
 */
export function readDocxTables(bytes: Uint8Array): DocxContent {
  const entries = readZipEntries(bytes, (name) => name === DOCUMENT_PART);
  if (!entries.ok) return entries;
  const xml = entries.files[DOCUMENT_PART];
  if (!xml) return { ok: false, problem: 'not-word' };
  const walker = new BodyWalker();
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => walker.open(tag));
  parser.on('closetag', (tag) => walker.close(tag.name));
  parser.on('text', (text) => walker.text(text));
  try {
    parser.write(new TextDecoder('utf-8').decode(xml)).close();
  } catch {
    return { ok: false, problem: 'damaged' };
  }
  return { ok: true, blocks: walker.blocks };
}
