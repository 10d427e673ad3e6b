/**
 * Reads a plan file into text or a grid of cells: tab-separated or one-cell-per-line text (UTF-8 with or
 * without BOM, UTF-16 LE/BE), CSV (comma, semicolon or tab), or XLSX (first sheet or a named one).
 * Anything else is refused with a reason the secretariat can act on.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export type PlanFileContent =
  | { ok: true; kind: 'text'; text: string }
  | { ok: true; kind: 'grid'; grid: string[][]; sheet?: string }
  | { ok: false; reason: string; reasonEn: string };

export interface ReadPlanFileOptions {
  fileName: string;
  /** XLSX: the sheet to read; the first sheet by default. */
  sheet?: string | undefined;
}

const MAX_BYTES = 20 * 1024 * 1024;

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
  return { ok: true, kind: 'grid', grid: Array.from(grid, (r) => r ?? []), sheet: sheet.name };
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

export async function readPlanFile(
  bytes: Uint8Array,
  options: ReadPlanFileOptions,
): Promise<PlanFileContent> {
  if (bytes.length === 0) return refuse('Tệp rỗng.', 'The file is empty.');
  if (bytes.length > MAX_BYTES) return refuse('Tệp lớn hơn 20 MB.', 'The file is larger than 20 MB.');
  const name = options.fileName.toLowerCase();
  if (isZip(bytes)) {
    if (name.endsWith('.docx')) {
      return refuse(
        'Tệp Word (.docx) chưa được hỗ trợ: hãy sao chép bảng phụ lục sang tệp .txt, hoặc lưu thành .xlsx/.csv.',
        'Word files are not supported: copy the appendix table into a .txt file, or save it as .xlsx/.csv.',
      );
    }
    return readXlsx(bytes, options.sheet);
  }
  if (name.endsWith('.xlsx') || name.endsWith('.xls')) {
    return refuse(
      'Tệp không phải định dạng .xlsx hợp lệ (tệp .xls cũ: hãy lưu lại dạng .xlsx).',
      'Not a valid .xlsx file (old .xls: save it as .xlsx).',
    );
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    return refuse(
      'Không đọc được tệp: không phải văn bản UTF-8/UTF-16, CSV hay XLSX (có thể là tệp nhị phân hoặc mã hóa cũ như TCVN3/VNI). Hãy lưu lại dạng UTF-8.',
      'Unreadable file: not UTF-8/UTF-16 text, CSV or XLSX (binary, or a legacy encoding such as TCVN3/VNI). Save it as UTF-8.',
    );
  }
  return name.endsWith('.csv') ? readCsv(decoded.text) : { ok: true, kind: 'text', text: decoded.text };
}
