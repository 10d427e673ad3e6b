import { expandSynonyms } from './expand-synonyms.ts';
import { PhraseTrie } from './phrase-trie.ts';
import type { AgencyToken } from './tokenize-agency-text.ts';
import { foldedWords } from './tokenize-agency-text.ts';

/** A group that names no single agency: its canonical label and the ways plans write it. */
interface CollectiveDefinition {
  label: string;
  phrases: readonly string[];
}

/**
 * Group descriptions found in plans. Matching ignores commas, case and diacritics, and "UBND" and
 * "Ủy ban nhân dân" are interchangeable, so each phrase also covers its punctuation variants.
 */
export const COLLECTIVES: readonly CollectiveDefinition[] = [
  {
    label: 'Các sở, ban, ngành',
    phrases: [
      'Các sở, ban, ngành',
      'Các sở, ngành',
      'Sở, ban, ngành',
      'Các sở, ban, ngành, đoàn thể',
      'Các ban, ngành',
    ],
  },
  {
    label: 'Các cơ quan chuyên môn thuộc tỉnh',
    phrases: [
      'Các cơ quan chuyên môn',
      'Cơ quan chuyên môn thuộc UBND tỉnh',
      'Các cơ quan chuyên môn thuộc UBND tỉnh',
    ],
  },
  { label: 'Các bộ, ngành', phrases: ['Các bộ, ngành', 'Các bộ, ngành Trung ương'] },
  {
    label: 'Cấp ủy, chính quyền các cấp',
    phrases: [
      'Cấp ủy, chính quyền các cấp',
      'Các cấp ủy, chính quyền',
      'Cấp ủy, chính quyền địa phương các cấp',
      'Các cấp ủy đảng, chính quyền các cấp',
    ],
  },
  {
    label: 'UBND các huyện, thị xã, thành phố',
    phrases: [
      'UBND các huyện, thị xã, thành phố',
      'UBND các huyện, thành phố',
      'UBND các huyện, thị xã',
      'UBND các huyện',
      'UBND cấp huyện',
      'UBND huyện, thị xã, thành phố',
    ],
  },
  {
    label: 'UBND các xã, phường, thị trấn',
    phrases: [
      'UBND các xã, phường, thị trấn',
      'UBND các xã, phường',
      'UBND các xã',
      'UBND cấp xã',
      'UBND xã, phường, thị trấn',
    ],
  },
  {
    label: 'Các cơ quan, đơn vị liên quan',
    phrases: [
      'Các cơ quan, đơn vị',
      'Các cơ quan',
      'Các đơn vị',
      'Cơ quan, đơn vị',
      'Các cơ quan, đơn vị, địa phương',
      'Các cơ quan, tổ chức',
      'Các cơ quan, đơn vị, tổ chức',
    ],
  },
  {
    label: 'UBND các xã, phường, đặc khu',
    phrases: [
      'UBND các xã, phường, đặc khu',
      'UBND các phường, xã, đặc khu',
      'UBND xã, phường, đặc khu',
      'UBND các phường, xã',
    ],
  },
  {
    label: 'Các đơn vị thuộc Bộ',
    phrases: [
      'Các đơn vị thuộc Bộ',
      'Các đơn vị trực thuộc Bộ',
      'Các cơ quan, đơn vị thuộc Bộ',
      'Các cơ quan, đơn vị trực thuộc Bộ',
      'Các Cục, Vụ',
      'Các Vụ, Cục',
      'Các Cục, Vụ, đơn vị thuộc Bộ',
      'Các Vụ, Cục, đơn vị thuộc Bộ',
      'Thủ trưởng các đơn vị thuộc Bộ',
    ],
  },
  {
    label: 'UBND các tỉnh, thành phố trực thuộc trung ương',
    phrases: [
      'UBND các tỉnh, thành phố trực thuộc trung ương',
      'UBND các tỉnh, thành phố',
      'UBND các tỉnh, TP trực thuộc TW',
      'UBND các tỉnh, thành phố trực thuộc TW',
    ],
  },
  { label: 'Các đơn vị sự nghiệp', phrases: ['Các đơn vị sự nghiệp', 'Các đơn vị sự nghiệp công lập'] },
  { label: 'Các địa phương', phrases: ['Địa phương', 'Các địa phương'] },
  { label: 'Các doanh nghiệp', phrases: ['Các doanh nghiệp', 'Doanh nghiệp'] },
  { label: 'Các hội, đoàn thể', phrases: ['Các hội, đoàn thể', 'Các tổ chức chính trị - xã hội'] },
  {
    label: 'Các cơ quan Trung ương đóng trên địa bàn tỉnh',
    phrases: ['Các cơ quan Trung ương đóng trên địa bàn tỉnh', 'Các cơ quan Trung ương'],
  },
  {
    label: 'Các cơ quan thông tấn, báo chí',
    phrases: ['Các cơ quan thông tấn, báo chí', 'Các cơ quan báo chí'],
  },
  { label: 'Các trường đại học, cao đẳng', phrases: ['Các trường Đại học, Cao đẳng'] },
  { label: 'Các cơ sở khám, chữa bệnh', phrases: ['Các cơ sở khám, chữa bệnh', 'Các cơ sở y tế'] },
  {
    label: 'Các cơ sở kinh doanh có điều kiện về ANTT',
    phrases: [
      'Các cơ sở kinh doanh có điều kiện về ANTT',
      'Các cơ sở kinh doanh có điều kiện về an ninh, trật tự',
    ],
  },
  {
    label: 'Tổ công tác Đề án 06 cấp huyện, cấp xã',
    phrases: ['Tổ công tác Đề án 06 cấp huyện, cấp xã', 'Tổ công tác Đề án 06 cấp huyện, xã'],
  },
  {
    label: 'Tổ công tác Đề án 06 cấp huyện',
    phrases: [
      'Tổ công tác Đề án 06 cấp huyện',
      'Tổ Đề án 06 cấp huyện',
      'Tổ công tác triển khai Đề án 06 cấp huyện',
    ],
  },
  {
    label: 'Tổ công tác Đề án 06 cấp xã',
    phrases: ['Tổ công tác Đề án 06 cấp xã', 'Tổ Đề án 06 cấp xã', 'Tổ công tác triển khai Đề án 06 cấp xã'],
  },
  {
    label: 'Tổ công nghệ số cộng đồng',
    phrases: ['Tổ công nghệ số cộng đồng', 'Các Tổ công nghệ số cộng đồng'],
  },
];

