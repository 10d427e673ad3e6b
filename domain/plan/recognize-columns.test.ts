import { describe, expect, it } from 'vitest';
import { looksLikeHeaderRow, mapHeaderCells, recognizeColumn } from './recognize-columns.ts';

describe('recognizeColumn', () => {
  it.each([
    ['STT', 'code'],
    ['TT', 'code'],
    ['Số TT', 'code'],
    ['Mô hình', 'title'],
    ['Tên mô hình', 'title'],
    ['Nội dung, nhiệm vụ cụ thể', 'title'],
    ['Nội dung nhiệm vụ', 'title'],
    ['Tên nhiệm vụ', 'title'],
    ['Nhiệm vụ', 'title'],
    ['Nội dung', 'title'],
    ['Mục tiêu, yêu cầu', 'objective'],
    ['Mục tiêu', 'objective'],
    ['Cơ quan chủ trì', 'lead'],
    ['Đơn vị chủ trì', 'lead'],
    ['Cơ quan (đơn vị) chủ trì', 'lead'],
    ['Chủ trì', 'lead'],
    ['Cơ quan thực hiện', 'lead'],
    ['Cơ quan, đơn vị thực hiện', 'lead'],
    ['Đơn vị thực hiện', 'lead'],
    ['Trách nhiệm thực hiện', 'lead'],
    ['Thời gian thực hiện', 'deadline'],
    ['Cơ quan phối hợp', 'support'],
    ['Đơn vị phối hợp', 'support'],
    ['Phối hợp', 'support'],
    ['Kết quả sản phẩm', 'output'],
    ['Sản phẩm', 'output'],
    ['Kết quả', 'output'],
    ['Thời gian hoàn thành', 'deadline'],
    ['Thời hạn', 'deadline'],
    ['Tiến độ', 'deadline'],
    ['Thời gian thực hiện', 'deadline'],
    ['CO QUAN CHU TRI', 'lead'],
    ['thoi gian hoan thanh', 'deadline'],
    ['<b>Cơ quan\nchủ trì</b>', 'lead'],
    ['Cơ quan chủ trì thực hiện nhiệm vụ', 'lead'],
    ['Co\u0302ng vie\u0323c', 'title'],
  ])('GIVEN header %j THEN it is %s', (header, column) => {
    expect(recognizeColumn(header)).toBe(column);
  });

  it.each([
    ['Ghi chú'],
    ['Kinh phí'],
    [''],
    ['Công an tỉnh'],
    ['Đẩy nhanh tiến độ số hóa, tổ chức tập huấn quy trình số hóa dữ liệu cho cán bộ tại Trung tâm'],
  ])('GIVEN %j THEN it is no known column', (header) => {
    expect(recognizeColumn(header)).toBeNull();
  });
});

describe('mapHeaderCells and looksLikeHeaderRow', () => {
  it('GIVEN two cells naming one column THEN the first wins and the second is a duplicate', () => {
    expect(mapHeaderCells(['STT', 'Nội dung', 'Nhiệm vụ', 'Chủ trì'])).toEqual({
      columns: ['code', 'title', null, 'lead'],
      recognized: ['code', 'title', 'lead'],
      duplicates: [2],
    });
  });

  it.each([
    [['STT', 'Mô hình', 'Cơ quan chủ trì'], true],
    [['STT', 'Nhiệm vụ'], true],
    [['Nhiệm vụ', 'Chủ trì'], true],
    [['Nhiệm vụ', 'Ghi chú'], false],
    [['1', 'Triển khai', 'Công an tỉnh', 'Năm 2023'], false],
    [['', 'STT'], false],
  ])('GIVEN %j THEN header = %s', (cells, expected) => {
    expect(looksLikeHeaderRow(cells)).toBe(expected);
  });
});
