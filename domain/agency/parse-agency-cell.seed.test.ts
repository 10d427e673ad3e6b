import { describe, expect, it } from 'vitest';
import type { AgencyMention } from './agency.ts';
import { AgencyDirectory } from './agency-directory.ts';
import { BUILTIN_AGENCIES } from './builtin-directory.ts';
import { parseAgencyCell } from './parse-agency-cell.ts';

/**
 * Every lead / cooperating cell of the seed tables: 003 (draft of Decision 4466/QĐ-UBND, 42 models)
 * and 004 (2023 implementation plan, 33 tasks), rows continued on the next page joined with a space.
 */
type SeedRow = readonly [row: string, lead: string, cooperating: string];

const SEED_ROWS: readonly SeedRow[] = [
  [
    '003#01',
    'Công an tỉnh, Văn phòng Ủy ban nhân dân tỉnh',
    'Các cơ quan chuyên môn thuộc tỉnh, địa phương liên quan',
  ],
  ['003#02', 'Văn phòng Ủy ban nhân dân tỉnh', 'Các cơ quan chuyên môn thuộc tỉnh, địa phương liên quan'],
  ['003#03', 'Văn phòng Ủy ban nhân dân tỉnh', 'Các cơ quan chuyên môn thuộc tỉnh, địa phương liên quan'],
  [
    '003#04',
    'Công an tỉnh',
    'Cục C06 thuộc Bộ Công an, các Sở, ngành, địa phương và Tổ công tác Đề án 06 cấp huyện, cấp xã',
  ],
  ['003#05', 'Sở Y tế', 'Công an tỉnh, Bảo hiểm xã hội tỉnh, Sở Thông tin và Truyền thông, Sở Y tế.'],
  ['003#06', 'Sở Y tế', 'Công an tỉnh, Bảo hiểm xã hội tỉnh, Sở Thông tin và Truyền thông'],
  ['003#07', 'Sở Tư pháp', 'Công an tỉnh'],
  ['003#08', 'Công an tỉnh', 'Sở Du lịch'],
  ['003#09', 'Công an tỉnh', 'Ban Quản lý Khu kinh tế tỉnh'],
  ['003#10', 'Công an tỉnh', 'Sở Y tế'],
  ['003#11', 'Công an tỉnh', 'Sở Giao thông vận tải'],
  ['003#12', 'Sở Du lịch', 'Công an tỉnh, Sở Thông tin và Truyền thông.'],
  ['003#13', 'Ban Quản lý Khu kinh tế tỉnh', 'Công an tỉnh, Sở Thông tin và Truyền thông.'],
  ['003#14', 'Sở Thông tin và truyền thông', 'Công an tỉnh'],
  ['003#15', 'Công an tỉnh.', 'Các cơ sở kinh doanh có điều kiện về ANTT.'],
  ['003#16', 'Sở Giao thông vận tải', 'Công an tỉnh, Sở Thông tin và Truyền thông'],
  [
    '003#17',
    'Công an tỉnh',
    'Sở Thông tin và truyền thông, Sở giao thông vận tải và các cơ quan, đơn vị có liên quan',
  ],
  ['003#18', 'Sở Giao thông vận tải', 'Công an tỉnh, Sở Thông tin và Truyền thông'],
  [
    '003#19',
    'Ngân hàng Nhà nước',
    'Công an tỉnh, Sở Thông tin và Truyền thông, Sở Lao động – Thương binh và Xã hội',
  ],
  ['003#20', 'Sở Giáo dục và Đào tạo', 'Công an tỉnh, Các trường Đại học, Cao đẳng trên địa bàn tỉnh.'],
  ['003#21', 'Sở Công Thương', 'Công an tỉnh, Sở Du lịch, Sở Thông tin và Truyền thông'],
  ['003#22', 'Công an tỉnh', 'Sở Thông tin và Truyền thông, UBND các huyện, thị xã, thành phố'],
  ['003#23', 'Sở Thông tin và Truyền thông', 'Công an tỉnh, các doanh nghiệp'],
  ['003#24', 'Sở Thông tin và Truyền thông', 'Văn phòng Ủy ban nhân dân tỉnh, Công an tỉnh'],
  ['003#25', 'Sở Thông tin và Truyền thông', 'Công an tỉnh các Sở, ban, ngành, địa phương'],
  ['003#26', 'Sở Thông tin và Truyền thông', 'Sở Văn hóa và thể thao, Công an tỉnh'],
  ['003#27', 'Công an tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh'],
  ['003#28', 'Công an tỉnh', 'Sở Thông tin và Truyền thông, Tổ công nghệ số cộng đồng'],
  ['003#29', 'Công an tỉnh', 'Sở Thông tin và Truyền thông, Tổ công nghệ số cộng đồng'],
  ['003#30', 'Sở Giáo dục và đào tạo', 'Sở Thông tin và Truyền thông'],
  ['003#31', 'Sở Tư pháp', 'Công an tỉnh, Sở Thông tin và Truyền thông'],
  ['003#32', 'Sở Y tế, Sở Lao động – Thương binh và Xã hội', 'Công an tỉnh, Sở Thông tin và Truyền thông'],
  [
    '003#33',
    'Sở Tài Nguyên và Môi trường',
    'Công an tỉnh, Sở Thông tin và Truyền thông, UBND các huyện, thị xã, thành phố.',
  ],
  ['003#34', 'Các sở, ngành theo lĩnh vực', 'Công an tỉnh, Tổ Đề án 06 cấp xã'],
  ['003#35', 'Sở Lao động - Thương binh và Xã hội', 'Công an tỉnh, Sở Thông tin và Truyền thông'],
  ['003#36', 'Cục Thống kê tỉnh', 'Công an tỉnh, Sở Thông tin và Truyền thông, địa phương'],
  ['003#37', 'Sở Lao động - Thương binh và Xã hội', 'Công an tỉnh, Sở Thông tin và Truyền thông, địa phương'],
  ['003#38', 'Sở Du lịch', 'Công an tỉnh, Sở Thông tin và Truyền thông, địa phương'],
  ['003#39', 'Công an tỉnh', 'Các cơ quan, đơn vị liên quan'],
  ['003#40', 'Công an tỉnh', 'Các cơ quan, đơn vị liên quan'],
  ['003#41', 'Sở Thông tin và Truyền thông', 'Công an tỉnh, các cơ quan đơn vị liên quan'],
  ['003#42', 'Công an tỉnh', 'Các cơ quan, đơn vị liên quan'],
  ['004#1', 'Công an tỉnh', 'Các sở, ban, ngành'],
  ['004#2', 'Công an tỉnh, UBND các huyện, thị xã, thành phố', 'UBND các xã, phường, thị trấn'],
  ['004#3', 'Sở Tài chính, Sở Kế hoạch và Đầu tư', 'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố'],
  ['004#4', 'Văn phòng UBND tỉnh', 'Công an tỉnh'],
  ['004#5', 'Sở Tài chính', 'Các sở, ngành có liên quan'],
  ['004#6', 'Công an tỉnh', 'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố'],
  ['004#7', 'Sở Tư pháp', 'Các sở, ban, ngành'],
  ['004#8', 'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố', 'Văn phòng UBND tỉnh'],
  ['004#9', 'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố', 'Công an tỉnh'],
  ['004#10', 'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố', 'Văn phòng UBND tỉnh'],
  ['004#11', 'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố', 'Văn phòng UBND tỉnh'],
  ['004#12', 'Văn phòng UBND tỉnh', ''],
  ['004#13', 'Văn phòng UBND tỉnh', 'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố'],
  ['004#14', 'UBND các huyện, thị xã, thành phố', 'Sở Tài chính, Sở Thông tin và Truyền thông'],
  [
    '004#15',
    'Văn phòng UBND tỉnh',
    'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố, UBND các xã, phường, thị trấn',
  ],
  ['004#16', 'Sở Y tế', 'Công an tỉnh, Sở Thông tin và Truyền thông, Sở Tài chính'],
  ['004#17', 'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố', 'Công an tỉnh'],
  ['004#18', 'Công an tỉnh', 'Sở Y tế, Sở Du lịch'],
  ['004#19', 'Sở Giáo dục và Đào tạo', 'UBND các huyện, thị xã, thành phố'],
  ['004#20', 'Sở Lao động, Thương binh và Xã hội, Bảo hiểm xã hội tỉnh', 'Ngân hàng Nhà nước tỉnh'],
  ['004#21', 'Công an tỉnh', 'UBND các huyện, thị xã, thành phố'],
  ['004#22', 'Công an tỉnh', 'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố'],
  ['004#23', 'Sở Tư pháp', 'Công an tỉnh'],
  [
    '004#24',
    'Sở Lao động Thương binh và Xã hội, Sở Y tế, Sở Tài nguyên và Môi trường',
    'Công an tỉnh, UBND các huyện, thành phố, Tổ công tác triển khai đề án 06 cấp xã',
  ],
  [
    '004#25',
    'Sở Nội vụ',
    'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố, UBND các xã, phường, thị trấn',
  ],
  [
    '004#26',
    'Sở Thông tin và Truyền thông',
    'Công an tỉnh, Văn phòng UBND tỉnh, Cục thống kê, Sở Kế hoạch và Đầu tư',
  ],
  ['004#27', 'Sở Y tế', 'Các cơ sở khám chữa bệnh trên địa bàn tỉnh'],
  ['004#28', 'Sở Thông tin và Truyền thông', 'Văn phòng UBND tỉnh, UBND các huyện, thị xã, thành phố'],
  ['004#29', 'Sở Thông tin và Truyền thông', 'Công an tỉnh, Văn phòng UBND tỉnh, Sở Nội vụ'],
  ['004#30', 'Sở Văn hóa và Thể thao', 'Công an tỉnh, Sở Thông tin và Truyền thông, các sở, ban, ngành'],
  ['004#31', 'Ban Thường vụ Tỉnh đoàn', 'Công an tỉnh'],
  ['004#32', 'Văn phòng UBND tỉnh', 'Công an tỉnh'],
  ['004#33', 'Sở Thông tin và Truyền thông', 'Văn phòng UBND tỉnh, UBND các huyện, thị xã, thành phố'],
];

