import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatch, normalizeVietnamese, stripMarkup } from './normalize-vietnamese.ts';

describe('normalizeVietnamese', () => {
  it.each([
    ['decomposed input becomes NFC', 'Co\u0302ng an ti\u0309nh', 'Công an tỉnh'],
    ['old tone placement oa', 'Văn phòng Ủy ban, hoà nhập', 'Văn phòng Ủy ban, hòa nhập'],
    ['old tone placement uy', 'Thuỷ lợi, Uỷ ban', 'Thủy lợi, Ủy ban'],
    ['old tone placement oe', 'khoẻ mạnh', 'khỏe mạnh'],
    ['closed syllable untouched', 'hoàn thành, toán', 'hoàn thành, toán'],
    ['qu + y keeps the mark on y', 'Quý III, quỹ', 'Quý III, quỹ'],
    ['Quí spelled with i', 'Quí I/2024, quí 2', 'Quý I/2024, quý 2'],
    ['HTML bold and list', '<b>I. VỀ THỂ CHẾ</b>', 'I. VỀ THỂ CHẾ'],
    ['list items become lines', '<ul><li>Một</li><li>Hai</li></ul>', '- Một\n- Hai'],
    ['markdown and footnotes', '**Sở Y tế**[1] (*)', 'Sở Y tế'],
    ['spaces collapse', '  Sở \u00A0 Tư   pháp\t ', 'Sở Tư pháp'],
  ])('GIVEN %s THEN it is canonical', (_name, input, expected) => {
    expect(normalizeVietnamese(input)).toBe(expected);
  });

  it('is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normalizeVietnamese(s);
        expect(normalizeVietnamese(once)).toBe(once);
      }),
    );
  });
});

describe('foldForMatch', () => {
  it.each([
    ['Quí III/2024', 'quy iii/2024'],
    ['QUÝ  III / 2024', 'quy iii / 2024'],
    ['Thực hiện thường xuyên.', 'thuc hien thuong xuyen'],
    ['Sở TT&TT', 'so tt&tt'],
    ['Đắk Lắk', 'dak lak'],
  ])('GIVEN %s THEN the key is %s', (input, expected) => {
    expect(foldForMatch(input)).toBe(expected);
  });
});

describe('stripMarkup', () => {
  it('decodes entities', () => {
    expect(stripMarkup('Sở TT&amp;TT&nbsp;tỉnh')).toBe('Sở TT&TT tỉnh');
  });
});
