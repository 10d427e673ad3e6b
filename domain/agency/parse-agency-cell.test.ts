import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgencyMention } from './agency.ts';
import { AgencyDirectory } from './agency-directory.ts';
import { BUILTIN_AGENCIES } from './builtin-directory.ts';
import { parseAgencyCell } from './parse-agency-cell.ts';

const directory = new AgencyDirectory(BUILTIN_AGENCIES);

function render(mention: AgencyMention): string {
  if (mention.type === 'agency') return `agency:${mention.key}`;
  if (mention.type === 'collective') return `collective:${mention.label}`;
  if (mention.type === 'learned') return `learned:${mention.name}`;
  return `unknown:${mention.raw}`;
}

describe('parseAgencyCell', () => {
  it.each([
    [
      'abbreviations of another province',
      'Sở TT&TT, CAT, VPUB',
      ['agency:so-thong-tin-truyen-thong', 'agency:cong-an-tinh', 'agency:van-phong-ubnd-tinh'],
    ],
    ['"và" between abbreviations', 'STTTT và SYT', ['agency:so-thong-tin-truyen-thong', 'agency:so-y-te']],
    [
      'a "Tỉnh ..." name after a comma is not a suffix of the name before',
      'Ban Dân tộc, Tỉnh đoàn',
      ['agency:ban-dan-toc', 'agency:tinh-doan'],
    ],
    [
      'a cited decision: its number "1441/QĐ-UBND" names no body, its issuer does',
      'Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh',
      ['agency:ubnd-tinh'],
    ],
    [
      'a bare group noun cut off by a comma names no body',
      'Cơ quan, địa phương có liên quan',
      ['collective:Các địa phương'],
    ],
    [
      'a semicolon after a group',
      'UBND các huyện, thị xã, thành phố; Sở Nội vụ',
      ['collective:UBND các huyện, thị xã, thành phố', 'agency:so-noi-vu'],
    ],
    [
      '"tỉnh" suffixes and a semicolon',
      'Cục Thống kê tỉnh; Kho bạc Nhà nước tỉnh',
      ['agency:cuc-thong-ke-tinh', 'agency:kho-bac-nha-nuoc-tinh'],
    ],
    [
      'bullets on separate lines',
      '- Sở GD&ĐT\n- Sở LĐ-TB&XH\n+ SKHĐT\n• SLĐTBXH',
      ['agency:so-giao-duc-dao-tao', 'agency:so-lao-dong-tbxh', 'agency:so-ke-hoach-dau-tu'],
    ],
    [
      'role words around names',
      'Chủ trì: Sở Tư pháp. Phối hợp: Sở Nội vụ và các cơ quan liên quan',
      ['agency:so-tu-phap', 'agency:so-noi-vu', 'collective:Các cơ quan, đơn vị liên quan'],
    ],
    [
      '"(chủ trì)" and a trailing "phối hợp"',
      'Sở Y tế (chủ trì), Công an tỉnh phối hợp',
      ['agency:so-y-te', 'agency:cong-an-tinh'],
    ],
    ['"phối hợp với" prefix', 'Phối hợp với Sở Tài chính', ['agency:so-tai-chinh']],
    [
      'name with commas and a province',
      'Sở Văn hóa, Thể thao và Du lịch tỉnh Gia Lai',
      ['agency:so-van-hoa-the-thao-du-lich'],
    ],
    [
      'province without "tỉnh"',
      'Cục Thuế Bình Định, Sở Y tế Bà Rịa - Vũng Tàu',
      ['agency:cuc-thue-tinh', 'agency:so-y-te'],
    ],
    [
      'unknown province after "tỉnh"',
      'Sở Nội vụ tỉnh Xyz, Sở Tư pháp',
      ['agency:so-noi-vu', 'agency:so-tu-phap'],
    ],
    ['duplicates collapse', 'Sở Y tế, SYT, Sở Y tế tỉnh', ['agency:so-y-te']],
    ['unknown text kept', 'Sở Y tế, Hội Nông dân tỉnh.', ['agency:so-y-te', 'learned:Hội Nông dân tỉnh']],
    ['a place name is not an abbreviation', 'Công an huyện Phù Cát', ['learned:Công an huyện Phù Cát']],
    [
      'local committees',
      'UBND huyện Tuy Phước, UBND thị xã An Nhơn và UBND thành phố Quy Nhơn',
      ['agency:ubnd-huyen-tuy-phuoc', 'agency:ubnd-thi-xa-an-nhon', 'agency:ubnd-thanh-pho-quy-nhon'],
    ],
    ['commune committee spelled out', 'Ủy ban nhân dân xã Phước Lộc', ['agency:ubnd-xa-phuoc-loc']],
    ['police unit and its parent', 'Công an tỉnh (Phòng PC06)', ['agency:cong-an-tinh', 'agency:phong-pc06']],
    ['PC06 with its code in brackets', 'Phòng Cảnh sát QLHC về TTXH (PC06)', ['agency:phong-pc06']],
    [
      'qualifier "thuộc"',
      'Phòng Cảnh sát quản lý hành chính về trật tự xã hội thuộc Công an tỉnh',
      ['agency:phong-pc06'],
    ],
    [
      'typo "Thương bình" (seed 000)',
      'Công an tỉnh, Sở Lao động - Thương bình và Xã hội',
      ['agency:cong-an-tinh', 'agency:so-lao-dong-tbxh'],
    ],
    [
      'name broken over two lines',
      'Công an tỉnh, Sở Thông tin và\nTruyền thông.',
      ['agency:cong-an-tinh', 'agency:so-thong-tin-truyen-thong'],
    ],
    [
      'without diacritics',
      'So Thong tin va Truyen thong, Cong an tinh',
      ['agency:so-thong-tin-truyen-thong', 'agency:cong-an-tinh'],
    ],
    [
      'decomposed Unicode and old tone placement',
      'Văn phòng Uỷ ban nhân dân tỉnh'.normalize('NFD'),
      ['agency:van-phong-ubnd-tinh'],
    ],
    ['markup', '<b>Sở Y tế</b><br>**Sở Tư pháp**', ['agency:so-y-te', 'agency:so-tu-phap']],
    [
      'new 2025 department',
      'Sở Nông nghiệp và Môi trường, Sở Dân tộc và Tôn giáo',
      ['agency:so-nong-nghiep-moi-truong', 'agency:so-dan-toc-ton-giao'],
    ],
    [
      'generic group starting with "các"',
      'Các hợp tác xã trên địa bàn',
      ['collective:Các hợp tác xã trên địa bàn'],
    ],
    [
      'unknown items split on "và"',
      'Hội Cựu chiến binh và Hội Nông dân',
      ['learned:Hội Cựu chiến binh', 'learned:Hội Nông dân'],
    ],
    [
      '"và" inside an unknown name',
      'Viện Khoa học và Công nghệ Môi trường',
      ['learned:Viện Khoa học và Công nghệ Môi trường'],
    ],
    [
      'a known name continued by more capitalised words',
      'Ngân hàng Nhà nước Khu vực 10, Kho bạc Nhà nước khu vực XII',
      ['learned:Ngân hàng Nhà nước Khu vực 10', 'learned:Kho bạc Nhà nước khu vực XII'],
    ],
    ['a known name inside an unknown one', 'Chi cục Thuế khu vực II', ['learned:Chi cục Thuế khu vực II']],
    [
      'a 2025 regional branch written with "Chi nhánh"',
      'Ngân hàng Nhà nước Chi nhánh Khu vực 2; Sở Tài chính',
      ['learned:Ngân hàng Nhà nước Chi nhánh Khu vực 2', 'agency:so-tai-chinh'],
    ],
    [
      'a city written "TP. Hồ Chí Minh", "TP.HCM" or "TPHCM" after a known name',
      'Bảo hiểm xã hội TP. Hồ Chí Minh, Sở Tư pháp TP.HCM, Sở Y tế TPHCM',
      ['agency:bhxh-tinh', 'agency:so-tu-phap', 'agency:so-y-te'],
    ],
    ['role and action text', 'lãnh đạo, chỉ đạo thực hiện', []],
    [
      'a word folding like a head but spelt otherwise ("Đời" is not "Đội") does not start a body',
      'Báo Sức khỏe và Đời sống; Hoi Nong dan va Doi Thanh nien xung kich',
      ['learned:Báo Sức khỏe và Đời sống', 'learned:Hoi Nong dan', 'learned:Doi Thanh nien xung kich'],
    ],
    [
      'a remark in brackets after a body',
      'Sở Khoa học và Công nghệ (cơ quan thường trực), Sở Nội vụ (đầu mối), Công an tỉnh (Cơ quan thường trực Tổ công tác)',
      ['agency:so-khoa-hoc-cong-nghe', 'agency:so-noi-vu', 'agency:cong-an-tinh'],
    ],
    ['"Sở" and the initials of a department', 'Sở TC; Sở YT', ['agency:so-tai-chinh', 'agency:so-y-te']],
    [
      'the party and authorities at every level',
      'Cấp ủy, chính quyền các cấp',
      ['collective:Cấp ủy, chính quyền các cấp'],
    ],
    [
      '"đề nghị ... phối hợp" around a body',
      'Đề nghị Hội Cựu chiến binh tỉnh phối hợp',
      ['learned:Hội Cựu chiến binh tỉnh'],
    ],
    [
      'an action with its object',
      'Sở Tài chính tổng hợp trên cơ sở đề xuất của các sở; ngành',
      ['agency:so-tai-chinh'],
    ],
    ['a title before a body', 'Giám đốc Sở Y tế', ['agency:so-y-te']],
    [
      'slash and dash between bodies',
      'Sở Y tế/Trung tâm Kiểm soát bệnh tật - Bệnh viện Đa khoa tỉnh',
      ['agency:so-y-te', 'learned:Trung tâm Kiểm soát bệnh tật', 'learned:Bệnh viện Đa khoa tỉnh'],
    ],
    [
      'a comma inside an unknown name',
      'Báo và Phát thanh, Truyền hình Lâm Đồng',
      ['learned:Báo và Phát thanh, Truyền hình Lâm Đồng'],
    ],
    [
      'a collective that names many places',
      'Sở Tài nguyên nước các tỉnh, thành phố',
      ['collective:Sở Tài nguyên nước các tỉnh, thành phố'],
    ],
    [
      'a two-level commune collective',
      'UBND các phường, xã, đặc khu',
      ['collective:UBND các xã, phường, đặc khu'],
    ],
    ['a spacing variant of a known abbreviation', 'SLĐTB XH', ['agency:so-lao-dong-tbxh']],
    ['a one-letter variant of a known abbreviation', 'STTTTT', ['agency:so-thong-tin-truyen-thong']],
    ['an unknown abbreviation', 'XQZW', ['unknown:XQZW']],
    ['empty cell', '   ', []],
    ['only role words', 'Chủ trì', []],
  ])('GIVEN %s THEN the mentions are as expected', (_name, cell, expected) => {
    expect(parseAgencyCell(cell, directory).map(render)).toEqual(expected);
  });

  it('GIVEN a cell THEN raw keeps the text as written and name is canonical', () => {
    expect(parseAgencyCell('Sở TT&TT tỉnh Bình Định, các cơ quan liên quan.', directory)).toEqual([
      {
        type: 'agency',
        key: 'so-thong-tin-truyen-thong',
        name: 'Sở Thông tin và Truyền thông',
        raw: 'Sở TT&TT tỉnh Bình Định',
      },
      { type: 'collective', raw: 'các cơ quan liên quan', label: 'Các cơ quan, đơn vị liên quan' },
    ]);
  });

  it('GIVEN a district committee THEN its name is normalised', () => {
    expect(parseAgencyCell('Ubnd Huyện Tuy Phước', directory)).toEqual([
      {
        type: 'agency',
        key: 'ubnd-huyen-tuy-phuoc',
        name: 'UBND huyện Tuy Phước',
        raw: 'Ubnd Huyện Tuy Phước',
      },
    ]);
  });

  it('GIVEN any string THEN it never throws and every agency key is in the directory', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        for (const mention of parseAgencyCell(s, directory)) {
          if (mention.type === 'agency') expect(directory.get(mention.key)).not.toBeNull();
          expect(mention.raw.trim()).toBe(mention.raw);
          expect(mention.raw.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('GIVEN a mix of names, separators and noise THEN it never throws', () => {
    const pieces = fc.constantFrom(
      'Sở Thông tin và',
      'Truyền thông',
      'và',
      ',',
      ';',
      '\n- ',
      'UBND',
      'huyện',
      'tỉnh',
      'thuộc',
      'các',
      '(chủ trì)',
      '&',
      'CAT',
      'Bình Định',
      'Cục C06 thuộc',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 20 }), (parts) => {
        expect(() => parseAgencyCell(parts.join(' '), directory)).not.toThrow();
      }),
    );
  });

  it('GIVEN canonical names of built-in agencies joined by commas THEN each is found once, in order', () => {
    const entries = BUILTIN_AGENCIES;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: entries.length - 1 }), { maxLength: 6 }),
        (picks) => {
          const chosen = picks.map((i) => entries[i]!);
          const cell = chosen.map((e) => e.name).join(', ');
          expect(parseAgencyCell(cell, directory).map(render)).toEqual(chosen.map((e) => `agency:${e.key}`));
        },
      ),
    );
  });
});