const EXPECTED: readonly [string, string[]][] = [
  ['Công an tỉnh, Văn phòng Ủy ban nhân dân tỉnh', ['agency:cong-an-tinh', 'agency:van-phong-ubnd-tinh']],
  [
    'Các cơ quan chuyên môn thuộc tỉnh, địa phương liên quan',
    ['collective:Các cơ quan chuyên môn thuộc tỉnh', 'collective:Các địa phương'],
  ],
  ['Văn phòng Ủy ban nhân dân tỉnh', ['agency:van-phong-ubnd-tinh']],
  ['Công an tỉnh', ['agency:cong-an-tinh']],
  [
    'Cục C06 thuộc Bộ Công an, các Sở, ngành, địa phương và Tổ công tác Đề án 06 cấp huyện, cấp xã',
    [
      'agency:cuc-c06',
      'collective:Các sở, ban, ngành',
      'collective:Các địa phương',
      'collective:Tổ công tác Đề án 06 cấp huyện, cấp xã',
    ],
  ],
  ['Sở Y tế', ['agency:so-y-te']],
  [
    'Công an tỉnh, Bảo hiểm xã hội tỉnh, Sở Thông tin và Truyền thông, Sở Y tế.',
    ['agency:cong-an-tinh', 'agency:bhxh-tinh', 'agency:so-thong-tin-truyen-thong', 'agency:so-y-te'],
  ],
  [
    'Công an tỉnh, Bảo hiểm xã hội tỉnh, Sở Thông tin và Truyền thông',
    ['agency:cong-an-tinh', 'agency:bhxh-tinh', 'agency:so-thong-tin-truyen-thong'],
  ],
  ['Sở Tư pháp', ['agency:so-tu-phap']],
  ['Sở Du lịch', ['agency:so-du-lich']],
  ['Ban Quản lý Khu kinh tế tỉnh', ['agency:ban-quan-ly-khu-kinh-te']],
  ['Sở Giao thông vận tải', ['agency:so-giao-thong-van-tai']],
  [
    'Công an tỉnh, Sở Thông tin và Truyền thông.',
    ['agency:cong-an-tinh', 'agency:so-thong-tin-truyen-thong'],
  ],
  ['Sở Thông tin và truyền thông', ['agency:so-thong-tin-truyen-thong']],
  ['Công an tỉnh.', ['agency:cong-an-tinh']],
  ['Các cơ sở kinh doanh có điều kiện về ANTT.', ['collective:Các cơ sở kinh doanh có điều kiện về ANTT']],
  ['Công an tỉnh, Sở Thông tin và Truyền thông', ['agency:cong-an-tinh', 'agency:so-thong-tin-truyen-thong']],
  [
    'Sở Thông tin và truyền thông, Sở giao thông vận tải và các cơ quan, đơn vị có liên quan',
    [
      'agency:so-thong-tin-truyen-thong',
      'agency:so-giao-thong-van-tai',
      'collective:Các cơ quan, đơn vị liên quan',
    ],
  ],
  ['Ngân hàng Nhà nước', ['agency:nhnn-chi-nhanh-tinh']],
  [
    'Công an tỉnh, Sở Thông tin và Truyền thông, Sở Lao động – Thương binh và Xã hội',
    ['agency:cong-an-tinh', 'agency:so-thong-tin-truyen-thong', 'agency:so-lao-dong-tbxh'],
  ],
  ['Sở Giáo dục và Đào tạo', ['agency:so-giao-duc-dao-tao']],
  [
    'Công an tỉnh, Các trường Đại học, Cao đẳng trên địa bàn tỉnh.',
    ['agency:cong-an-tinh', 'collective:Các trường đại học, cao đẳng'],
  ],
  ['Sở Công Thương', ['agency:so-cong-thuong']],
  [
    'Công an tỉnh, Sở Du lịch, Sở Thông tin và Truyền thông',
    ['agency:cong-an-tinh', 'agency:so-du-lich', 'agency:so-thong-tin-truyen-thong'],
  ],
  [
    'Sở Thông tin và Truyền thông, UBND các huyện, thị xã, thành phố',
    ['agency:so-thong-tin-truyen-thong', 'collective:UBND các huyện, thị xã, thành phố'],
  ],
  ['Sở Thông tin và Truyền thông', ['agency:so-thong-tin-truyen-thong']],
  ['Công an tỉnh, các doanh nghiệp', ['agency:cong-an-tinh', 'collective:Các doanh nghiệp']],
  ['Văn phòng Ủy ban nhân dân tỉnh, Công an tỉnh', ['agency:van-phong-ubnd-tinh', 'agency:cong-an-tinh']],
  [
    'Công an tỉnh các Sở, ban, ngành, địa phương',
    ['agency:cong-an-tinh', 'collective:Các sở, ban, ngành', 'collective:Các địa phương'],
  ],
  ['Sở Văn hóa và thể thao, Công an tỉnh', ['agency:so-van-hoa-the-thao', 'agency:cong-an-tinh']],
  [
    'Sở Thông tin và Truyền thông, Tổ công nghệ số cộng đồng',
    ['agency:so-thong-tin-truyen-thong', 'collective:Tổ công nghệ số cộng đồng'],
  ],
  ['Sở Giáo dục và đào tạo', ['agency:so-giao-duc-dao-tao']],
  ['Sở Y tế, Sở Lao động – Thương binh và Xã hội', ['agency:so-y-te', 'agency:so-lao-dong-tbxh']],
  ['Sở Tài Nguyên và Môi trường', ['agency:so-tai-nguyen-moi-truong']],
  [
    'Công an tỉnh, Sở Thông tin và Truyền thông, UBND các huyện, thị xã, thành phố.',
    [
      'agency:cong-an-tinh',
      'agency:so-thong-tin-truyen-thong',
      'collective:UBND các huyện, thị xã, thành phố',
    ],
  ],
  ['Các sở, ngành theo lĩnh vực', ['collective:Các sở, ban, ngành']],
  ['Công an tỉnh, Tổ Đề án 06 cấp xã', ['agency:cong-an-tinh', 'collective:Tổ công tác Đề án 06 cấp xã']],
  ['Sở Lao động - Thương binh và Xã hội', ['agency:so-lao-dong-tbxh']],
  ['Cục Thống kê tỉnh', ['agency:cuc-thong-ke-tinh']],
  [
    'Công an tỉnh, Sở Thông tin và Truyền thông, địa phương',
    ['agency:cong-an-tinh', 'agency:so-thong-tin-truyen-thong', 'collective:Các địa phương'],
  ],
  ['Các cơ quan, đơn vị liên quan', ['collective:Các cơ quan, đơn vị liên quan']],
  [
    'Công an tỉnh, các cơ quan đơn vị liên quan',
    ['agency:cong-an-tinh', 'collective:Các cơ quan, đơn vị liên quan'],
  ],
  ['Các sở, ban, ngành', ['collective:Các sở, ban, ngành']],
  [
    'Công an tỉnh, UBND các huyện, thị xã, thành phố',
    ['agency:cong-an-tinh', 'collective:UBND các huyện, thị xã, thành phố'],
  ],
  ['UBND các xã, phường, thị trấn', ['collective:UBND các xã, phường, thị trấn']],
  ['Sở Tài chính, Sở Kế hoạch và Đầu tư', ['agency:so-tai-chinh', 'agency:so-ke-hoach-dau-tu']],
  [
    'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố',
    ['collective:Các sở, ban, ngành', 'collective:UBND các huyện, thị xã, thành phố'],
  ],
  ['Văn phòng UBND tỉnh', ['agency:van-phong-ubnd-tinh']],
  ['Sở Tài chính', ['agency:so-tai-chinh']],
  ['Các sở, ngành có liên quan', ['collective:Các sở, ban, ngành']],
  ['', []],
  ['UBND các huyện, thị xã, thành phố', ['collective:UBND các huyện, thị xã, thành phố']],
  ['Sở Tài chính, Sở Thông tin và Truyền thông', ['agency:so-tai-chinh', 'agency:so-thong-tin-truyen-thong']],
  [
    'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố, UBND các xã, phường, thị trấn',
    [
      'collective:Các sở, ban, ngành',
      'collective:UBND các huyện, thị xã, thành phố',
      'collective:UBND các xã, phường, thị trấn',
    ],
  ],
  [
    'Công an tỉnh, Sở Thông tin và Truyền thông, Sở Tài chính',
    ['agency:cong-an-tinh', 'agency:so-thong-tin-truyen-thong', 'agency:so-tai-chinh'],
  ],
  ['Sở Y tế, Sở Du lịch', ['agency:so-y-te', 'agency:so-du-lich']],
  [
    'Sở Lao động, Thương binh và Xã hội, Bảo hiểm xã hội tỉnh',
    ['agency:so-lao-dong-tbxh', 'agency:bhxh-tinh'],
  ],
  ['Ngân hàng Nhà nước tỉnh', ['agency:nhnn-chi-nhanh-tinh']],
  [
    'Sở Lao động Thương binh và Xã hội, Sở Y tế, Sở Tài nguyên và Môi trường',
    ['agency:so-lao-dong-tbxh', 'agency:so-y-te', 'agency:so-tai-nguyen-moi-truong'],
  ],
  [
    'Công an tỉnh, UBND các huyện, thành phố, Tổ công tác triển khai đề án 06 cấp xã',
    [
      'agency:cong-an-tinh',
      'collective:UBND các huyện, thị xã, thành phố',
      'collective:Tổ công tác Đề án 06 cấp xã',
    ],
  ],
  ['Sở Nội vụ', ['agency:so-noi-vu']],
  [
    'Công an tỉnh, Văn phòng UBND tỉnh, Cục thống kê, Sở Kế hoạch và Đầu tư',
    [
      'agency:cong-an-tinh',
      'agency:van-phong-ubnd-tinh',
      'agency:cuc-thong-ke-tinh',
      'agency:so-ke-hoach-dau-tu',
    ],
  ],
  ['Các cơ sở khám chữa bệnh trên địa bàn tỉnh', ['collective:Các cơ sở khám, chữa bệnh']],
  [
    'Văn phòng UBND tỉnh, UBND các huyện, thị xã, thành phố',
    ['agency:van-phong-ubnd-tinh', 'collective:UBND các huyện, thị xã, thành phố'],
  ],
  [
    'Công an tỉnh, Văn phòng UBND tỉnh, Sở Nội vụ',
    ['agency:cong-an-tinh', 'agency:van-phong-ubnd-tinh', 'agency:so-noi-vu'],
  ],
  ['Sở Văn hóa và Thể thao', ['agency:so-van-hoa-the-thao']],
  [
    'Công an tỉnh, Sở Thông tin và Truyền thông, các sở, ban, ngành',
    ['agency:cong-an-tinh', 'agency:so-thong-tin-truyen-thong', 'collective:Các sở, ban, ngành'],
  ],
  ['Ban Thường vụ Tỉnh đoàn', ['agency:tinh-doan']],
];

