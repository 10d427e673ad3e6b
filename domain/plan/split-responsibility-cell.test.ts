import { describe, expect, it } from 'vitest';
import { splitResponsibilityCell } from './split-responsibility-cell.ts';

describe('splitResponsibilityCell', () => {
  it.each([
    [
      'labelled parts',
      'Chủ trì: Sở Nông nghiệp và Môi trường; phối hợp: Công an tỉnh, UBND các xã',
      'Sở Nông nghiệp và Môi trường',
      'Công an tỉnh, UBND các xã',
    ],
    [
      '"chủ trì, phối hợp với"',
      'Sở Tư pháp chủ trì, phối hợp với Công an tỉnh',
      'Sở Tư pháp chủ trì',
      'Công an tỉnh',
    ],
    [
      'labels on their own lines',
      'Chủ trì: Sở Y tế\nPhối hợp: Bảo hiểm xã hội tỉnh',
      'Sở Y tế',
      'Bảo hiểm xã hội tỉnh',
    ],
    ['without diacritics', 'So Y te chu tri, phoi hop voi So Tai chinh', 'So Y te chu tri', 'So Tai chinh'],
    [
      '"các cơ quan phối hợp:"',
      'Công an tỉnh. Các cơ quan phối hợp: Sở Tư pháp',
      'Công an tỉnh',
      'Sở Tư pháp',
    ],
    ['no marker: all of it leads', 'Sở Y tế; Sở Tài chính', 'Sở Y tế; Sở Tài chính', ''],
    [
      'a trailing "phối hợp" names no lead of its own',
      'Đề nghị Hội Nông dân tỉnh phối hợp',
      'Đề nghị Hội Nông dân tỉnh phối hợp',
      '',
    ],
    ['an opening "phối hợp" names no lead', 'Phối hợp với Công an tỉnh', 'Phối hợp với Công an tỉnh', ''],
  ])('GIVEN %s THEN lead and support are split as written', (_name, cell, lead, support) => {
    expect(splitResponsibilityCell(cell)).toEqual({ lead, support });
  });
});
