/**
 * Reads a plan file into text or a grid of cells: tab-separated or one-cell-per-line text (UTF-8 with or
 * without BOM, UTF-16 LE/BE), CSV (comma, semicolon or tab), XLSX (first sheet or a named one), Word
 * (.docx) or PDF with a text layer. Anything else is refused with a reason the secretariat can act on.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { blocksFromPdfPages } from '../../domain/plan/blocks-from-pdf-pages.ts';
import {
  flattenMergedTable,
  type MergedCell,
  type MergedTable,
} from '../../domain/plan/flatten-merged-table.ts';
import { planGridFromBlocks } from '../../domain/plan/plan-grid-from-blocks.ts';
import { readDocxTables } from './read-docx-tables.ts';
import { readPdfTables } from './read-pdf-tables.ts';
import { MAX_UNPACKED_BYTES, zipUnpackedSize } from './read-zip-entries.ts';

export type PlanFileContent =
  | { ok: true; kind: 'text'; text: string }
  | { ok: true; kind: 'grid'; grid: string[][]; sheet?: string; container?: 'docx' | 'pdf' | 'xlsx' }
  | { ok: false; reason: string; reasonEn: string };

export interface ReadPlanFileOptions {
  fileName: string;
  /** XLSX: the sheet to read; the first sheet by default. */
  sheet?: string | undefined;
  /** Long files (PDF pages) report their progress here, e.g. to a progress line on standard error. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** The largest plan file read, in bytes (checked before anything is read). */
export const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;

function refuse(reason: string, reasonEn: string): PlanFileContent {
  return { ok: false, reason, reasonEn };
}

/** Decodes text bytes: BOMs, UTF-16 without BOM (many NUL bytes), strict UTF-8 otherwise. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return decodeStrict('utf-8', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeStrict('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeStrict('utf-16be', bytes.subarray(2));
  const sample = bytes.subarray(0, 4096);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? evenNul++ : oddNul++;
  const half = sample.length / 2;
  if (oddNul > half * 0.3 && evenNul === 0) return decodeStrict('utf-16le', bytes);
  if (evenNul > half * 0.3 && oddNul === 0) return decodeStrict('utf-16be', bytes);
  if (evenNul + oddNul > 0) return { ok: false };
  return decodeStrict('utf-8', bytes);
}

function decodeStrict(encoding: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false } {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    // Control characters other than tab/newline in quantity mean a binary file that happened to decode.
    const controls = text.match(/[\u0000-\u0008\u000E-\u001F]/gu)?.length ?? 0;
    return controls > Math.max(8, text.length / 100) ? { ok: false } : { ok: true, text };
  } catch {
    return { ok: false };
  }
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const d = value;
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array, sheetName: string | undefined): Promise<PlanFileContent> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return refuse(
      'Không đọc được tệp XLSX (tệp hỏng hoặc không phải Excel 2007 trở lên). Hãy lưu lại bằng Excel dạng .xlsx.',
      'Could not read the XLSX file (damaged, or not Excel 2007+). Save it again as .xlsx.',
    );
  }
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join(', ');
    return refuse(
      `Không có trang tính "${sheetName ?? ''}". Các trang có: ${names}`,
      `No sheet "${sheetName ?? ''}". Sheets: ${names}`,
    );
  }
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    grid[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
  });
  const rows = Array.from(grid, (r) => r ?? []);
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  return {
    ok: true,
    kind: 'grid',
    grid: applySheetMerges(rows, merges),
    sheet: sheet.name,
    container: 'xlsx',
  };
}

/** "B2:D5" -> 0-based {top, left, bottom, right}; null when not a range. */
function parseRange(range: string): { top: number; left: number; bottom: number; right: number } | null {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/u.exec(range.replace(/\$/gu, ''));
  if (!match) return null;
  const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return {
    top: Number(match[2]) - 1,
    left: column(match[1]!),
    bottom: Number(match[4]) - 1,
    right: column(match[3]!),
  };
}

