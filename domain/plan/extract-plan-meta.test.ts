import { describe, expect, it } from 'vitest';
import { extractPlanMeta, parseVietnameseDate } from './extract-plan-meta.ts';

describe('parseVietnameseDate', () => {
  it.each([
    ['Bình Định, ngày 01 tháng 12 năm 2023', '2023-12-01'],
    ['ngày 5 tháng 3 năm 2024', '2024-03-05'],
    ['ngày 29/02/2024', '2024-02-29'],
    ['ngày 29/02/2023', null],
    ['ngày 31 tháng 4 năm 2024', null],
    ['Bình Định, ngày tháng năm 2023', null],
  ])('GIVEN %j THEN %j', (text, expected) => {
    expect(parseVietnameseDate(text)).toBe(expected);
  });
});

describe('extractPlanMeta', () => {
  it('GIVEN a decision head with a filled number and date THEN the facts are read, cited documents skipped', () => {
    const meta = extractPlanMeta([
      'ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK',
      'Số: 123/QĐ-UBND',
      'Đắk Lắk, ngày 15 tháng 3 năm 2024',
      'QUYẾT ĐỊNH',
      'Ban hành Kế hoạch thực hiện Đề án 06 năm 2024',
      'Căn cứ Quyết định số 06/QĐ-TTg ngày 06 tháng 01 năm 2022;',
      'Chi tiết 12 nhiệm vụ thuộc 03 nhóm nhiệm vụ; Danh mục 12 nhiệm vụ.',
    ]);
    expect(meta).toEqual({
      title: 'Ban hành Kế hoạch thực hiện Đề án 06 năm 2024',
      documentNumber: '123/QĐ-UBND',
      issuingBody: 'ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK',
      issueDate: '2024-03-15',
      province: 'Đắk Lắk',
      announcedTasks: [12],
      announcedGroups: [3],
    });
  });

  it('GIVEN a two-column header read row by row (PDF) THEN the place line still joins the body', () => {
    const lines = [
      'ỦY BAN NHÂN DÂN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH LÂM ĐỒNG',
      'Độc lập - Tự do - Hạnh phúc',
    ];
    expect(extractPlanMeta(lines).issuingBody).toBe('ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG');
    expect(extractPlanMeta(['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']).issuingBody).toBe(
      'ỦY BAN NHÂN DÂN',
    );
  });

  it('GIVEN a blank number, a blank date and a citation with a number THEN number and date stay null', () => {
    const meta = extractPlanMeta([
      'Số: /QĐ-UBND',
      'Bình Định, ngày tháng năm 2023',
      'Căn cứ Kế hoạch số 44/KH-UBND ngày 10 tháng 03 năm 2023;',
      '2. Thực hiện Kế hoạch số 44/KH-UBND ngày 10 tháng 03 năm 2023 của tỉnh Bình Định',
    ]);
    expect(meta.documentNumber).toBeNull();
    expect(meta.issueDate).toBeNull();
    expect(meta.province).toBe('Bình Định');
    expect(meta.title).toBeNull();
  });

  it('GIVEN nothing THEN everything is empty', () => {
    expect(extractPlanMeta([])).toEqual({
      title: null,
      documentNumber: null,
      issuingBody: null,
      issueDate: null,
      province: null,
      announcedTasks: [],
      announcedGroups: [],
    });
  });
});
