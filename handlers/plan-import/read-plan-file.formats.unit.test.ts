/**
 * Plans in the files they come in: Word (.docx) with merged cells, PDF with a text layer (LibreOffice's
 * stroked ruling lines, Word's thin filled rectangles, or no lines), and the refusals (.doc, scans,
 * zip bombs). Every task of a real Lâm Đồng plan is checked, and each format gives the same tasks as
 * the same plan pasted as text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../domain/agency/agency-directory.ts';
import { BUILTIN_AGENCIES } from '../../domain/agency/builtin-directory.ts';
import { buildPlanPreview } from '../../domain/plan/build-plan-preview.ts';
import { parsePlanGrid } from '../../domain/plan/parse-plan-grid.ts';
import { parsePlanText } from '../../domain/plan/parse-plan-text.ts';
import type { ParsedPlanTable } from '../../domain/plan/plan-table.ts';
import { drawTable, simplePdf } from '../../test/support/simple-pdf.ts';
import { readPlanFile } from './read-plan-file.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/plans');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const directory = new AgencyDirectory(BUILTIN_AGENCIES);

async function parse(bytes: Uint8Array, fileName: string): Promise<ParsedPlanTable> {
  const content = await readPlanFile(bytes, { fileName });
  if (!content.ok) throw new Error(content.reasonEn);
  return content.kind === 'text' ? parsePlanText(content.text) : parsePlanGrid(content.grid);
}

const flat = (text: string | undefined) => (text ?? '').replace(/\s+/gu, ' ').trim();

/** What must agree between formats: each task's code, group, title, agencies and deadline. */
function tasksOf(table: ParsedPlanTable) {
  const preview = buildPlanPreview(table, directory);
  return preview.tasks.map((t) => ({
    code: t.code,
    group: t.group,
    title: flat(t.title),
    lead: t.lead,
    support: t.support,
    collective: t.collective,
    deadline: { ...t.deadline, raw: flat(t.deadline.raw) },
  }));
}

const groupSizes = (table: ParsedPlanTable) =>
  table.groups.map((g) => [g.code, table.rows.filter((r) => r.group === g.code).length]);

interface Expected {
  rows: [string, string, string, string, string, string[], string[]][];
}

describe('Word (.docx) plans', () => {
  const expected = JSON.parse(
    fixture('lamdong-cchc-2026-2030-plan.expected.json').toString('utf8'),
  ) as Expected;

  it('GIVEN the Lâm Đồng 2026–2030 plan THEN every task as the document says: 56 in 7 groups', async () => {
    const table = await parse(fixture('lamdong-cchc-2026-2030-plan.docx'), 'plan.docx');
    expect(table.errors).toEqual([]);
    expect(groupSizes(table)).toEqual([
      ['I', 4],
      ['II', 12],
      ['III', 5],
      ['IV', 4],
      ['V', 6],
      ['VI', 12],
      ['VII', 13],
    ]);
    // "Thời gian<br/>hoàn thành" is one header: the deadline column is recognised.
    expect(table.columns).toEqual(['code', 'title', 'output', 'deadline', 'lead', 'support']);
    const preview = buildPlanPreview(table, directory);
    // Numbering restarts in each group: the STT is kept as written, the task's identity is group + STT.
    expect(table.rows.every((r) => r.ref === `${r.group}.${r.code}` || r.ref === r.code)).toBe(true);
    expect(table.rows.filter((r) => r.ref === r.code).map((r) => r.code)).toEqual(['13']);
    const rows = table.rows.map((r, i) => [
      r.ref,
      r.group,
      r.cells.lead ?? '',
      r.cells.support ?? '',
      r.cells.deadline ?? '',
      preview.tasks[i]!.lead,
      preview.tasks[i]!.support,
    ]);
    expect(rows).toEqual(expected.rows);
  });

  it('GIVEN merged cells THEN vMerge sub-rows stay one task, gridSpan keeps columns, "09" is task 9', async () => {
    const table = await parse(fixture('lamdong-cchc-2026-2030-plan.docx'), 'plan.docx');
    const row = (ref: string) => table.rows.find((r) => r.ref === ref)!;
    // A second product/deadline row made by vMerge: one task, both products, both deadlines in order.
    expect(row('VII.2').cells.output).toBe(
      'Kế hoạch kiểm tra cải cách hành chính hằng năm của tỉnh\nKế hoạch tự kiểm tra cải cách hành chính hằng năm của cơ quan, đơn vị, địa phương',
    );
    expect(row('VII.5').cells.deadline).toBe('Thường xuyên trong tháng\nTrước ngày 05 của tháng liền kề');
    expect(row('VII.5').cells.lead).toBe('Các cơ quan, đơn vị, địa phương; Sở Nội vụ');
    // Phối hợp and Theo dõi merged by gridSpan=2: the text stays in Phối hợp.
    expect(row('VII.1').cells.support).toBe('Sở Nội vụ');
    // Chủ trì and Phối hợp merged: the text is the lead, the support column stays empty.
    expect(row('II.5').cells.support).toBeUndefined();
    expect(row('VII.9').cells.title).toMatch(/^Thường xuyên thực hiện khảo sát/u);
    expect(table.meta).toMatchObject({
      title: 'Cải cách hành chính nhà nước giai đoạn 2026 - 2030 của tỉnh Lâm Đồng',
      documentNumber: null,
      issuingBody: 'ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG',
      issueDate: null,
      province: 'Lâm Đồng',
    });
    expect(row('VII.9').code).toBe('9');
  });

  it('GIVEN the Lâm Đồng 2026 draft THEN 49 tasks in 7 groups', async () => {
    const table = await parse(fixture('lamdong-cchc-2026-plan-draft.docx'), 'draft.docx');
    expect(table.errors).toEqual([]);
    expect(groupSizes(table).map((g) => g[1])).toEqual([4, 12, 5, 4, 6, 11, 7]);
  });

  it('GIVEN a ministry appendix (two-row header, deadline merged over tasks) THEN the same tasks as its pasted text', async () => {
    const word = await parse(fixture('ministry-appendix.docx'), 'phu-luc.docx');
    const text = await parse(fixture('ministry-appendix.txt'), 'phu-luc.txt');
    expect(word.errors).toEqual([]);
    expect(word.rows).toHaveLength(18);
    expect(tasksOf(word)).toEqual(tasksOf(text));
    expect(word.meta).toMatchObject({ documentNumber: '1234/KH-BYT', issueDate: '2025-01-15' });
  });
});

