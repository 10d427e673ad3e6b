/**
 * Text normalisation for Vietnamese administrative documents and chat messages.
 *
 * Plans arrive partly in decomposed Unicode (NFD), with old and new tone placement mixed ("hoà"/"hòa",
 * "uỷ"/"ủy"), "Quí" for "Quý", stray HTML or Markdown, footnote marks and odd white space. Everything
 * that compares text goes through these functions so that the same words always compare equal.
 */

/** Vowels carrying a tone mark, grouped by base vowel: index 0 is the bare vowel, then sắc, huyền, hỏi, ngã, nặng. */
const TONE_TABLE: Record<string, string> = {
  a: 'aáàảãạ',
  ă: 'ăắằẳẵặ',
  â: 'âấầẩẫậ',
  e: 'eéèẻẽẹ',
  ê: 'êếềểễệ',
  i: 'iíìỉĩị',
  o: 'oóòỏõọ',
  ô: 'ôốồổỗộ',
  ơ: 'ơớờởỡợ',
  u: 'uúùủũụ',
  ư: 'ưứừửữự',
  y: 'yýỳỷỹỵ',
};

const TONED: Map<string, { base: string; tone: number }> = new Map();
for (const [base, row] of Object.entries(TONE_TABLE)) {
  for (let tone = 0; tone < row.length; tone++) {
    const ch = row[tone]!;
    TONED.set(ch, { base, tone });
    TONED.set(ch.toUpperCase(), { base: base.toUpperCase(), tone });
  }
}

function withTone(base: string, tone: number): string {
  const lower = base.toLowerCase();
  const row = TONE_TABLE[lower];
  if (!row) return base;
  const ch = row[tone] ?? base;
  return base === lower ? ch : ch.toUpperCase();
}

/**
 * Old-style tone placement puts the mark on the second vowel of an open "oa", "oe", "uy" syllable
 * ("hoà", "thuỷ", "uỷ"); the style used by current government documents puts it on the first ("hòa",
 * "thủy", "ủy"). We rewrite to the first-vowel style. A syllable with a final consonant ("hoàn") is the
 * same in both styles and is left alone, as is "qu" + y ("quý"), where u belongs to the consonant.
 */
const OLD_TONE_SYLLABLE = /(^|[^\p{L}])([\p{L}]*?)([oOuU])([\p{L}])(?![\p{L}])/gu;

function fixTonePlacement(text: string): string {
  return text.replace(
    OLD_TONE_SYLLABLE,
    (whole, pre: string, onset: string, first: string, second: string) => {
      const toned = TONED.get(second);
      if (!toned || toned.tone === 0) return whole;
      const pair = (first + toned.base).toLowerCase();
      if (pair !== 'oa' && pair !== 'oe' && pair !== 'uy') return whole;
      // "qu" + y: the u is part of the consonant, the mark stays on y ("quý", "quỹ").
      if (first.toLowerCase() === 'u' && onset.toLowerCase().endsWith('q')) return whole;
      // Only a syllable whose onset is consonants (or nothing) has the pair as its nucleus.
      if (/[aăâeêioôơuưy]/iu.test(stripTones(onset))) return whole;
      return pre + onset + withTone(first, toned.tone) + toned.base;
    },
  );
}

function stripTones(text: string): string {
  let out = '';
  for (const ch of text) out += TONED.get(ch)?.base ?? ch;
  return out;
}

/** "Quí" -> "Quý", "qui" -> "quy" (a whole syllable only). */
function fixQuiSpelling(text: string): string {
  return text.replace(
    /(^|[^\p{L}])([Qq][Uu])([iíìỉĩịIÍÌỈĨỊ])(?![\p{L}])/gu,
    (_w, pre: string, qu: string, i: string) => {
      const toned = TONED.get(i);
      const upper = i === i.toUpperCase();
      return pre + qu + withTone(upper ? 'Y' : 'y', toned?.tone ?? 0);
    },
  );
}

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
};

/**
 * Removes markup remnants: HTML tags (list items become line breaks with a dash), HTML entities,
 * Markdown emphasis, and footnote marks such as "[1]", "(*)" or superscript digits.
 */
export function stripMarkup(text: string): string {
  return text
    .replace(/<\s*br\s*\/?>/giu, '\n')
    .replace(/<\s*li[^>]*>/giu, '\n- ')
    .replace(/<\/?\s*[a-z][a-z0-9]*(\s[^<>]*)?\/?>/giu, '')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/giu, (m) => ENTITIES[m.toLowerCase()] ?? m)
    .replace(/\*\*|__/gu, '')
    .replace(/\[\d{1,2}\]|\(\*+\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+/gu, '');
}

/** Collapses runs of spaces and tabs, removes zero-width characters and trims every line. */
export function normalizeSpaces(text: string): string {
  return text
    .replace(/[\u200B-\u200D\uFEFF]/gu, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t ]+/gu, ' ')
    .split(/\r\n|\r|\n/u)
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

/**
 * The canonical form of a piece of Vietnamese text: NFC, first-vowel tone placement, "quý" spelling,
 * no markup, tidy spaces. Idempotent: normalizeVietnamese(normalizeVietnamese(x)) === normalizeVietnamese(x).
 */
export function normalizeVietnamese(text: string): string {
  const nfc = text.normalize('NFC');
  return normalizeSpaces(fixQuiSpelling(fixTonePlacement(stripMarkup(nfc)))).normalize('NFC');
}

/**
 * The canonical form of text a person typed in chat: like {@link normalizeVietnamese} but without
 * removing anything that looks like markup — chat text is plain, and "a < b > c" or "<script>" typed
 * by an officer is their text, stored verbatim and escaped only when shown.
 */
export function normalizeChatText(text: string): string {
  return normalizeSpaces(fixQuiSpelling(fixTonePlacement(text.normalize('NFC')))).normalize('NFC');
}

/**
 * A key for loose matching: canonical text, lower case, without diacritics ("đ" -> "d"), punctuation
 * turned into single spaces. "Quí III/2024", "quy iii/2024" and "QUÝ III / 2024" share one key.
 */
export function foldForMatch(text: string): string {
  return normalizeVietnamese(text)
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/[^\p{L}\p{N}/%&]+/gu, ' ')
    .trim();
}
