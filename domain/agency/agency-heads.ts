import { PhraseTrie } from './phrase-trie.ts';
import type { AgencyToken } from './tokenize-agency-text.ts';
import {
  foldedWords,
  isCapitalizedWord,
  isUpperCaseWord,
  tokenizeAgencyText,
} from './tokenize-agency-text.ts';

/**
 * The structure of Vietnamese agency names: the head words a body's name starts with ("Sở", "Cục",
 * "Văn phòng", "Trung tâm", ...), the role and action words that are not bodies ("lãnh đạo", "tổng
 * hợp", "đề nghị"), and the words that open a group ("các", "những"). Used to read names the directory
 * does not know.
 */

const HEADS: readonly string[] = [
  'Sở',
  'Ban',
  'Cục',
  'Chi cục',
  'Tổng cục',
  'Vụ',
  'Văn phòng',
  'VP',
  'Thanh tra',
  'Trung tâm',
  'Ủy ban',
  'UBND',
  'Hội đồng',
  'HĐND',
  'Công an',
  'Bộ Chỉ huy',
  'Bộ đội Biên phòng',
  'Bộ',
  'Thuế',
  'Kho bạc',
  'Bảo hiểm xã hội',
  'BHXH',
  'Ngân hàng',
  'Viện',
  'Học viện',
  'Trường',
  'Đài',
  'Báo',
  'Tạp chí',
  'Tỉnh đoàn',
  'Thành đoàn',
  'Đoàn',
  'Hội',
  'Liên đoàn',
  'Liên hiệp',
  'Liên minh',
  'Mặt trận',
  'Ủy ban Mặt trận',
  'Đảng ủy',
  'Đảng đoàn',
  'Cấp ủy',
  'Tỉnh ủy',
  'Thành ủy',
  'Phòng',
  'Tổ',
  'Tổng công ty',
  'Công ty',
  'Tập đoàn',
  'Chi nhánh',
  'Bệnh viện',
  'Bưu điện',
  'Tòa án',
  'Viện kiểm sát',
  'Quỹ',
  'Nhà xuất bản',
  'Cảng vụ',
  'Bộ Tư lệnh',
  'Quân khu',
  'Cảnh sát',
  'Đội',
  'Ban Chỉ đạo',
  'Công đoàn',
  'Hợp tác xã',
  'Trạm',
  'Ban Quản lý',
];

/** Second words that turn a head word into a common noun: "Tổ chức", "Báo cáo", "Phòng chống". */
const NOT_A_NAME: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['to', new Set(['chuc'])],
  ['bao', new Set(['cao', 'chi', 'dong', 'dam', 'mat', 've'])],
  ['phong', new Set(['chong', 'chay', 'ngua', 'tranh', 'hop'])],
  ['hoi', new Set(['nghi', 'thao', 'vien', 'thi'])],
  ['doan', new Set(['ket', 'kiem', 'thanh'])],
  ['vu', new Set(['viec', 'an'])],
  ['dai', new Set(['dien', 'bieu', 'hoc', 'tra'])],
  ['bo', new Set(['phan', 'may', 'chi', 'tieu', 'luat', 'du'])],
  ['truong', new Set(['hop', 'phong', 'ban', 'nhom'])],
  ['quy', new Set(['dinh', 'trinh', 'che', 'hoach', 'mo'])],
  ['doi', new Set(['tuong', 'voi', 'moi', 'ngu', 'chieu', 'thoai'])],
  ['thue', new Set(['bao', 'thu'])],
  ['ban', new Set(['hanh', 'giao', 'dau'])],
]);