describe('PDF plans', () => {
  it.each([
    ['lamdong-cchc-2026-2030-plan', 56],
    ['lamdong-cchc-2026-plan-draft', 49],
  ])(
    'GIVEN %s as PDF (LibreOffice) THEN the same result as the Word file',
    async (name, count) => {
      const pdf = await parse(fixture(`${name}.pdf`), `${name}.pdf`);
      const word = await parse(fixture(`${name}.docx`), `${name}.docx`);
      expect(pdf.errors).toEqual([]);
      expect(pdf.rows).toHaveLength(count);
      expect(groupSizes(pdf)).toEqual(groupSizes(word));
      expect(tasksOf(pdf)).toEqual(tasksOf(word));
      expect(pdf.meta).toEqual(word.meta);
    },
    60_000,
  );

  it('GIVEN a 13-page city plan PDF THEN the same tasks, deadlines and agencies as its pasted text', async () => {
    const progress: number[] = [];
    const content = await readPlanFile(fixture('city-plan.pdf'), {
      fileName: 'city-plan.pdf',
      onProgress: (done) => progress.push(done),
    });
    if (!content.ok || content.kind !== 'grid') throw new Error('unreadable');
    const pdf = parsePlanGrid(content.grid);
    const text = await parse(fixture('city-plan.txt'), 'city-plan.txt');
    expect(progress.length).toBeGreaterThanOrEqual(12);
    expect(pdf.rows).toHaveLength(96);
    expect(tasksOf(pdf)).toEqual(tasksOf(text));
    expect(pdf.meta).toMatchObject({
      documentNumber: '245/KH-UBND',
      issueDate: '2025-02-20',
      province: 'Cần Thơ',
    });
  }, 60_000);

  const HEADER = ['STT', 'Noi dung nhiem vu', 'Co quan chu tri', 'Co quan phoi hop', 'Thoi gian hoan thanh'];
  const ROWS = [
    HEADER,
    ['I', 'VE THE CHE', '', '', ''],
    ['1', 'Cap nhat du lieu dan cu', 'So Y te', 'So Tu phap', 'Quy II/2025'],
    ['2', 'Ket noi ho so suc khoe', 'So Tu phap', '', 'Nam 2025'],
  ];

  it.each(['stroke', 'filled', 'none'] as const)(
    'GIVEN cell borders drawn as %s THEN the same table',
    async (borders) => {
      const page = drawTable({
        left: 40,
        top: 500,
        widths: [40, 260, 140, 140, 120],
        rowHeight: 30,
        rows: ROWS,
        borders,
      });
      const table = await parse(simplePdf([`BT /F1 12 Tf 300 540 Td (KE HOACH) Tj ET\n${page}`]), 'plan.pdf');
      expect(table.errors).toEqual([]);
      expect(table.groups.map((g) => g.code)).toEqual(['I']);
      expect(
        table.rows.map((r) => [r.code, r.group, r.cells.lead, r.cells.support, r.cells.deadline]),
      ).toEqual([
        ['1', 'I', 'So Y te', 'So Tu phap', 'Quy II/2025'],
        ['2', 'I', 'So Tu phap', undefined, 'Nam 2025'],
      ]);
    },
    30_000,
  );
});