/** Lead cells that name only groups: the plan gives the task to every department or district. */
const COLLECTIVE_ONLY_LEADS = new Set([
  'Các sở, ngành theo lĩnh vực',
  'Các sở, ban, ngành, UBND các huyện, thị xã, thành phố',
  'UBND các huyện, thị xã, thành phố',
]);

const directory = new AgencyDirectory(BUILTIN_AGENCIES);

function render(mention: AgencyMention): string {
  if (mention.type === 'agency') return `agency:${mention.key}`;
  if (mention.type === 'collective') return `collective:${mention.label}`;
  return `unknown:${mention.raw}`;
}

describe('parseAgencyCell on the seed plans', () => {
  it.each(EXPECTED)('GIVEN the seed cell %j THEN it reads as %j', (cell, expected) => {
    expect(parseAgencyCell(cell, directory).map(render)).toEqual(expected);
  });

  it('GIVEN the expectation table THEN it covers every distinct cell of both seeds', () => {
    const covered = new Set(EXPECTED.map(([cell]) => cell));
    const cells = new Set(SEED_ROWS.flatMap(([, lead, cooperating]) => [lead, cooperating]));
    expect([...cells].filter((cell) => !covered.has(cell))).toEqual([]);
    expect(covered.size).toBe(cells.size);
  });

  it.each(SEED_ROWS)('GIVEN row %s THEN its lead cell resolves with nothing unknown', (_row, lead) => {
    const mentions = parseAgencyCell(lead, directory);
    expect(mentions.filter((m) => m.type === 'unknown')).toEqual([]);
    const agencies = mentions.filter((m) => m.type === 'agency');
    if (COLLECTIVE_ONLY_LEADS.has(lead)) {
      expect(agencies).toEqual([]);
      expect(mentions.length).toBeGreaterThan(0);
    } else {
      expect(agencies.length).toBeGreaterThan(0);
    }
  });

  it.each(SEED_ROWS)('GIVEN row %s THEN no cooperating cell has unknown text', (_row, _lead, cooperating) => {
    expect(parseAgencyCell(cooperating, directory).filter((m) => m.type === 'unknown')).toEqual([]);
  });
});
