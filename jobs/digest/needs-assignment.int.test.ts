/**
 * Issue 13: a task whose lead is a collective the directory cannot expand is flagged at import and in
 * every digest (chat text, XLSX, DOCX), each showing the collective as the plan wrote it; no digest shows
 * an empty responsible cell. From the file to the rendered digests, through PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../domain/digest/build-digest.ts';
import type { DigestModel } from '../../domain/digest/digest-model.ts';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { loadDigestInput } from '../../store/digest-snapshot.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { renderDigestDocx } from './render/render-digest-docx.ts';
import { renderDigestText } from './render/render-digest-text.ts';
import { NEEDS_ASSIGNMENT_SHEET, renderDigestXlsx, XLSX_HEADER_ROW } from './render/render-digest-xlsx.ts';

const MINISTRY = path.resolve(
  import.meta.dirname,
  '../../handlers/plan-import/__fixtures__/bo-nnmt-ministry.txt',
);

describe('needs assignment, from the import to every digest', () => {
  let t: TestDatabase;
  let model: DigestModel;
  beforeAll(async () => {
    t = await createTestDatabase();
    const bytes = readFileSync(MINISTRY);
    const result = await importPlan(t.db, { bytes, fileName: 'bo-nnmt-ministry.txt', dryRun: false });
    if (result.kind !== 'imported') throw new Error(`not imported: ${result.kind}`);
    expect(result.preview.needsAssignment).toEqual(['III.4']);
    const { input } = await loadDigestInput(t.db, { kind: 'weekly', asOf: new Date('2025-11-03T02:00:00Z') });
    model = buildDigest(input);
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('GIVEN the digest model THEN III.4 needs assignment, with its collective as lead', () => {
    expect(model.needsAssignment.map((x) => [x.code, x.lead])).toEqual([['III.4', ['Các đơn vị thuộc Bộ']]]);
  });

  it('GIVEN the chat digest THEN it has the section and no empty responsible', () => {
    const text = renderDigestText(model, 'vi', 100_000).join('\n');
    expect(text).toContain('Cần phân công cơ quan chủ trì (chủ trì nêu chung) (1):');
    expect(text).toMatch(/• III\.4\. .* — Các đơn vị thuộc Bộ/u);
    expect(text).not.toMatch(/— —|— *$/mu);
  });

  it('GIVEN the XLSX THEN every task row names who is responsible and a sheet lists III.4', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderDigestXlsx(model, 'vi')) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    const tasks = model.groups.flatMap((g) => g.rows).length;
    let seen = 0;
    sheet.eachRow((row, r) => {
      if (r <= XLSX_HEADER_ROW || !/^[IVX]+\.\d+$|^\d+$/u.test(String(row.getCell(1).value))) return;
      seen += 1;
      expect(String(row.getCell(10).value ?? '').trim(), `row ${r}`).not.toBe('');
      if (row.getCell(1).value === 'III.4') {
        expect(row.getCell(10).value).toBe('Các đơn vị thuộc Bộ');
        expect(String(row.getCell(7).value)).toContain('Cần phân công cơ quan chủ trì');
      }
    });
    expect(seen).toBe(tasks);
    const needs = workbook.getWorksheet(NEEDS_ASSIGNMENT_SHEET.vi)!;
    expect(needs.getRow(3).getCell(1).value).toBe('III.4');
    expect(needs.getRow(3).getCell(3).value).toBe('Các đơn vị thuộc Bộ');
  });

  it('GIVEN the DOCX draft THEN it has the section and every appendix note names the lead', async () => {
    const zip = await JSZip.loadAsync(await renderDigestDocx(model, {}));
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/&quot;/gu, '"');
    expect(xml).toContain('4. Cần phân công cơ quan chủ trì (chủ trì nêu chung)');
    expect(xml).toMatch(/- III\.4\. [^<]*chủ trì “Các đơn vị thuộc Bộ”/u);
    expect(xml.match(/Chủ trì: /gu)?.length).toBe(model.groups.flatMap((g) => g.rows).length);
    expect(xml).not.toMatch(/Chủ trì: <|Chủ trì: *$/mu);
  });
});