describe('files refused with the reason', () => {
  it('GIVEN a Word 97 (.doc) file THEN refused with how to save it as .docx', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    const content = await readPlanFile(ole, { fileName: 'ke-hoach.doc' });
    expect(content).toMatchObject({ ok: false, reason: expect.stringMatching(/\.doc\b.*\.docx/su) });
  });

  it('GIVEN a scanned PDF (drawing, no text) THEN refused: no text layer, no OCR', async () => {
    const content = await readPlanFile(simplePdf(['40 40 500 300 re f']), { fileName: 'scan.pdf' });
    expect(content).toMatchObject({ ok: false, reason: expect.stringMatching(/không có lớp chữ.*OCR/su) });
  }, 30_000);

  it('GIVEN a zip that declares gigabytes unpacked THEN refused before inflating', async () => {
    const zip = zipSync({ 'word/document.xml': new Uint8Array(1000) });
    const view = Buffer.from(zip);
    // Patch the declared uncompressed size (local header +22, central directory +24) to ~4 GB.
    view.writeUInt32LE(0xfffffff0, 22);
    view.writeUInt32LE(0xfffffff0, view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    const content = await readPlanFile(view, { fileName: 'bomb.docx' });
    expect(content).toMatchObject({ ok: false, reason: expect.stringMatching(/zip bomb/u) });
  });

  it('GIVEN a Word file without a table THEN refused: the appendix must be a Word table', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const bytes = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Chỉ có chữ')] }] }),
    );
    const content = await readPlanFile(bytes, { fileName: 'x.docx' });
    expect(content).toMatchObject({ ok: false, reason: expect.stringMatching(/không có bảng/u) });
  });
});

describe('Excel (.xlsx) with merged cells', () => {
  it('GIVEN merged deadline, lead, group and STT cells THEN read as in Word: repeated down, aligned across, one task', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Phụ lục');
    sheet.addRows([
      ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành', 'Sản phẩm'],
      ['I', 'VỀ THỂ CHẾ'],
      ['1', 'Việc một', 'Sở Y tế', 'Sở Tư pháp', 'Quý II/2025', 'Báo cáo'],
      ['2', 'Việc hai', 'Công an tỉnh', '', null, 'Kế hoạch'],
      ['3', 'Việc ba', null, 'Sở Nội vụ', null, 'Quyết định'],
      ['4', 'Việc bốn', 'Sở Tài chính', '', 'Quý III/2025', 'Sản phẩm A'],
      [null, null, null, '', 'Quý IV/2025', 'Sản phẩm B'],
    ]);
    sheet.mergeCells('B2:F2');
    sheet.mergeCells('E3:E5');
    sheet.mergeCells('C4:C5');
    sheet.mergeCells('A6:A7');
    sheet.mergeCells('B6:B7');
    sheet.mergeCells('C6:C7');
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const table = await parse(bytes, 'phu-luc.xlsx');
    expect(table.errors).toEqual([]);
    expect(table.groups).toMatchObject([{ code: 'I', title: 'VỀ THỂ CHẾ' }]);
    expect(table.rows.map((r) => [r.code, r.cells.lead, r.cells.deadline, r.cells.output])).toEqual([
      ['1', 'Sở Y tế', 'Quý II/2025', 'Báo cáo'],
      ['2', 'Công an tỉnh', 'Quý II/2025', 'Kế hoạch'],
      ['3', 'Công an tỉnh', 'Quý II/2025', 'Quyết định'],
      ['4', 'Sở Tài chính', 'Quý III/2025\nQuý IV/2025', 'Sản phẩm A\nSản phẩm B'],
    ]);
    const deadline = buildPlanPreview(table, directory).tasks[3]!.deadline;
    // Two deadlines of one task: both kept in raw, the later one is the due date.
    expect(deadline).toMatchObject({ due: '2025-12-31', raw: 'Quý III/2025\nQuý IV/2025' });
  });
});