/** Role and action words: a list item starting with one of these names work, not a body. */
const ACTIONS: readonly string[] = [
  'đề nghị',
  'lãnh đạo',
  'chỉ đạo',
  'tổng hợp',
  'hướng dẫn',
  'thực hiện',
  'theo dõi',
  'báo cáo',
  'tham mưu',
  'triển khai',
  'kiểm tra',
  'giám sát',
  'đôn đốc',
  'xây dựng',
  'bảo đảm',
  'đảm bảo',
  'cung cấp',
  'hỗ trợ',
  'phối hợp',
  'chủ trì',
  'trên cơ sở',
  'căn cứ',
  'theo',
  'tổ chức',
  'rà soát',
  'đánh giá',
  'tuyên truyền',
  'có trách nhiệm',
  'chịu trách nhiệm',
  'nhiệm vụ',
];

/** Titles of officials before a body's name: "Giám đốc Sở Y tế" is Sở Y tế. */
const TITLES: readonly string[] = [
  'Giám đốc',
  'Phó Giám đốc',
  'Chủ tịch',
  'Phó Chủ tịch',
  'Trưởng ban',
  'Phó Trưởng ban',
  'Chánh Văn phòng',
  'Chánh Thanh tra',
  'Cục trưởng',
  'Vụ trưởng',
  'Thủ trưởng',
  'Lãnh đạo',
  'Bí thư',
];

/** Words that open a group description ("các sở", "những đơn vị", "toàn thể", "tất cả"). */
export const GROUP_OPENERS: ReadonlySet<string> = new Set(['cac', 'nhung', 'toan', 'tat']);

const HEAD_TRIE = new PhraseTrie<true>();
for (const head of HEADS) HEAD_TRIE.add(foldedWords(head), true);
/** How each head's first word is spelt, by its folded form: "doi" is "đội", not "đời" or "đôi". */
const HEAD_SPELLINGS = new Map<string, Set<string>>();
for (const head of HEADS) {
  const first = tokenizeAgencyText(head).tokens[0]!;
  const spellings = HEAD_SPELLINGS.get(first.fold) ?? new Set<string>();
  spellings.add(first.text.toLowerCase());
  HEAD_SPELLINGS.set(first.fold, spellings);
}

/** True unless the word carries diacritics that no head spelt this way has ("Đời sống" is not "Đội"). */
function spelledAsHead(token: AgencyToken): boolean {
  const lower = token.text.toLowerCase();
  if (lower === token.fold) return true;
  return HEAD_SPELLINGS.get(token.fold)?.has(lower) ?? true;
}
const ACTION_TRIE = new PhraseTrie<true>();
for (const action of ACTIONS) ACTION_TRIE.add(foldedWords(action), true);
const TITLE_TRIE = new PhraseTrie<true>();
for (const title of TITLES) TITLE_TRIE.add(foldedWords(title), true);

/**
 * True when word token `index` starts a body's name: a capitalised head word ("Sở", "Trung tâm",
 * "UBND") not used as a common noun ("Tổ chức", "Báo cáo"), or a word in capitals (an abbreviation).
 */
export function startsBodyName(tokens: readonly AgencyToken[], index: number): boolean {
  const token = tokens[index];
  if (token?.kind !== 'word' || !isCapitalizedWord(token)) return false;
  if (isUpperCaseWord(token) && token.text.length >= 2 && /\p{L}/u.test(token.text)) return true;
  const match = HEAD_TRIE.longestMatch(tokens, index, false);
  if (!match || !spelledAsHead(token)) return false;
  const next = tokens[index + 1];
  const excluded = NOT_A_NAME.get(token.fold);
  return !(match.end === index + 1 && next?.kind === 'word' && excluded?.has(next.fold));
}

/** The index just after an action/role phrase starting at `index` ("đề nghị", "tổng hợp"), or null. */
export function matchAction(tokens: readonly AgencyToken[], index: number): number | null {
  return ACTION_TRIE.longestMatch(tokens, index, false)?.end ?? null;
}

/** The index just after an official's title starting at `index` ("Giám đốc", "Thủ trưởng"), or null. */
export function matchTitle(tokens: readonly AgencyToken[], index: number): number | null {
  return TITLE_TRIE.longestMatch(tokens, index, false)?.end ?? null;
}
