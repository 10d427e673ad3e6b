import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { scriptedInput } from '../../../domain/digest/__fixtures__/scripted-plan.ts';
import { buildDigest } from '../../../domain/digest/build-digest.ts';
import {
  NEEDS_ASSIGNMENT_SHEET,
  OVERDUE_FILL,
  renderDigestXlsx,
  XLSX_HEADER_ROW,
} from './render-digest-xlsx.ts';

const model = buildDigest(scriptedInput());

async function readBack(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new Error('no sheet');
  return sheet;
}

function rowTexts(sheet: ExcelJS.Worksheet, r: number): unknown[] {
  const values = sheet.getRow(r).values;
  return Array.isArray(values) ? values.slice(1) : [];
}

describe('renderDigestXlsx', () => {
  it('GIVEN the scripted digest THEN the summary rows come first and the header has the report columns', async () => {
    const sheet = await readBack(await renderDigestXlsx(model, 'vi'));
    expect(sheet.getCell('A2').value).toBe('Số liệu tính đến 08:00 15/11/2024');
    expect(sheet.getCell('A3').value).toBe(model.summary.vi);
    expect(rowTexts(sheet, XLSX_HEADER_ROW)).toEqual([
      'STT',
      'Tên mô hình',
      'Kết quả triển khai',
      'Khó khăn vướng mắc',
      'Đánh giá hiệu quả',
      'Kinh phí',
      'Ghi chú',
      'Trạng thái',
      'Tiến độ (%)',
      'Cơ quan chủ trì',
      'Thời hạn',
      'Ngày báo cáo gần nhất',
      'Minh chứng',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });
    expect(sheet.getColumn(2).width).toBe(40);
  });

  it('GIVEN 3 groups and 12 tasks THEN 15 table rows follow the header, group rows in Roman numerals', async () => {
    const sheet = await readBack(await renderDigestXlsx(model, 'vi'));
    expect(sheet.rowCount).toBe(XLSX_HEADER_ROW + 15);
    const stt = Array.from({ length: 15 }, (_, i) => sheet.getCell(XLSX_HEADER_ROW + 1 + i, 1).value);
    expect(stt).toEqual(['I', '1', '2', '3', '4', '5', 'II', '6', '7', '8', '9', '10', '11', 'III', '12']);
    expect(sheet.getCell(XLSX_HEADER_ROW + 1, 2).value).toBe(
      'NHÓM TIỆN ÍCH PHỤC VỤ GIẢI QUYẾT TTHC & DVC (5 mô hình)',
    );
    expect(sheet.getCell(XLSX_HEADER_ROW + 14, 2).value).toBe('Nhiệm vụ khác (1 mô hình)');
  });

  it('GIVEN overdue task 3 THEN its row is highlighted, holds real dates and the overdue note', async () => {
    const sheet = await readBack(await renderDigestXlsx(model, 'vi'));
    const row = sheet.getRow(XLSX_HEADER_ROW + 4);
    expect(row.getCell(1).value).toBe('3');
    expect(row.getCell(2).fill).toMatchObject({
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: OVERDUE_FILL },
    });
    expect(row.getCell(8).value).toBe('Đang triển khai');
    expect(row.getCell(9).value).toBe(60);
    expect(row.getCell(10).value).toBe('Sở Y tế');
    expect(row.getCell(11).value).toEqual(new Date('2024-09-30T00:00:00Z'));
    expect(row.getCell(12).value).toEqual(new Date('2024-10-20T00:00:00Z'));
    expect(row.getCell(7).value).toBe('Quý III/2024\nQuá hạn: quá 46 ngày');
    const within = sheet.getRow(XLSX_HEADER_ROW + 10);
    expect(within.getCell(1).value).toBe('8');
    expect(within.getCell(2).fill).not.toMatchObject({ fgColor: { argb: OVERDUE_FILL } });
    expect(within.getCell(7).value).toBe('Đã gia hạn (hạn cũ 31/10/2024)');
  });

  it('GIVEN locale en THEN headers are English', async () => {
    const sheet = await readBack(await renderDigestXlsx(model, 'en'));
    expect(sheet.getCell(XLSX_HEADER_ROW, 2).value).toBe('Model');
    expect(sheet.getCell('A2').value).toBe('Figures as of 08:00 15/11/2024');
  });
  it('GIVEN a task whose report came with a photo THEN its row names the evidence: kind, size and file id', async () => {
    const input = scriptedInput();
    const withEvidence = {
      ...input,
      tasks: input.tasks.map((t) =>
        t.code === '3' ? { ...t, evidence: { fileId: 'AgACAgUAAxkBAAIB', kind: 'photo', size: 120_000 } } : t,
      ),
    };
    const digest = buildDigest(withEvidence);
    const vi = await readBack(await renderDigestXlsx(digest, 'vi'));
    expect(vi.getCell(XLSX_HEADER_ROW, 13).value).toBe('Minh chứng');
    expect(vi.getRow(XLSX_HEADER_ROW + 4).getCell(13).value).toBe('Ảnh, 117 KB — file_id AgACAgUAAxkBAAIB');
    expect(vi.getRow(XLSX_HEADER_ROW + 5).getCell(13).value ?? '').toBe('');
    const en = await readBack(await renderDigestXlsx(digest, 'en'));
    expect(en.getCell(XLSX_HEADER_ROW, 13).value).toBe('Evidence');
    expect(en.getRow(XLSX_HEADER_ROW + 4).getCell(13).value).toBe('Photo, 117 KB — file_id AgACAgUAAxkBAAIB');
  });

  it('GIVEN a task with a collective lead nobody is assigned for and one naming nobody THEN both cells say who, a sheet lists the first', async () => {
    const input = scriptedInput();
    const collective = input.tasks.findIndex((t) => t.code === '7'); // not started
    const nobody = input.tasks.findIndex((t) => t.code === '8'); // in progress
    const c = input.tasks[collective]!;
    input.tasks[collective] = { ...c, lead: ['Các sở, ban, ngành'], needsAssignment: true };
    input.tasks[nobody] = { ...input.tasks[nobody]!, lead: [] };
    const digest = buildDigest(input);
    for (const locale of ['vi', 'en'] as const) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await renderDigestXlsx(digest, locale)) as unknown as ExcelJS.Buffer);
      const sheet = workbook.worksheets[0]!;
      const leads: unknown[] = [];
      sheet.eachRow((row, r) => {
        if (r > XLSX_HEADER_ROW && /^\d+$/u.test(String(row.getCell(1).value)))
          leads.push(row.getCell(10).value);
      });
      expect(leads).toHaveLength(input.tasks.length);
      for (const lead of leads) expect(String(lead ?? '').trim()).not.toBe('');
      expect(leads).toContain('Các sở, ban, ngành');
      expect(leads).toContain(locale === 'vi' ? 'chưa xác định cơ quan chủ trì' : 'no lead agency named');
      const needs = workbook.getWorksheet(NEEDS_ASSIGNMENT_SHEET[locale]);
      expect(needs).toBeDefined();
      expect(String(needs!.getCell(1, 1).value)).toContain(
        locale === 'vi' ? 'Cần phân công cơ quan chủ trì' : 'Needs a lead agency assigned',
      );
      expect(needs!.getRow(3).values).toEqual([undefined, c.code, c.title, 'Các sở, ban, ngành']);
      expect(needs!.rowCount).toBe(3);
    }
    // Without such a task there is no such sheet.
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load((await renderDigestXlsx(model, 'vi')) as unknown as ExcelJS.Buffer);
    expect(plain.worksheets).toHaveLength(1);
  });
});
