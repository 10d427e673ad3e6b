import { foldForMatch } from '../text/normalize-vietnamese.ts';

/** A known abbreviation and the agency it names. */
export interface KnownAbbreviation {
  abbreviation: string;
  key: string;
}

const MIN_LENGTH_FOR_LETTER_VARIANT = 4;

/** True when `a` is `b` with exactly one letter added (a doubled or stray letter). */
function oneLetterMore(a: string, b: string): boolean {
  if (a.length !== b.length + 1) return false;
  for (let i = 0; i < a.length; i++) {
    if (a.slice(0, i) + a.slice(i + 1) === b) return true;
  }
  return false;
}

/**
 * The known abbreviation a written one is a variant of: the same letters with spaces or dots in them
 * ("SLĐTB XH", "S.YT"), or, for abbreviations of four letters or more, one letter missing or doubled
 * ("SLĐTBX", "STTTTT"). Returns null when none, or when several agencies would fit.
 */
export function matchAbbreviationVariant(
  written: string,
  known: readonly KnownAbbreviation[],
): KnownAbbreviation | null {
  const letters = foldForMatch(written).replace(/[^a-z0-9]/gu, '');
  if (letters.length < 2) return null;
  const fold = (k: KnownAbbreviation) => foldForMatch(k.abbreviation).replace(/[^a-z0-9]/gu, '');
  const exact = known.filter((k) => fold(k) === letters);
  const pick = (list: KnownAbbreviation[]) => (new Set(list.map((k) => k.key)).size === 1 ? list[0]! : null);
  if (exact.length > 0) return pick(exact);
  const near = known.filter((k) => {
    const f = fold(k);
    if (Math.max(f.length, letters.length) < MIN_LENGTH_FOR_LETTER_VARIANT) return false;
    return oneLetterMore(letters, f) || oneLetterMore(f, letters);
  });
  return near.length > 0 ? pick(near) : null;
}
