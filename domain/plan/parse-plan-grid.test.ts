import { describe, expect, it } from 'vitest';
import { parsePlanGrid } from './parse-plan-grid.ts';

describe('parsePlanGrid', () => {
  it('GIVEN a CSV-like grid whose header is on row 3 THEN rows are read and facts come from rows 1-2', () => {
    const result = parsePlanGrid([
      ['DANH MỤC 2 NHIỆM VỤ NĂM 2024', '', ''],
      ['(Ban hành kèm theo Kế hoạch số 15/KH-UBND ngày 05 tháng 3 năm 2024 của UBND tỉnh Gia Lai)', '', ''],
      [
        'Số TT',
        'Nội dung, nhiệm vụ cụ thể',
        'Cơ quan (đơn vị) chủ trì',
        'Đơn vị phối hợp',
        'Thời gian thực hiện',
        'Ghi chú',
      ],
      ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'],
      ['I', 'VỀ THỂ CHẾ'],
      ['1', 'Rà soát văn bản', 'Sở Tư pháp', 'Các sở, ngành', 'Quý II/2024', 'mới'],
      ['', '', '', '', '', ''],
      ['2', 'Số hóa hộ tịch\n- đợt 1\n- đợt 2', 'Sở Tư pháp'],
    ]);
    expect(result.format).toBe('grid');
    expect(result.errors).toEqual([]);
    expect(result.columns).toEqual(['code', 'title', 'lead', 'support', 'deadline']);
    expect(result.groups).toEqual([{ code: 'I', title: 'VỀ THỂ CHẾ', line: 5 }]);
    expect(result.rows).toEqual([
      {
        line: 6,
        code: '1',
        ref: '1',
        group: 'I',
        cells: {
          title: 'Rà soát văn bản',
          lead: 'Sở Tư pháp',
          support: 'Các sở, ngành',
          deadline: 'Quý II/2024',
        },
      },
      {
        line: 8,
        code: '2',
        ref: '2',
        group: 'I',
        cells: { title: 'Số hóa hộ tịch\n- đợt 1\n- đợt 2', lead: 'Sở Tư pháp' },
      },
    ]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ row: 2, line: 8, column: 'Thời gian thực hiện' }),
    ]);
    expect(result.meta).toMatchObject({
      documentNumber: '15/KH-UBND',
      issueDate: '2024-03-05',
      issuingBody: 'UBND tỉnh Gia Lai',
      province: 'Gia Lai',
      announcedTasks: [2],
    });
  });

  it.each([
    ['an empty grid', [] as string[][], 'Tệp trống'],
    ['blank cells only', [['', ' '], ['']], 'Tệp trống'],
    [
      'no header',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      'Không tìm thấy dòng tiêu đề',
    ],
    ['a header only', [['STT', 'Nhiệm vụ', 'Chủ trì']], 'chỉ có dòng tiêu đề'],
  ])('GIVEN %s THEN one clear error', (_name, grid, phrase) => {
    const result = parsePlanGrid(grid);
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toContain(phrase);
  });

  it('GIVEN a grid row without a lead cell THEN the row and column are named', () => {
    const result = parsePlanGrid([
      ['STT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Thời hạn'],
      ['1', 'Việc một', '', 'Năm 2024'],
    ]);
    expect(result.errors).toEqual([expect.objectContaining({ row: 1, line: 2, column: 'Đơn vị chủ trì' })]);
    expect(result.errors[0]!.message).toBe(
      'Nhiệm vụ STT 1 (dòng 2) chưa có cơ quan chủ trì (cột “Đơn vị chủ trì”). Hãy điền cơ quan chủ trì rồi gửi lại.',
    );
  });

  it('GIVEN a grid without an STT column THEN tasks are numbered in order with a warning', () => {
    const result = parsePlanGrid([
      ['Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Thời hạn'],
      ['Việc một', 'Sở Y tế', '', 'Năm 2024'],
      ['Việc hai', 'Sở Tư pháp', '', 'Năm 2024'],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.code)).toEqual(['1', '2']);
    expect(result.warnings).toHaveLength(1);
  });
});
