import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { scriptedInput } from '../../../domain/digest/__fixtures__/scripted-plan.ts';
import { buildDigest } from '../../../domain/digest/build-digest.ts';
import { renderDigestDocx } from './render-digest-docx.ts';

const model = buildDigest(scriptedInput());

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file('word/document.xml');
  if (file === null) throw new Error('no word/document.xml');
  return file.async('string');
}

function unescapeXml(xml: string): string {
  return xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('renderDigestDocx', () => {
  it('GIVEN province and number THEN the heading, title and summary sentence are in document.xml', async () => {
    const buffer = await renderDigestDocx(model, { province: 'Bình Định', documentNumber: '123/BC-UBND' });
    expect(buffer.subarray(0, 2).toString('ascii')).toBe('PK');
    const xml = unescapeXml(await documentXml(buffer));
    for (const text of [
      'UBND TỈNH BÌNH ĐỊNH',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 123/BC-UBND',
      'Bình Định, ngày ... tháng 11 năm 2024',
      'BÁO CÁO',
      'Kết quả thực hiện danh mục 42 mô hình điểm thực hiện Đề án 06 trên địa bàn tỉnh',
      model.summary.vi,
      'TM. ỦY BAN NHÂN DÂN',
    ]) {
      expect(xml).toContain(text);
    }
  });

  it('GIVEN the scripted digest THEN the appendix table has the header, group rows, results and blockers', async () => {
    const xml = unescapeXml(await documentXml(await renderDigestDocx(model, {})));
    for (const text of [
      'Tên mô hình',
      'Kết quả triển khai',
      'Khó khăn, vướng mắc',
      'Ghi chú',
      'NHÓM TIỆN ÍCH PHỤC VỤ GIẢI QUYẾT TTHC & DVC (05 MÔ HÌNH)',
      'Đã triển khai 25/25 DVC thiết yếu',
      'Chưa có hướng dẫn kết nối dữ liệu hộ tịch <b>điện tử</b> & "liên thông"',
      'Quá hạn 76 ngày',
      'UBND TỈNH ...',
    ]) {
      expect(xml).toContain(text);
    }
    expect(xml.match(/<w:tr[ >]/g)?.length).toBeGreaterThanOrEqual(1 + 3 + 12);
    expect(xml).toContain('w:orient="landscape"');
  });

  it('GIVEN a task with a collective lead nobody is assigned for THEN the letter has a section for it and no cell lacks a lead', async () => {
    const input = scriptedInput();
    const collective = input.tasks.findIndex((t) => t.code === '7'); // not started
    const nobody = input.tasks.findIndex((t) => t.code === '8'); // in progress
    const c = input.tasks[collective]!;
    input.tasks[collective] = { ...c, lead: ['Các sở, ban, ngành'], needsAssignment: true };
    input.tasks[nobody] = { ...input.tasks[nobody]!, lead: [] };
    const xml = unescapeXml(await documentXml(await renderDigestDocx(buildDigest(input), {})));
    expect(xml).toContain('4. Cần phân công cơ quan chủ trì (chủ trì nêu chung)');
    expect(xml).toContain(`- ${c.code}. ${c.title}: chủ trì “Các sở, ban, ngành”`);
    expect(xml).toContain('5. Đề xuất, kiến nghị');
    expect(xml).toContain('Chủ trì: Các sở, ban, ngành');
    expect(xml).toContain('Chủ trì: chưa xác định cơ quan chủ trì');
    expect(xml).not.toContain('cơ quan chủ trì: ...');
    // Every task row's note names who is responsible.
    expect(xml.match(/Chủ trì: /gu)?.length).toBe(input.tasks.length);
  });

  it('GIVEN no such task THEN no needs-assignment section and the proposals stay item 4', async () => {
    const xml = unescapeXml(await documentXml(await renderDigestDocx(model, {})));
    expect(xml).not.toContain('Cần phân công');
    expect(xml).toContain('4. Đề xuất, kiến nghị');
  });
});
