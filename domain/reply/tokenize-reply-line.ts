/**
 * Splits one normalised line of a status reply into word and number tokens that keep their position in
 * the line, so that the parser can match folded words ("dang", "vuong") and still cut the original text
 * ("đã lắp 5/7 camera") out of the line unchanged.
 */
import { foldForMatch } from '../text/normalize-vietnamese.ts';

/** A word or number of a reply line. */
export interface ReplyToken {
  /** Index of the first character in the line. */
  start: number;
  /** Index just after the last character in the line. */
  end: number;
  /** The token as typed (after normalisation). */
  text: string;
  /** Lower case, no diacritics, "đ" -> "d"; same length as `text` for Vietnamese letters. */
  fold: string;
  /** A plain or decimal number such as "60" or "62,5" (not "5/7", not "1.000.000"). */
  isNumber: boolean;
  /** When a "%" follows (optionally after one space), the index just after it; otherwise null. */
  percentEnd: number | null;
}

const TOKEN = /[0-9]+(?:[/.,][0-9]+)+|[\p{L}\p{M}\p{N}]+(?:\/[\p{L}\p{M}\p{N}]+)*/gu;
const NUMBER = /^[0-9]+(?:[.,][0-9]+)?$/u;

const FOLDED_CHARS = new Map<string, string>();

/** Folds one character like {@link foldForMatch}, but keeps punctuation and anything that would change length. */
export function foldChar(ch: string): string {
  const cached = FOLDED_CHARS.get(ch);
  if (cached !== undefined) return cached;
  const folded = foldForMatch(ch);
  const out =
    folded.length === ch.length ? folded : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  if (FOLDED_CHARS.size < 4096) FOLDED_CHARS.set(ch, out);
  return out;
}

/** Folds a string character by character, so that index i of the result belongs to index i of `text`. */
export function foldAligned(text: string): string {
  let out = '';
  for (const ch of text) out += foldChar(ch);
  return out;
}

/** The tokens of one line, left to right. */
export function tokenizeReplyLine(line: string): ReplyToken[] {
  const tokens: ReplyToken[] = [];
  for (const m of line.matchAll(TOKEN)) {
    const start = m.index;
    const text = m[0];
    const end = start + text.length;
    const isNumber = NUMBER.test(text);
    let percentEnd: number | null = null;
    if (isNumber) {
      if (line[end] === '%') percentEnd = end + 1;
      else if (line[end] === ' ' && line[end + 1] === '%') percentEnd = end + 2;
    }
    tokens.push({ start, end, text, fold: foldAligned(text), isNumber, percentEnd });
  }
  return tokens;
}
