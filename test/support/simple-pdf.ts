/**
 * Hand-written PDFs for tests: pages of ASCII text (Helvetica) and drawn lines, with the table borders
 * drawn the way a given producer draws them — stroked lines (LibreOffice), thin filled rectangles
 * (Word), or none at all — or no text (a scan).
 */

export type BorderStyle = 'stroke' | 'filled' | 'none';

/** A table drawn on one page: column widths, row height, cells' text (row by row), border style. */
export interface DrawnTable {
  left: number;
  top: number;
  widths: number[];
  rowHeight: number;
  rows: string[][];
  borders: BorderStyle;
}

const pdfString = (text: string) => text.replace(/[\\()]/gu, (c) => `\\${c}`);

/** Content stream of a table: cell texts, then the borders of every cell. */
export function drawTable(table: DrawnTable): string {
  const ops: string[] = [];
  const xs = [table.left];
  for (const w of table.widths) xs.push(xs.at(-1)! + w);
  table.rows.forEach((row, r) => {
    const y = table.top - (r + 1) * table.rowHeight;
    row.forEach((text, c) => {
      if (text !== '')
        ops.push(`BT /F1 8 Tf ${xs[c]! + 3} ${y + table.rowHeight - 11} Td (${pdfString(text)}) Tj ET`);
    });
  });
  if (table.borders === 'none') return ops.join('\n');
  const bottom = table.top - table.rows.length * table.rowHeight;
  const right = xs.at(-1)!;
  for (let r = 0; r <= table.rows.length; r++) {
    const y = table.top - r * table.rowHeight;
    ops.push(
      table.borders === 'stroke'
        ? `${table.left} ${y} m ${right} ${y} l S`
        : `${table.left} ${y - 0.25} ${right - table.left} 0.5 re f`,
    );
  }
  for (const x of xs) {
    ops.push(
      table.borders === 'stroke'
        ? `${x} ${bottom} m ${x} ${table.top} l S`
        : `${x - 0.25} ${bottom} 0.5 ${table.top - bottom} re f`,
    );
  }
  return ops.join('\n');
}

/** A PDF of the given page content streams (A4 landscape), Helvetica as /F1. */
export function simplePdf(pages: string[]): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const pageIds = pages.map((_, i) => 4 + i * 2);
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  pages.forEach((content, i) => {
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`,
    );
    add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  });
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
