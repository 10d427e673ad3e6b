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
});
