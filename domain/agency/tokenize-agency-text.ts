import { foldForMatch, normalizeVietnamese } from '../text/normalize-vietnamese.ts';

/** One token of an agency text: a word (letters/digits, or "&" read as "và") or one separator character. */
export interface AgencyToken {
  kind: 'word' | 'sep';
  /** The token as written (after {@link normalizeVietnamese}). */
  text: string;
  /** Matching key: lower case, no diacritics, "đ" -> "d"; "&" folds to "va"; separators keep `text`. */
  fold: string;
  /** Offsets into {@link TokenizedText.source}. */
  start: number;
  end: number;
}

/** A text split into tokens, with the normalised source the offsets refer to. */
export interface TokenizedText {
  source: string;
  tokens: AgencyToken[];
}

const TOKEN = /[\p{L}\p{M}\p{N}]+|&|\n|[^\s\p{L}\p{M}\p{N}]/gu;

/**
 * Splits text into words and separators for name matching. The text is first made canonical
 * (NFC, first-vowel tone placement, markup removed), so "Uỷ", "Ủy" and decomposed input fold alike;
 * hyphens and dashes are separators, so "Lao động – Thương binh" and "Lao động-Thương binh" match.
 */
export function tokenizeAgencyText(text: string): TokenizedText {
  const source = normalizeVietnamese(text);
  const tokens: AgencyToken[] = [];
  for (const m of source.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    if (raw === '&') {
      tokens.push({ kind: 'word', text: raw, fold: 'va', start, end });
      continue;
    }
    // "TP. Hồ Chí Minh", "TP.HCM": the abbreviation's dot is part of it, not a separator.
    const previous = tokens[tokens.length - 1];
    if (raw === '.' && previous?.fold === 'tp' && previous.end === start) continue;
    const isWord = /[\p{L}\p{N}]/u.test(raw);
    const fold = isWord ? foldForMatch(raw).replace(/\s+/gu, '') : '';
    if (fold === '') tokens.push({ kind: 'sep', text: raw, fold: raw, start, end });
    else tokens.push({ kind: 'word', text: raw, fold, start, end });
  }
  return { source, tokens };
}

/** The folded words of a name, e.g. "Sở TT&TT" -> ["so", "tt", "va", "tt"]. */
export function foldedWords(text: string): string[] {
  return tokenizeAgencyText(text)
    .tokens.filter((t) => t.kind === 'word')
    .map((t) => t.fold);
}

/** True when a word is written in capitals (an abbreviation such as "CAT" or "SLĐTBXH"). */
export function isUpperCaseWord(token: AgencyToken): boolean {
  return token.text === token.text.toUpperCase() && token.text !== token.text.toLowerCase();
}

/** True when a word starts with a capital letter or a digit (a proper name such as "Tuy Phước"). */
export function isCapitalizedWord(token: AgencyToken): boolean {
  const first = token.text.charAt(0);
  return /\p{N}/u.test(first) || (first === first.toUpperCase() && first !== first.toLowerCase());
}
