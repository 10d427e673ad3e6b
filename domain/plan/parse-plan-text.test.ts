import { describe, expect, it } from 'vitest';
import { parsePlanText } from './parse-plan-text.ts';

const tsv = (...rows: string[][]): string => rows.map((r) => r.join('\t')).join('\n');
const HEADER = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'];

describe('parsePlanText on tab-separated text', () => {
  it('GIVEN headers without diacritics in another order THEN columns are found by name, not position', () => {
    const result = parsePlanText(
      tsv(
        ['thoi han', 'CO QUAN CHU TRI', 'stt', 'Ten nhiem vu', 'Ghi chu'],
        ['Quý I/2024', 'Sở Y tế', '1.', 'Khám bệnh bằng CCCD', 'x'],
        ['Năm 2025', 'Công an tỉnh', '2', 'Lưu trú', ''],
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.columns).toEqual(['deadline', 'lead', 'code', 'title']);
    expect(result.rows).toEqual([
      {
        line: 2,
        code: '1',
        ref: '1',
        group: null,
        cells: { deadline: 'Quý I/2024', lead: 'Sở Y tế', title: 'Khám bệnh bằng CCCD' },
      },
      {
        line: 3,
        code: '2',
        ref: '2',
        group: null,
        cells: { deadline: 'Năm 2025', lead: 'Công an tỉnh', title: 'Lưu trú' },
      },
    ]);
  });

  it('GIVEN a "Mục tiêu" column and "Đơn vị chủ trì" THEN the objective is kept', () => {
    const result = parsePlanText(
      tsv(
        ['TT', 'Tên mô hình', 'Mục tiêu', 'Đơn vị chủ trì', 'Tiến độ'],
        ['01', 'Mô hình A', 'Đạt 100%', 'Sở Tư pháp', 'Năm 2024'],
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows[0]!.cells).toEqual({
      title: 'Mô hình A',
      objective: 'Đạt 100%',
      lead: 'Sở Tư pháp',
      deadline: 'Năm 2024',
    });
  });

  it('GIVEN bullet lists and <ul><li> in cells THEN they become "- " lines', () => {
    const result = parsePlanText(
      tsv(
        ['STT', 'Nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Kết quả', 'Thời hạn'],
        [
          '1',
          '<b>Số hóa</b>',
          'Sở Nội vụ',
          '<ul><li>Sở Y tế</li><li>Công an tỉnh</li></ul>',
          '• Báo cáo',
          'Quí II/2024',
        ],
        ['2', '**Tập huấn**', 'Sở Nội vụ', 'Sở Y tế<br>Công an tỉnh', '"Kế hoạch', 'Năm 2024'],
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows[0]!.cells).toEqual({
      title: 'Số hóa',
      lead: 'Sở Nội vụ',
      support: '- Sở Y tế\n- Công an tỉnh',
      output: '- Báo cáo',
      deadline: 'Quý II/2024',
    });
    expect(result.rows[1]!.cells.support).toBe('Sở Y tế\nCông an tỉnh');
    expect(result.rows[1]!.cells.output).toBe('"Kế hoạch');
  });

  it('GIVEN a spreadsheet copy with a quoted multi-line cell THEN the cell spans lines', () => {
    const text = `${HEADER.join('\t')}\n1\t"Dòng một\nDòng ""hai"""\tSở Y tế\t\tNăm 2024\n2\tViệc khác\tSở Tư pháp\t\tNăm 2024`;
    const result = parsePlanText(text);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.code, r.line, r.cells.title])).toEqual([
      ['1', 2, 'Dòng một\nDòng "hai"'],
      ['2', 4, 'Việc khác'],
    ]);
  });

  it('GIVEN page-break continuations THEN mid-sentence parts join with a space and new sentences with a line break', () => {
    const result = parsePlanText(
      tsv(
        HEADER,
        ['1', 'Triển khai Camera AI kiểm', 'Sở Du lịch', 'Công an tỉnh, Sở Thông tin và', 'Theo lộ trình'],
        HEADER,
        ['', 'soát ra/vào.', '', 'Truyền thông', 'của Cục C06'],
        ['2', 'Báo cáo quý.', 'Sở Y tế', '', 'Quý I/2024'],
        ['', 'Tổng hợp năm.', '', '', ''],
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows[0]!.cells).toEqual({
      title: 'Triển khai Camera AI kiểm soát ra/vào.',
      lead: 'Sở Du lịch',
      support: 'Công an tỉnh, Sở Thông tin và Truyền thông',
      deadline: 'Theo lộ trình của Cục C06',
    });
    expect(result.rows[1]!.cells.title).toBe('Báo cáo quý.\nTổng hợp năm.');
  });

  it('GIVEN group rows in both shapes, codes like 1.2 and 12a THEN groups are set and codes kept', () => {
    const result = parsePlanText(
      tsv(
        HEADER,
        ['I', 'NHIỆM VỤ CHUNG', '', '', ''],
        ['1.1', 'Việc một', 'Sở Y tế', '', 'Năm 2024'],
        ['<b>II. VỀ DỮ LIỆU</b>', '<b>II. VỀ DỮ LIỆU</b>', '', '', ''],
        ['12a', 'Việc hai', 'Công an tỉnh', '', 'Năm 2024'],
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.groups).toEqual([
      { code: 'I', title: 'NHIỆM VỤ CHUNG', line: 2 },
      { code: 'II', title: 'VỀ DỮ LIỆU', line: 4 },
    ]);
    expect(result.rows.map((r) => [r.code, r.group])).toEqual([
      ['1.1', 'I'],
      ['12a', 'II'],
    ]);
  });

  it('GIVEN a signature block after the table THEN it is not a row', () => {
    const text = [
      HEADER.join('\t'),
      tsv(['1', 'Việc một', 'Sở Y tế', '', 'Năm 2024']),
      '',
      'Nơi nhận:\tKT. CHỦ TỊCH',
      '- Như trên;\tPHÓ CHỦ TỊCH',
      'Lưu: VT.',
      'Nguyễn Văn A',
    ].join('\n');
    const result = parsePlanText(text);
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });

  it.each([
    [
      'a task without a lead agency',
      tsv(HEADER, ['1', 'Việc một', '', 'Sở Y tế', 'Năm 2024']),
      { row: 1, line: 2, column: 'Cơ quan chủ trì' },
    ],
    [
      'duplicate task codes',
      tsv(HEADER, ['1', 'A', 'Sở Y tế', '', 'Năm 2024'], ['01', 'B', 'Sở Y tế', '', 'Năm 2024']),
      { row: 1, line: 3, column: null },
    ],
    [
      'a row with fewer cells than the header',
      tsv(HEADER, ['1', 'A', 'Sở Y tế']),
      { row: 1, line: 2, column: 'Cơ quan phối hợp' },
    ],
    [
      'a row with more cells than the header',
      tsv(HEADER, ['1', 'A', 'Sở Y tế', '', 'Năm 2024', 'thừa']),
      { row: 1, line: 2, column: null },
    ],
    [
      'text that belongs to no row',
      `${tsv(HEADER, ['1', 'A', 'Sở Y tế', '', 'Năm 2024'])}\nđoạn chữ lạc`,
      { row: null, line: 3, column: null },
    ],
    [
      'a continuation before any task',
      tsv(HEADER, ['', 'mồ côi', '', '', '']),
      { row: null, line: 2, column: null },
    ],
    [
      'an STT that is not a number',
      tsv(HEADER, ['Tổng', 'A', 'Sở Y tế', '', 'Năm 2024']),
      { row: null, line: 2, column: 'STT' },
    ],
    [
      'no lead column',
      tsv(['STT', 'Nhiệm vụ', 'Phối hợp', 'Thời hạn'], ['1', 'A', 'B', 'C']),
      { row: null, line: 1, column: null },
    ],
    [
      'no title column',
      tsv(['STT', 'Chủ trì', 'Phối hợp', 'Thời hạn'], ['1', 'A', 'B', 'C']),
      { row: null, line: 1, column: null },
    ],
  ])('GIVEN %s THEN the import is refused with a located error', (_name, text, where) => {
    const result = parsePlanText(text);
    expect(result.errors.length).toBeGreaterThanOrEqual(1);
    expect(result.errors[0]).toMatchObject(where);
    expect(result.errors[0]!.message.length).toBeGreaterThan(20);
    expect(result.errors[0]!.messageEn.length).toBeGreaterThan(20);
  });

  it('GIVEN a missing lead column THEN the message names the column and the columns found', () => {
    const result = parsePlanText(tsv(['STT', 'Nhiệm vụ', 'Phối hợp', 'Thời hạn'], ['1', 'A', 'B', 'C']));
    expect(result.errors.map((e) => e.message)).toEqual([
      'Bảng sai cột: thiếu cột “Cơ quan chủ trì” (hoặc “Đơn vị chủ trì”). Các cột đọc được: “STT”, “Nhiệm vụ”, “Phối hợp”, “Thời hạn”. Hãy thêm cột hoặc sửa tên cột ở dòng tiêu đề rồi gửi lại.',
    ]);
    expect(result.rows).toEqual([]);
  });

  it('GIVEN an empty deadline THEN it is a warning, not an error', () => {
    const result = parsePlanText(tsv(HEADER, ['1', 'A', 'Sở Y tế', '', '']));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      expect.objectContaining({ row: 1, line: 2, column: 'Thời gian hoàn thành' }),
    ]);
  });
});

