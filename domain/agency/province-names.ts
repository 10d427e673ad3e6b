import { PhraseTrie } from './phrase-trie.ts';
import type { AgencyToken } from './tokenize-agency-text.ts';
import { foldedWords } from './tokenize-agency-text.ts';

/**
 * Vietnamese provinces and centrally run cities as plans write them after "tỉnh"/"thành phố": the 63
 * units before the 2025 merger (the 34 after it keep names from this list) plus "Huế" and "Hồ Chí Minh".
 * Used only to recognise a suffix such as "Sở Y tế tỉnh Bình Định".
 */
export const PROVINCE_NAMES: readonly string[] = [
  'An Giang',
  'Bà Rịa - Vũng Tàu',
  'Bạc Liêu',
  'Bắc Giang',
  'Bắc Kạn',
  'Bắc Ninh',
  'Bến Tre',
  'Bình Dương',
  'Bình Định',
  'Bình Phước',
  'Bình Thuận',
  'Cà Mau',
  'Cao Bằng',
  'Cần Thơ',
  'Đà Nẵng',
  'Đắk Lắk',
  'Đắk Nông',
  'Điện Biên',
  'Đồng Nai',
  'Đồng Tháp',
  'Gia Lai',
  'Hà Giang',
  'Hà Nam',
  'Hà Nội',
  'Hà Tĩnh',
  'Hải Dương',
  'Hải Phòng',
  'Hậu Giang',
  'Hòa Bình',
  'Hồ Chí Minh',
  'Huế',
  'Hưng Yên',
  'Khánh Hòa',
  'Kiên Giang',
  'Kon Tum',
  'Lai Châu',
  'Lâm Đồng',
  'Lạng Sơn',
  'Lào Cai',
  'Long An',
  'Nam Định',
  'Nghệ An',
  'Ninh Bình',
  'Ninh Thuận',
  'Phú Thọ',
  'Phú Yên',
  'Quảng Bình',
  'Quảng Nam',
  'Quảng Ngãi',
  'Quảng Ninh',
  'Quảng Trị',
  'Sóc Trăng',
  'Sơn La',
  'Tây Ninh',
  'Thái Bình',
  'Thái Nguyên',
  'Thanh Hóa',
  'Thừa Thiên Huế',
  'Tiền Giang',
  'Trà Vinh',
  'Tuyên Quang',
  'Vĩnh Long',
  'Vĩnh Phúc',
  'Yên Bái',
];

/** Short forms written for a city's name: "Công an TP.HCM", "Sở Y tế TPHCM". */
const PROVINCE_SHORT_FORMS: readonly string[] = ['HCM', 'TPHCM', 'Hồ Chí Minh City'];

const PROVINCES = new PhraseTrie<true>();
for (const name of [...PROVINCE_NAMES, ...PROVINCE_SHORT_FORMS]) PROVINCES.add(foldedWords(name), true);

/** The index just after a province name starting at `start`, or null when none starts there. */
export function matchProvinceName(tokens: readonly AgencyToken[], start: number): number | null {
  return PROVINCES.longestMatch(tokens, start, false)?.end ?? null;
}
