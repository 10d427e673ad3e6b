import type { AgencyEntry, AgencyKind } from './agency.ts';

interface Spec {
  name: string;
  shortName?: string;
  aliases?: string[];
  successorKey?: string;
  active?: boolean;
}

function entry(key: string, kind: AgencyKind, spec: Spec): AgencyEntry {
  const result: AgencyEntry = {
    key,
    name: spec.name,
    kind,
    aliases: spec.aliases ?? [],
    successorKey: spec.successorKey ?? null,
    active: spec.active ?? spec.successorKey === undefined,
  };
  if (spec.shortName !== undefined) result.shortName = spec.shortName;
  return result;
}

/** "Sở" short forms built from the initials of a department: ["TT", "TT"] -> "Sở TT&TT", "Sở TTTT", "STTTT". */
function initials(first: string, second: string): string[] {
  return [`Sở ${first}&${second}`, `Sở ${first}-${second}`, `Sở ${first}${second}`, `S${first}${second}`];
}

/**
 * A department; each one-word short form "STC" is also read as "Sở TC", as plans write it. The
 * directory refuses an alias shared by two entries, so a form taken by another entry stays out.
 */
const dept = (key: string, spec: Spec): AgencyEntry => {
  const aliases = spec.aliases ?? [];
  const spelled = aliases
    .filter((alias) => /^S[A-ZĐ]{1,5}$/u.test(alias) && spec.name.startsWith('Sở '))
    .map((alias) => `Sở ${alias.slice(1)}`)
    .filter((alias) => !aliases.includes(alias));
  return entry(key, 'provincial_department', { ...spec, aliases: [...aliases, ...spelled] });
};
const central = (key: string, spec: Spec): AgencyEntry => entry(key, 'central', spec);

/**
 * Departments and offices of a Vietnamese province as they existed in 2023, and the bodies that took
 * them over in the 2025 reorganisation (old entries are inactive and point at their successor).
 *
 * Matching is loose (see {@link AgencyDirectory.lookup}): "tỉnh"/"tỉnh <Province>" suffixes, "&" vs "và",
 * dashes, diacritics and case are ignored, so aliases list only genuinely different wordings.
 *
 * Successor choices that are judgement calls:
 * - Sở Lao động – Thương binh và Xã hội was split in 2025 (labour, employment, social insurance and
 *   veterans to Nội vụ; social protection, children and social evils to Y tế; vocational training to
 *   Giáo dục và Đào tạo). The default successor is Sở Nội vụ; admins reassign tasks of the other parts.
 * - Cục Thống kê tỉnh became "Thống kê tỉnh", a unit of the central Cục Thống kê (Ministry of Finance),
 *   not of the provincial Sở Tài chính; it is modelled as its own central entry.
 * - Sở Văn hóa và Thể thao and Sở Du lịch (provinces that had them separately) merged into Sở Văn hóa,
 *   Thể thao và Du lịch.
 * - District-level committees ceased on 1 July 2025 without a successor; they are not listed here
 *   (see `matchLocalCommittee`) and stay inactive.
 */
