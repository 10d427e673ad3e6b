import { normalizeVietnamese } from '../text/normalize-vietnamese.ts';
import type { AgencyDirectory } from './agency-directory.ts';
import { startsBodyName } from './agency-heads.ts';
import { tokenizeAgencyText } from './tokenize-agency-text.ts';

/** An abbreviation a document defines for a body: "Sở Thông tin và Truyền thông (STTTT)". */
export interface AbbreviationDefinition {
  abbreviation: string;
  /** The body's name as written before the brackets. */
  name: string;
  /** The directory's agency when the name is known, else null (a body to learn). */
  key: string | null;
}

const DEFINITION =
  /\(\s*(?:sau đây (?:gọi|viết) (?:tắt )?là|gọi tắt là|viết tắt là|viết tắt)?\s*[:“"']?\s*([^()“”"'\n]{2,40}?)\s*[”"']?\s*\)/giu;
/** Words before a name that end the clause it belongs to: "giao", "do", "của", "và", "với", "cho". */
const CLAUSE_WORDS = new Set(['giao', 'do', 'cua', 'voi', 'cho', 'la', 'tai', 'thi', 'duoc', 'gom']);
/** Punctuation before a word that starts a new clause. */
const CLAUSE_MARKS = new Set([',', ';', '.', ':']);
const MAX_NAME_WORDS = 16;

/** True for an abbreviation: at most four words, one of them at least two capitals ("STTTT", "Sở TTTT"). */
function looksLikeAbbreviation(text: string): boolean {
  const words = text.trim().split(/\s+/u);
  return words.length <= 4 && words.some((w) => /^[\p{Lu}\d&-]{2,}$/u.test(w) && /\p{Lu}.*\p{Lu}/u.test(w));
}

/** The body named just before offset `end` of `text`: a known name if any fits, else the clause's first body. */
function nameBefore(
  text: string,
  end: number,
  directory: AgencyDirectory,
): { name: string; key: string | null } | null {
  const { source, tokens } = tokenizeAgencyText(text.slice(Math.max(0, end - 400), end));
  const words = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.kind === 'word');
  const window = words.slice(-MAX_NAME_WORDS);
  const nameFrom = (index: number) =>
    source
      .slice(tokens[index]!.start)
      .trim()
      .replace(/[\s,.;:]+$/u, '');
  for (const { i } of window) {
    if (!startsBodyName(tokens, i)) continue;
    const entry = directory.lookup(nameFrom(i));
    if (entry) return { name: nameFrom(i), key: entry.key };
  }
  let clauseStart = 0;
  window.forEach(({ t }, k) => {
    if (CLAUSE_WORDS.has(t.fold) || CLAUSE_MARKS.has(tokens[window[k]!.i - 1]?.text ?? '')) clauseStart = k;
  });
  const head = window.slice(clauseStart).find(({ i }) => startsBodyName(tokens, i));
  return head ? { name: nameFrom(head.i), key: null } : null;
}

/**
 * Finds the abbreviations a document defines for bodies, in its prose or its table cells:
 * "Sở Thông tin và Truyền thông (STTTT)", "Trung tâm Phục vụ hành chính công tỉnh (sau đây gọi tắt là
 * Trung tâm PVHCC)", "(viết tắt là BQL)". The first definition of an abbreviation wins.
 */
export function findAbbreviationDefinitions(
  texts: readonly string[],
  directory: AgencyDirectory,
): AbbreviationDefinition[] {
  const found = new Map<string, AbbreviationDefinition>();
  for (const raw of texts) {
    const text = normalizeVietnamese(raw);
    for (const match of text.matchAll(DEFINITION)) {
      const abbreviation = match[1]!.trim();
      if (!looksLikeAbbreviation(abbreviation) || found.has(abbreviation)) continue;
      const named = nameBefore(text, match.index, directory);
      if (!named) continue;
      if (directory.lookup(abbreviation)?.key === named.key && named.key !== null) continue;
      found.set(abbreviation, { abbreviation, ...named });
    }
  }
  return [...found.values()];
}
