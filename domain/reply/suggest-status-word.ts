/**
 * Guesses the status word behind a typo ("xogn", "dnag", "vuogn", "hoan thnah") so that a suggestion can
 * show the corrected line.
 */
import { foldForMatch } from '../text/normalize-vietnamese.ts';

/** Folded status words (spaces removed) and the word to show instead. */
const CANDIDATES: ReadonlyArray<readonly [string, string]> = [
  ['xong', 'xong'],
  ['dang', 'đang'],
  ['danglam', 'đang làm'],
  ['vuong', 'vướng'],
  ['vuongmac', 'vướng mắc'],
  ['khokhan', 'khó khăn'],
  ['hoanthanh', 'hoàn thành'],
  ['thidiem', 'thí điểm'],
  ['done', 'done'],
  ['doing', 'doing'],
  ['blocked', 'blocked'],
  ['stuck', 'stuck'],
  ['waiting', 'waiting'],
  ['pilot', 'pilot'],
  ['completed', 'completed'],
  ['finished', 'finished'],
];

/** Optimal string alignment distance (edits, with adjacent swaps counted once). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The status word a mistyped word most likely stands for, or null when nothing is close enough (or the
 * word is a status word with other diacritics, hence another word).
 * Words of three letters allow one edit; words of seven or more allow two.
 */
export function suggestStatusWord(typed: string): string | null {
  const key = foldForMatch(typed).replace(/\s+/gu, '');
  if (key.length < 3 || key.length > 20) return null;
  const allowed = key.length >= 7 ? 2 : 1;
  let best: { word: string; distance: number } | null = null;
  for (const [candidate, word] of CANDIDATES) {
    const distance = editDistance(key, candidate);
    // Same letters with other diacritics is another word ("đáng" is not a typo of "đang").
    if (distance === 0) continue;
    if (distance <= allowed && (!best || distance < best.distance)) best = { word, distance };
  }
  return best?.word ?? null;
}
