import { describe, expect, it } from 'vitest';
import { joinContinuation } from './build-plan-table.ts';
import {
  isColumnNumberRow,
  isTableEnd,
  normalizeCell,
  parseGroupHeading,
  parseTaskCode,
} from './plan-cell-text.ts';

describe('parseTaskCode', () => {
  it.each([
    ['1', '1'],
    ['01', '1'],
    ['1.', '1'],
    ['12a', '12a'],
    ['1.2', '1.2'],
    ['1.02.', '1.2'],
    ['3)', '3'],
    [' 7 ', '7'],
    ['I', null],
    ['Tổng', null],
    ['', null],
    ['2023', null],
  ])('GIVEN STT %j THEN the code is %j', (stt, code) => {
    expect(parseTaskCode(stt)).toBe(code);
  });
});

describe('parseGroupHeading', () => {
  it.each([
    ['I', { code: 'I', title: '' }],
    ['II.', { code: 'II', title: '' }],
    ['III. VỀ AN NINH', { code: 'III', title: 'VỀ AN NINH' }],
    ['IV VỀ CÔNG DÂN SỐ', { code: 'IV', title: 'VỀ CÔNG DÂN SỐ' }],
    ['XIX: Khác', { code: 'XIX', title: 'Khác' }],
    ['IIII', null],
    ['VX', null],
    ['Ít nhất', null],
    ['1. Việc', null],
  ])('GIVEN %j THEN %j', (text, expected) => {
    expect(parseGroupHeading(text)).toEqual(expected);
  });
});

describe('isTableEnd', () => {
  it.each([
    ['Nơi nhận:', true],
    ['KT. CHỦ TỊCH', true],
    ['TM. ỦY BAN NHÂN DÂN', true],
    ['CHỦ TỊCH', true],
    ['Ghi chú: số liệu tạm tính', true],
    ['Lưu: VT, KSTT.', true],
    ['Lưu trữ, chứng thực các giấy tờ', false],
    ['Chủ tịch UBND các huyện', false],
  ])('GIVEN %j THEN %s', (text, expected) => {
    expect(isTableEnd(text)).toBe(expected);
  });
});

describe('normalizeCell, isColumnNumberRow, joinContinuation', () => {
  it.each([
    ['• Một\n● Hai', '- Một\n- Hai'],
    ['*Ghi nghiêng*', 'Ghi nghiêng'],
    ['Thuỷ lợi   Quí I', 'Thủy lợi Quý I'],
  ])('GIVEN cell %j THEN %j', (raw, expected) => {
    expect(normalizeCell(raw)).toBe(expected);
  });

  it.each([
    [['(1)', '(2)', '(3)', '(4)'], true],
    [['1', '2', '3'], true],
    [['1', '3', '2'], false],
    [['1', 'Việc', 'Sở Y tế'], false],
  ])('GIVEN %j THEN column-number row = %s', (cells, expected) => {
    expect(isColumnNumberRow(cells)).toBe(expected);
  });

  it.each([
    ['Sở Thông tin và', 'Truyền thông', 'Sở Thông tin và Truyền thông'],
    ['các cơ quan,', 'đơn vị liên quan', 'các cơ quan, đơn vị liên quan'],
    ['Báo cáo quý.', 'Tổng hợp năm.', 'Báo cáo quý.\nTổng hợp năm.'],
    ['Gồm:', '- Sở Y tế', 'Gồm:\n- Sở Y tế'],
  ])('GIVEN %j continued by %j THEN %j', (before, more, expected) => {
    expect(joinContinuation(before, more)).toBe(expected);
  });
});