/**
 * A sheet's merged ranges read the Word way (see {@link flattenMergedTable}): the value of a range
 * repeats on every row it covers and stays in its first column, and rows continuing a merged STT are
 * the same task. A sheet without merges is returned as it is.
 */
function applySheetMerges(rows: string[][], merges: readonly string[]): string[][] {
  const ranges = merges.map(parseRange).filter((r) => r !== null);
  if (ranges.length === 0) return rows;
  const width = Math.max(0, ...rows.map((r) => r.length), ...ranges.map((r) => r.right + 1));
  const rangeAt = (r: number, c: number) =>
    ranges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
  const table: MergedTable = {
    rows: rows.map((row, r) => {
      const cells: MergedCell[] = [];
      for (let c = 0; c < width; c++) {
        const range = rangeAt(r, c);
        if (range && c > range.left) continue;
        const span = range ? range.right - range.left + 1 : 1;
        cells.push({ text: row[c] ?? '', span, continuesAbove: range !== undefined && r > range.top });
      }
      return { cells };
    }),
  };
  return flattenMergedTable(table);
}

function readCsv(text: string): PlanFileContent {
  const firstLines = text.split(/\r?\n/u).slice(0, 20).join('\n');
  const counts = [',', ';', '\t'].map((d) => [d, firstLines.split(d).length] as const);
  const delimiter = counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
  try {
    const grid = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
    return { ok: true, kind: 'grid', grid };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return refuse(`Tệp CSV không hợp lệ: ${message}`, `Invalid CSV file: ${message}`);
  }
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An OLE compound file: Word 97–2003 (.doc), Excel 97–2003 (.xls), or a password-protected Office file. */
function isOle(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((b, i) => bytes[i] === b);
}

function refuseOle(name: string): PlanFileContent {
  if (name.endsWith('.xls')) {
    return refuse(
      'Tệp Excel 97–2003 (.xls) chưa được hỗ trợ: mở bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) dạng .xlsx rồi gửi lại.',
      'Excel 97–2003 (.xls) files are not supported: open it in Excel or LibreOffice, Save As .xlsx and send that.',
    );
  }
  return refuse(
    'Tệp Word 97–2003 (.doc) hoặc tệp Office có đặt mật khẩu chưa được hỗ trợ: mở bằng Word hoặc LibreOffice, bỏ mật khẩu nếu có, chọn Lưu thành (Save As) dạng Word (.docx) rồi gửi lại.',
    'Word 97–2003 (.doc) or password-protected Office files are not supported: open it in Word or LibreOffice, remove any password, Save As Word (.docx) and send that.',
  );
}

function refuseZipProblem(problem: 'damaged' | 'too-large' | 'not-word'): PlanFileContent {
  if (problem === 'too-large') {
    const mb = MAX_UNPACKED_BYTES / 1024 / 1024;
    return refuse(
      `Tệp giải nén ra hơn ${mb} MB (tệp bất thường, có thể là "zip bomb"): không đọc. Hãy lưu lại tệp chỉ gồm bảng phụ lục.`,
      `The file unpacks to more than ${mb} MB (abnormal, possibly a "zip bomb"): not read. Save a file with just the appendix table.`,
    );
  }
  return refuse(
    'Không đọc được tệp Word/Excel (DOCX/XLSX: tệp hỏng hoặc không đúng định dạng). Hãy mở và lưu lại dạng .docx hoặc .xlsx.',
    'Could not read the Word/Excel file (DOCX/XLSX: damaged or not that format). Open it and save it again as .docx or .xlsx.',
  );
}

function readDocx(bytes: Uint8Array): PlanFileContent {
  const read = readDocxTables(bytes);
  if (!read.ok) return refuseZipProblem(read.problem);
  if (!read.blocks.some((b) => b.kind === 'table')) {
    return refuse(
      'Tệp Word không có bảng nào: bảng phụ lục nhiệm vụ cần là một bảng Word (Insert → Table), không phải văn bản căn bằng tab hay ảnh chụp.',
      'The Word file has no table: the appendix must be a Word table, not text aligned with tabs or a picture.',
    );
  }
  return { ok: true, kind: 'grid', grid: planGridFromBlocks(read.blocks), container: 'docx' };
}

function isPdf(bytes: Uint8Array): boolean {
  // "%PDF-" within the first KB (some producers put bytes before it).
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

async function readPdf(bytes: Uint8Array, options: ReadPlanFileOptions): Promise<PlanFileContent> {
  const read = await readPdfTables(bytes, { onProgress: options.onProgress });
  if (read.ok)
    return {
      ok: true,
      kind: 'grid',
      grid: planGridFromBlocks(blocksFromPdfPages(read.pages)),
      container: 'pdf',
    };
  if (read.problem === 'no-text') {
    return refuse(
      'Tệp PDF không có lớp chữ (bản quét/ảnh chụp): bot không nhận dạng chữ (OCR). Hãy gửi tệp Word (.docx) của phụ lục, hoặc tệp PDF xuất trực tiếp từ Word.',
      'The PDF has no text layer (a scan or photo): the bot does no OCR. Send the appendix as Word (.docx), or a PDF exported from Word.',
    );
  }
  if (read.problem === 'encrypted') {
    return refuse(
      'Tệp PDF có đặt mật khẩu: hãy gửi bản không đặt mật khẩu.',
      'The PDF is password-protected: send a copy without a password.',
    );
  }
  return refuse('Không đọc được tệp PDF (tệp hỏng).', 'Could not read the PDF (damaged file).');
}

/** Opens a zip container: Word or Excel by its parts, after checking what it would unpack to. */
async function readOoxml(bytes: Uint8Array, options: ReadPlanFileOptions): Promise<PlanFileContent> {
  const sizes = zipUnpackedSize(bytes);
  if (!sizes) return refuseZipProblem('damaged');
  if (sizes.total > MAX_UNPACKED_BYTES) return refuseZipProblem('too-large');
  if (sizes.names.includes('word/document.xml')) return readDocx(bytes);
  if (sizes.names.includes('xl/workbook.xml') || options.fileName.toLowerCase().endsWith('.xlsx'))
    return readXlsx(bytes, options.sheet);
  return refuseZipProblem('not-word');
}

/**
 * Reads a plan file of any supported format, chosen by its content (the name only words the refusals).
 * Size limits are checked before reading: the file's own size, and what a zip container would unpack to.
 */
export async function readPlanFile(
  bytes: Uint8Array,
  options: ReadPlanFileOptions,
): Promise<PlanFileContent> {
  if (bytes.length === 0) return refuse('Tệp rỗng.', 'The file is empty.');
  if (bytes.length > MAX_PLAN_FILE_BYTES)
    return refuse('Tệp lớn hơn 20 MB.', 'The file is larger than 20 MB.');
  const name = options.fileName.toLowerCase();
  if (isOle(bytes)) return refuseOle(name);
  if (isPdf(bytes)) return readPdf(bytes, options);
  if (isZip(bytes)) return readOoxml(bytes, options);
  if (name.endsWith('.docx') || name.endsWith('.doc')) return refuseZipProblem('damaged');
  if (name.endsWith('.xlsx') || name.endsWith('.xls')) {
    return refuse(
      'Tệp không phải định dạng .xlsx hợp lệ (tệp .xls cũ: hãy lưu lại dạng .xlsx).',
      'Not a valid .xlsx file (old .xls: save it as .xlsx).',
    );
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    return refuse(
      'Không đọc được tệp: không phải văn bản UTF-8/UTF-16, CSV, XLSX, Word (.docx) hay PDF (có thể là tệp nhị phân hoặc mã hóa cũ như TCVN3/VNI). Hãy lưu lại dạng UTF-8.',
      'Unreadable file: not UTF-8/UTF-16 text, CSV, XLSX, Word (.docx) or PDF (binary, or a legacy encoding such as TCVN3/VNI). Save it as UTF-8.',
    );
  }
  return name.endsWith('.csv') ? readCsv(decoded.text) : { ok: true, kind: 'text', text: decoded.text };
}