describe('parsePlanText on one cell per line', () => {
  const header = ['STT', 'Nội dung', 'Chủ trì', 'Thời hạn'];

  it('GIVEN plain lines with blank lines between records THEN records are read', () => {
    const text = [
      'Danh mục 2 nhiệm vụ',
      ...header,
      '',
      '1',
      'Việc một',
      'Sở Y tế',
      'Năm 2024',
      '',
      '2',
      'Việc hai',
      'Sở Tư pháp',
      'Quý I/2025',
    ].join('\n');
    const result = parsePlanText(text);
    expect(result.format).toBe('cell-per-line');
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.rows.map((r) => [r.code, r.line, r.cells.lead])).toEqual([
      ['1', 7, 'Sở Y tế'],
      ['2', 12, 'Sở Tư pháp'],
    ]);
  });

  it('GIVEN a record cut off by the end of the file THEN the missing columns are named', () => {
    const text = [...header, '', '1', 'Việc một', 'Sở Y tế', 'Năm 2024', '', '2', 'Việc hai'].join('\n');
    const result = parsePlanText(text);
    expect(result.rows).toHaveLength(1);
    expect(result.errors).toEqual([expect.objectContaining({ row: 2, line: 11, column: 'Chủ trì' })]);
    expect(result.errors[0]!.message).toContain('“Chủ trì”, “Thời hạn”');
  });

  it('GIVEN tab-marked cells with a continuation line and a signature after THEN the cell keeps its line break', () => {
    const text = [
      '\tSTT',
      '\tNhiệm vụ',
      '\tChủ trì',
      '\tThời hạn',
      '',
      '\t1',
      '\tViệc một',
      'tiếp dòng hai',
      '\tSở Y tế',
      '\tNăm 2024',
      '',
      'KT. CHỦ TỊCH',
      'Nguyễn Văn A',
    ].join('\n');
    const result = parsePlanText(text);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]!.cells.title).toBe('Việc một\ntiếp dòng hai');
  });
});

describe('parsePlanText on files that are not plans', () => {
  it.each([
    ['an empty file', '', 'Tệp trống'],
    ['white space only', ' \n\t\n  ', 'Tệp trống'],
    ['binary garbage', '\u0000\u0001PK\u0003\u0004\u0014\u0000\u0006\u0000binary', 'không phải văn bản'],
    ['prose without a table', 'Kính gửi các sở, ngành.\nĐề nghị báo cáo.', 'Không tìm thấy dòng tiêu đề'],
    ['a header only', tsv(HEADER), 'chỉ có dòng tiêu đề'],
  ])('GIVEN %s THEN one clear error and no rows', (_name, text, phrase) => {
    const result = parsePlanText(text);
    expect(result.rows).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.message).toContain(phrase);
  });
});
