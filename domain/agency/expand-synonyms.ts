/** Interchangeable folded word sequences: each group lists ways of writing the same words. */
const SYNONYMS: readonly (readonly (readonly string[])[])[] = [
  [['ubnd'], ['uy', 'ban', 'nhan', 'dan']],
  [['van', 'phong'], ['vp']],
];

const MAX_VARIANTS = 16;

function startsWithAt(words: readonly string[], at: number, part: readonly string[]): boolean {
  return part.every((w, k) => words[at + k] === w);
}

/**
 * Every way of writing a folded phrase with the synonyms above swapped in, the phrase itself first:
 * ["van","phong","ubnd","tinh"] also gives ["vp","ubnd","tinh"], ["van","phong","uy","ban","nhan","dan","tinh"]...
 */
export function expandSynonyms(words: readonly string[]): string[][] {
  let variants: string[][] = [[]];
  let i = 0;
  while (i < words.length) {
    const group = SYNONYMS.find((g) => g.some((form) => startsWithAt(words, i, form)));
    const form = group?.find((f) => startsWithAt(words, i, f));
    if (!group || !form) {
      const word = words[i]!;
      variants = variants.map((v) => [...v, word]);
      i++;
      continue;
    }
    const ordered = [form, ...group.filter((f) => f !== form)];
    variants = variants.flatMap((v) => ordered.map((f) => [...v, ...f])).slice(0, MAX_VARIANTS);
    i += form.length;
  }
  return variants;
}
