import { foldForMatch } from '../text/normalize-vietnamese.ts';

/** "30.12.2023", "30-12-2023", "2023–2025": a dot or dash between digits becomes a slash before folding. */
const DIGIT_SEPARATOR = /(\d)\s*[.\-‐‑‒–—−]\s*(?=\d)/gu;

const MONTH_WORDS: ReadonlyMap<string, string> = new Map([
  ['gieng', '1'],
  ['mot', '1'],
  ['hai', '2'],
  ['ba', '3'],
  ['tu', '4'],
  ['bon', '4'],
  ['nam', '5'],
  ['sau', '6'],
  ['bay', '7'],
  ['tam', '8'],
  ['chin', '9'],
  ['muoi', '10'],
  ['muoi mot', '11'],
  ['muoi hai', '12'],
  ['chap', '12'],
]);

/**
 * "tháng mười hai/2023" -> "thang 12/2023". Only when a year or a slash follows: "tháng sau" (next
 * month) and "tháng sáu" (June) fold to the same "thang sau", and "tháng năm 2024" could be a typo of
 * "tháng, năm 2024", so May needs "tháng năm năm 2024".
 */
const MONTH_WORD =
  /\bthang (muoi mot|muoi hai|chap|gieng|mot|hai|ba|tu|bon|nam(?= nam\b)|sau|bay|tam|chin|muoi)\b(?=\s*(?:\/|nam\b|\d))/gu;

/**
 * Folds a deadline phrase for matching (`foldForMatch`: lower case, no diacritics, punctuation as
 * spaces), keeping date separators as "/" and turning month words into numbers.
 */
export function prepareDeadlineText(phrase: string): string {
  const folded = foldForMatch(phrase.replace(MONTH_RANGE, '$1 $2 và $3').replace(DIGIT_SEPARATOR, '$1/'));
  return spellOutListedPeriods(
    folded
      .replace(MONTH_WORD, (_whole, word: string) => `thang ${MONTH_WORDS.get(word) ?? word}`)
      .replace(SHORT_QUARTER, 'quy $1'),
  );
}

/** "Tháng 9-10/2025": two months, not the date 9/10/2025 (read before dashes between digits become "/"). */
const MONTH_RANGE =
  /\b(tháng|thang)\s*(\d{1,2})\s*[-\u2010-\u2015\u2212]\s*(\d{1,2})(?=\s*\/\s*\d{4}|\s+năm\b|\s+nam\b)/giu;
/** "Q3/2025", "Q.III năm 2025": a quarter written short. */
const SHORT_QUARTER = /\bq\s*([1-4]|iv|i{1,3})\b(?=\s*\/\s*\d{4}|\s+(?:nam\s+)?\d{4})/gu;

/** "quy ii iii/2025" (from "Quý II, III/2025"), "quy 3 va 4 nam 2025": several quarters sharing a word. */
const LISTED_QUARTERS = /\bquy ((?:[ivx]{1,4}|[1-4])(?:\s+(?:va\s+)?(?:[ivx]{1,4}|[1-4])(?![\d/]))+)/gu;
/** "thang 6 va 12/2025": two months sharing a word (a bare "tháng 6 2025" is a month and a year). */
const LISTED_MONTHS = /\bthang (\d{1,2}) va (\d{1,2})(?=\s*(?:\/|nam\b))/gu;

/** Writes the shared word before each listed period, so that each is read: "quy ii quy iii/2025". */
function spellOutListedPeriods(folded: string): string {
  return folded
    .replace(LISTED_QUARTERS, (_whole, list: string) =>
      list
        .split(/\s+/u)
        .filter((word) => word !== 'va')
        .map((numeral) => `quy ${numeral}`)
        .join(' '),
    )
    .replace(LISTED_MONTHS, (_whole, first: string, second: string) => `thang ${first} thang ${second}`);
}

const DATE_TEXT = String.raw`(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2} thang \d{1,2} nam \d{4})`;
/** "50/nq", "85/2016/nd", "422/qd" (a document number; the folded "-CP", "-TTg" follows as a word). */
const DOC_NUMBER = String.raw`\b\d+(?:/\d+)*/[a-z][a-z0-9]*`;
const DOC_WORD = String.raw`\b(?:nghi quyet|quyet dinh|nghi dinh|thong tu|chi thi|cong van|ke hoach|thong bao|van ban|de an)(?: so)?`;

/**
 * References to other documents, with their dates: "Nghị quyết 50/NQ-CP, ngày 8/4/2022",
 * "Quyết định số 422 ngày 04/4/2022", "Đề án 06". The date of a referenced document is not a deadline.
 */
const REFERENCES: readonly RegExp[] = [
  new RegExp(String.raw`${DOC_NUMBER}(?: (?!ngay\b)[a-z][a-z0-9]{0,5})*\s+ngay\s+${DATE_TEXT}`, 'gu'),
  new RegExp(String.raw`${DOC_WORD} \d\S*(?:\s+ngay\s+${DATE_TEXT})?`, 'gu'),
  new RegExp(DOC_NUMBER, 'gu'),
];

/** Blanks out references to other documents (same length, so positions stay valid). */
export function maskReferences(folded: string): string {
  return REFERENCES.reduce(
    (text, pattern) => text.replace(pattern, (whole) => ' '.repeat(whole.length)),
    folded,
  );
}