/** Qualifiers that may follow a group without changing which group it is ("có liên quan", "thuộc tỉnh"). */
const TAILS: readonly string[] = [
  'có liên quan',
  'liên quan',
  'thuộc tỉnh',
  'trực thuộc tỉnh',
  'thuộc UBND tỉnh',
  'cấp tỉnh',
  'trên địa bàn tỉnh',
  'trên địa bàn',
  'theo lĩnh vực',
  'thành phố',
  'thuộc thành phố',
  'trực thuộc thành phố',
  'thuộc UBND thành phố',
  'cấp thành phố',
  'trên địa bàn thành phố',
  'trên địa bàn',
];

const PHRASES = new PhraseTrie<string>();
for (const { label, phrases } of COLLECTIVES) {
  for (const phrase of phrases) {
    for (const words of expandSynonyms(foldedWords(phrase))) PHRASES.add(words, label);
  }
}
const TAIL_PHRASES = new PhraseTrie<true>();
for (const tail of TAILS) {
  for (const words of expandSynonyms(foldedWords(tail))) TAIL_PHRASES.add(words, true);
}

/** The longest group description starting at `start`, with any qualifiers after it. */
export function matchCollective(
  tokens: readonly AgencyToken[],
  start: number,
): { label: string; end: number } | null {
  const match = PHRASES.longestMatch(tokens, start, true);
  if (!match) return null;
  let end = match.end;
  for (let tail = TAIL_PHRASES.longestMatch(tokens, end, false); tail; ) {
    end = tail.end;
    tail = TAIL_PHRASES.longestMatch(tokens, end, false);
  }
  return { label: match.value, end };
}