export const BUILTIN_AGENCIES: readonly AgencyEntry[] = [
  // --- Provincial departments (2023) ---
  dept('so-noi-vu', { name: 'Sở Nội vụ', aliases: ['SNV'] }),
  dept('so-tu-phap', { name: 'Sở Tư pháp', aliases: ['STP'] }),
  dept('so-ke-hoach-dau-tu', {
    name: 'Sở Kế hoạch và Đầu tư',
    shortName: 'Sở KH&ĐT',
    aliases: [...initials('KH', 'ĐT')],
    successorKey: 'so-tai-chinh',
  }),
  dept('so-tai-chinh', { name: 'Sở Tài chính', aliases: ['STC'] }),
  dept('so-cong-thuong', { name: 'Sở Công Thương', aliases: ['SCT'] }),
  dept('so-nong-nghiep-ptnt', {
    name: 'Sở Nông nghiệp và Phát triển nông thôn',
    shortName: 'Sở NN&PTNT',
    aliases: [...initials('NN', 'PTNT'), 'SNN&PTNT'],
    successorKey: 'so-nong-nghiep-moi-truong',
  }),
  dept('so-giao-thong-van-tai', {
    name: 'Sở Giao thông vận tải',
    shortName: 'Sở GTVT',
    aliases: ['Sở GTVT', 'SGTVT', 'Sở GT-VT', 'Sở Giao thông - Vận tải'],
    successorKey: 'so-xay-dung',
  }),
  dept('so-xay-dung', { name: 'Sở Xây dựng', aliases: ['SXD'] }),
  dept('so-tai-nguyen-moi-truong', {
    name: 'Sở Tài nguyên và Môi trường',
    shortName: 'Sở TN&MT',
    aliases: [...initials('TN', 'MT')],
    successorKey: 'so-nong-nghiep-moi-truong',
  }),
  dept('so-thong-tin-truyen-thong', {
    name: 'Sở Thông tin và Truyền thông',
    shortName: 'Sở TT&TT',
    aliases: [...initials('TT', 'TT')],
    successorKey: 'so-khoa-hoc-cong-nghe',
  }),
  dept('so-lao-dong-tbxh', {
    name: 'Sở Lao động – Thương binh và Xã hội',
    shortName: 'Sở LĐ-TB&XH',
    aliases: ['Sở LĐ-TB&XH', 'Sở LĐTB&XH', 'Sở LĐTBXH', 'SLĐTBXH', 'SLĐ-TB&XH', 'SLĐTB&XH'],
    successorKey: 'so-noi-vu',
  }),
  dept('so-van-hoa-the-thao-du-lich', {
    name: 'Sở Văn hóa, Thể thao và Du lịch',
    shortName: 'Sở VHTT&DL',
    aliases: ['Sở VHTT&DL', 'Sở VH-TT&DL', 'Sở VHTTDL', 'SVHTTDL', 'Sở VH,TT&DL'],
  }),
  dept('so-van-hoa-the-thao', {
    name: 'Sở Văn hóa và Thể thao',
    shortName: 'Sở VH&TT',
    aliases: [...initials('VH', 'TT'), 'Sở Văn hóa - Thể thao'],
    successorKey: 'so-van-hoa-the-thao-du-lich',
  }),
  dept('so-du-lich', { name: 'Sở Du lịch', aliases: ['SDL'], successorKey: 'so-van-hoa-the-thao-du-lich' }),
  dept('so-khoa-hoc-cong-nghe', {
    name: 'Sở Khoa học và Công nghệ',
    shortName: 'Sở KH&CN',
    aliases: [...initials('KH', 'CN')],
  }),
  dept('so-giao-duc-dao-tao', {
    name: 'Sở Giáo dục và Đào tạo',
    shortName: 'Sở GD&ĐT',
    aliases: [...initials('GD', 'ĐT')],
  }),
  dept('so-y-te', { name: 'Sở Y tế', aliases: ['SYT'] }),
  dept('so-ngoai-vu', { name: 'Sở Ngoại vụ', aliases: ['SNgV'] }),
  dept('ban-dan-toc', {
    name: 'Ban Dân tộc',
    aliases: ['Ban Dân tộc tỉnh', 'Sở Dân tộc', 'BDT'],
    successorKey: 'so-dan-toc-ton-giao',
  }),
  dept('thanh-tra-tinh', { name: 'Thanh tra tỉnh' }),
  // --- Departments created by the 2025 reorganisation ---
  dept('so-nong-nghiep-moi-truong', {
    name: 'Sở Nông nghiệp và Môi trường',
    shortName: 'Sở NN&MT',
    aliases: [...initials('NN', 'MT')],
  }),
  dept('so-dan-toc-ton-giao', {
    name: 'Sở Dân tộc và Tôn giáo',
    shortName: 'Sở DT&TG',
    aliases: [...initials('DT', 'TG')],
  }),
  // --- Police ---
  entry('cong-an-tinh', 'police', { name: 'Công an tỉnh', shortName: 'CAT', aliases: ['CAT', 'CA tỉnh'] }),
  entry('phong-pc06', 'police', {
    name: 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội',
    shortName: 'Phòng PC06',
    aliases: [
      'Phòng PC06',
      'PC06',
      'Phòng Cảnh sát QLHC về TTXH',
      'Phòng Cảnh sát QLHC về TTXH (PC06)',
      'Phòng Cảnh sát quản lý hành chính về trật tự xã hội (PC06)',
    ],
  }),
  // --- Provincial people's committee and its offices ---
  entry('ubnd-tinh', 'people_committee', {
    name: 'Ủy ban nhân dân tỉnh',
    shortName: 'UBND tỉnh',
    aliases: ['UBND tỉnh', 'Chủ tịch UBND tỉnh'],
  }),
  entry('van-phong-ubnd-tinh', 'provincial_office', {
    name: 'Văn phòng Ủy ban nhân dân tỉnh',
    shortName: 'VP UBND tỉnh',
    aliases: ['Văn phòng UBND tỉnh', 'VP UBND tỉnh', 'VPUBND tỉnh', 'VPUBND', 'VPUB', 'Văn phòng UBND'],
  }),
  entry('ban-quan-ly-khu-kinh-te', 'provincial_office', {
    name: 'Ban Quản lý Khu kinh tế tỉnh',
    shortName: 'BQL KKT',
    aliases: [
      'Ban Quản lý Khu kinh tế',
      'BQL KKT',
      'BQLKKT',
      'Ban QL KKT',
      'Ban Quản lý các Khu công nghiệp',
    ],
  }),
  entry('dai-phat-thanh-truyen-hinh', 'provincial_office', {
    name: 'Đài Phát thanh và Truyền hình tỉnh',
    shortName: 'Đài PT&TH',
    aliases: ['Đài Phát thanh và Truyền hình', 'Đài PT&TH', 'Đài PTTH', 'Đài PT-TH'],
  }),
  // --- Central agencies in the province ---
  central('bhxh-tinh', {
    name: 'Bảo hiểm xã hội tỉnh',
    shortName: 'BHXH tỉnh',
    aliases: ['Bảo hiểm xã hội', 'BHXH', 'BHXH tỉnh'],
  }),
  central('nhnn-chi-nhanh-tinh', {
    name: 'Ngân hàng Nhà nước chi nhánh tỉnh',
    shortName: 'NHNN',
    aliases: [
      'Ngân hàng Nhà nước',
      'Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh',
      'NHNN chi nhánh tỉnh',
      'NHNN',
      'NHNN tỉnh',
    ],
  }),
  central('cuc-thong-ke-tinh', {
    name: 'Cục Thống kê tỉnh',
    shortName: 'CTK',
    aliases: ['Cục Thống kê', 'CTK'],
    successorKey: 'thong-ke-tinh',
  }),
  central('thong-ke-tinh', { name: 'Thống kê tỉnh', aliases: ['Chi cục Thống kê tỉnh', 'Chi cục Thống kê'] }),
  central('cuc-thue-tinh', { name: 'Cục Thuế tỉnh', aliases: ['Cục Thuế'], successorKey: 'thue-tinh' }),
  // Since 1 July 2025 the provincial tax department is "Thuế tỉnh/thành phố <name>" (Cục Thuế, Bộ Tài chính).
  central('thue-tinh', { name: 'Thuế tỉnh', aliases: ['Thuế tỉnh'] }),
  central('kho-bac-nha-nuoc-tinh', {
    name: 'Kho bạc Nhà nước tỉnh',
    shortName: 'KBNN',
    aliases: ['Kho bạc Nhà nước', 'KBNN', 'KBNN tỉnh'],
  }),
  central('cuc-hai-quan', { name: 'Cục Hải quan tỉnh', aliases: ['Cục Hải quan'] }),
  // --- State enterprises ---
  entry('buu-dien-tinh', 'state_enterprise', { name: 'Bưu điện tỉnh', aliases: ['Bưu điện'] }),
  entry('viettel-tinh', 'state_enterprise', {
    name: 'Viettel tỉnh',
    aliases: ['Viettel', 'Chi nhánh Viettel tỉnh', 'Chi nhánh Viettel'],
  }),
  entry('vnpt-tinh', 'state_enterprise', { name: 'VNPT tỉnh', aliases: ['VNPT', 'Viễn thông tỉnh'] }),
  entry('cong-ty-dien-luc', 'state_enterprise', {
    name: 'Công ty Điện lực tỉnh',
    aliases: ['Công ty Điện lực'],
  }),
  // --- Party, mass organisations and armed forces ---
  entry('tinh-doan', 'other', {
    name: 'Tỉnh đoàn',
    aliases: ['Ban Thường vụ Tỉnh đoàn', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh', 'Tỉnh Đoàn Thanh niên'],
  }),
  entry('hoi-lien-hiep-phu-nu', 'other', {
    name: 'Hội Liên hiệp Phụ nữ tỉnh',
    aliases: ['Hội Liên hiệp Phụ nữ', 'Hội LHPN', 'Hội LHPN tỉnh', 'HLHPN'],
  }),
  entry('mat-tran-to-quoc', 'other', {
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
    shortName: 'Ủy ban MTTQ tỉnh',
    aliases: [
      'Mặt trận Tổ quốc',
      'Ủy ban Mặt trận Tổ quốc tỉnh',
      'Ủy ban MTTQ Việt Nam tỉnh',
      'Ủy ban MTTQ',
      'MTTQ',
    ],
  }),
  entry('bo-chi-huy-quan-su', 'other', {
    name: 'Bộ Chỉ huy Quân sự tỉnh',
    shortName: 'Bộ CHQS tỉnh',
    aliases: ['Bộ CHQS tỉnh', 'Bộ CHQS', 'BCHQS', 'BCHQS tỉnh', 'BCH Quân sự tỉnh', 'Bộ Chỉ huy Quân sự'],
  }),
  // --- Central bodies ---
  central('bo-cong-an', { name: 'Bộ Công an', aliases: ['BCA'] }),
  central('cuc-c06', {
    name: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    shortName: 'Cục C06',
    aliases: ['Cục C06', 'C06', 'Cục Cảnh sát QLHC về TTXH'],
  }),
  central('trung-tam-du-lieu-dan-cu', {
    name: 'Trung tâm dữ liệu quốc gia về dân cư',
    aliases: ['Trung tâm Dữ liệu quốc gia về dân cư thuộc Cục C06'],
  }),
  central('bo-thong-tin-truyen-thong', {
    name: 'Bộ Thông tin và Truyền thông',
    shortName: 'Bộ TT&TT',
    aliases: ['Bộ TT&TT', 'Bộ TTTT', 'BTTTT'],
    successorKey: 'bo-khoa-hoc-cong-nghe',
  }),
  central('bo-khoa-hoc-cong-nghe', {
    name: 'Bộ Khoa học và Công nghệ',
    shortName: 'Bộ KH&CN',
    aliases: ['Bộ KH&CN'],
  }),
  central('bo-noi-vu', { name: 'Bộ Nội vụ' }),
  central('van-phong-chinh-phu', { name: 'Văn phòng Chính phủ', aliases: ['VPCP'] }),
  central('bhxh-viet-nam', { name: 'Bảo hiểm xã hội Việt Nam', aliases: ['BHXH Việt Nam'] }),
];
