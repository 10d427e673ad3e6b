import type { AgencyEntry } from './agency.ts';
import { expandSynonyms } from './expand-synonyms.ts';
import { matchLocalCommittee } from './match-local-committee.ts';
import { PhraseTrie } from './phrase-trie.ts';
import { matchProvinceName } from './province-names.ts';
import type { AgencyToken } from './tokenize-agency-text.ts';
import { foldedWords, isCapitalizedWord, tokenizeAgencyText } from './tokenize-agency-text.ts';

/** An extra way of writing an agency, added by an admin ("Tổ giúp việc" -> `phong-pc06`). */
export interface AgencyAlias {
  alias: string;
  key: string;
}

/** An agency recognised in a token sequence: the entry and the index just after its last token. */
export interface AgencyMatch {
  entry: AgencyEntry;
  end: number;
}

interface NameTarget {
  key: string;
  /** The name already ends in "tỉnh", so a province name may follow directly. */
  endsWithTinh: boolean;
}

/** How a derived directory differs from its base (see {@link AgencyDirectory.derive}). */
export interface DirectoryVariant {
  /** Entries to add (learned agencies, defined by a plan). */
  entries?: readonly AgencyEntry[];
  /** Aliases to add; they win over the base's aliases written the same way. */
  aliases?: readonly AgencyAlias[];
  /** Entries of the base to leave out (a ministry's plan does not name provincial departments). */
  exclude?: (entry: AgencyEntry) => boolean;
  /** The document is a centrally-run city's: "thành phố" after a name is its level, like "tỉnh". */
  cityLevel?: boolean;
}

const MAX_UNKNOWN_PROVINCE_WORDS = 4;
const MAX_QUALIFIER_DEPTH = 2;

/** A single-word alias written in capitals ("CAT", "SLĐTBXH"): only matches capitals in running text. */
function isAbbreviation(alias: string): boolean {
  return /^[\p{Lu}\p{N}]{2,}$/u.test(alias) && /\p{L}/u.test(alias);
}

/** Loose variants of a folded name: synonyms swapped ("UBND"/"Ủy ban nhân dân") and "và" dropped. */
function looseVariants(words: readonly string[]): string[][] {
  const variants = expandSynonyms(words);
  const withoutVa = words.filter((w) => w !== 'va');
  if (withoutVa.length > 1 && withoutVa.length < words.length) variants.push(...expandSynonyms(withoutVa));
  return variants;
}

/**
 * The agencies a province works with, looked up by any way a document writes them.
 *
 * Matching compares folded words (no case, no diacritics, "đ" = "d", old and new tone placement alike),
 * treats "&" as "và", ignores dashes and commas inside a name, accepts a "tỉnh" / "tỉnh <Province>" /
 * "<Province>" suffix and a "thuộc <agency>" qualifier, and recognises district and commune committees
 * ("UBND huyện Tuy Phước") without an entry. Synthesised committee entries are remembered once seen,
 * so {@link get} and {@link currentHolder} accept their keys afterwards.
 */
export class AgencyDirectory {
  private readonly byKey = new Map<string, AgencyEntry>();
  private readonly synthesized = new Map<string, AgencyEntry>();
  private readonly names = new PhraseTrie<NameTarget>();
  private readonly sourceEntries: readonly AgencyEntry[];
  private readonly sourceAliases: readonly AgencyAlias[];
  private readonly cityLevel: boolean;

  /**
   * @param entries - the directory; keys must be unique.
   * @param extraAliases - admin-defined aliases; they win over a built-in alias written the same way.
   * @throws Error when two entries share a key, when two entries claim the same alias, or when an
   *   extra alias names an unknown key.
   */
  constructor(
    entries: readonly AgencyEntry[],
    extraAliases: readonly AgencyAlias[] = [],
    options: { cityLevel?: boolean } = {},
  ) {
    this.sourceEntries = entries;
    this.sourceAliases = extraAliases;
    this.cityLevel = options.cityLevel === true;
    for (const entry of entries) {
      if (this.byKey.has(entry.key))
        throw new Error(`Duplicate agency key "${entry.key}": keys must be unique`);
      this.byKey.set(entry.key, entry);
    }
    const loose: [string[], AgencyEntry][] = [];
    for (const entry of entries) {
      const written = [
        entry.name,
        ...(entry.shortName === undefined ? [] : [entry.shortName]),
        ...entry.aliases,
      ];
      for (const alias of written) {
        const words = foldedWords(alias);
        if (words.length === 0) continue;
        const target: NameTarget = { key: entry.key, endsWithTinh: words[words.length - 1] === 'tinh' };
        const previous = this.names.add(words, target, { upperCaseOnly: isAbbreviation(alias.trim()) });
        if (previous && previous.key !== entry.key) {
          throw new Error(
            `Alias "${alias}" of "${entry.key}" is already used by "${previous.key}": remove it from one of them`,
          );
        }
        for (const variant of looseVariants(words)) loose.push([variant, entry]);
      }
    }
    for (const [words, entry] of loose) {
      this.names.add(words, { key: entry.key, endsWithTinh: words[words.length - 1] === 'tinh' });
    }
    for (const { alias, key } of extraAliases) {
      if (!this.byKey.has(key)) throw new Error(`Alias "${alias}" names unknown agency key "${key}"`);
      for (const words of looseVariants(foldedWords(alias))) {
        if (words.length === 0) continue;
        const target: NameTarget = { key, endsWithTinh: words[words.length - 1] === 'tinh' };
        this.names.add(words, target, { replace: true, upperCaseOnly: isAbbreviation(alias.trim()) });
      }
    }
  }

  /**
   * A directory built from this one's entries and aliases with `variant` applied: the directory one
   * plan is read with. Aliases of excluded entries are dropped; added aliases must name a kept entry.
   */
  derive(variant: DirectoryVariant): AgencyDirectory {
    const exclude = variant.exclude ?? (() => false);
    const entries = [...this.sourceEntries.filter((e) => !exclude(e)), ...(variant.entries ?? [])];
    const keys = new Set(entries.map((e) => e.key));
    const unique = entries.filter((e, i) => entries.findIndex((o) => o.key === e.key) === i);
    const aliases = [...this.sourceAliases, ...(variant.aliases ?? [])].filter((a) => keys.has(a.key));
    return new AgencyDirectory(unique, aliases, { cityLevel: variant.cityLevel ?? this.cityLevel });
  }

  /** The one-word abbreviations the directory knows ("CAT", "SLĐTBXH"), with the agency each names. */
  abbreviations(): Array<{ abbreviation: string; key: string }> {
    const found: Array<{ abbreviation: string; key: string }> = [];
    for (const entry of this.sourceEntries) {
      for (const alias of [entry.shortName ?? '', ...entry.aliases]) {
        if (isAbbreviation(alias.trim())) found.push({ abbreviation: alias.trim(), key: entry.key });
      }
    }
    for (const { alias, key } of this.sourceAliases) {
      if (isAbbreviation(alias.trim())) found.push({ abbreviation: alias.trim(), key });
    }
    return found;
  }

  /**
   * The single agency a whole text names, or null when it names none, several, or something more.
   * "Sở TT và TT tỉnh Bình Định", "so thong tin va truyen thong" and "STTTT" all give
   * `so-thong-tin-truyen-thong`; "UBND huyện Tuy Phước" gives a synthesised `ubnd-huyen-tuy-phuoc`.
   */
  lookup(name: string): AgencyEntry | null {
    const { tokens } = tokenizeAgencyText(name);
    const start = tokens.findIndex((t) => t.kind === 'word');
    if (start < 0) return null;
    const match = this.matchAt(tokens, start, true);
    if (!match || tokens.slice(match.end).some((t) => t.kind === 'word')) return null;
    return match.entry;
  }

  /** The entry with this key (directory or synthesised committee), or null. */
  get(key: string): AgencyEntry | null {
    return this.byKey.get(key) ?? this.synthesized.get(key) ?? null;
  }

  /** The directory's entries, in the order given (synthesised committees are not included). */
  entries(): readonly AgencyEntry[] {
    return [...this.byKey.values()];
  }

  /**
   * Who holds an agency's tasks today: follows `successorKey` until an entry without a (known)
   * successor. On a cycle it returns the first active entry of the chain, else the starting entry.
   * The result may be inactive (a district committee has no successor): callers then ask an admin.
   * Used to route reminders; what a plan says is never rewritten.
   * @throws RangeError when the key is unknown.
   */
  currentHolder(key: string): AgencyEntry {
    const start = this.get(key);
    if (!start) throw new RangeError(`Unknown agency key "${key}"`);
    const chain: AgencyEntry[] = [start];
    const seen = new Set<string>([start.key]);
    let current = start;
    while (current.successorKey) {
      const next = this.get(current.successorKey);
      if (!next) break;
      if (seen.has(next.key)) return chain.find((e) => e.active) ?? start;
      seen.add(next.key);
      chain.push(next);
      current = next;
    }
    return current;
  }

  /**
   * The longest agency name starting at word token `start` of a tokenised text, with its suffixes.
   * In running text (`wholeName` false) abbreviations must be written in capitals and a committee's
   * place name must be capitalised; {@link lookup} reads a whole name and is more lenient.
   */
  matchAt(tokens: readonly AgencyToken[], start: number, wholeName = false, depth = 0): AgencyMatch | null {
    if (tokens[start]?.kind !== 'word') return null;
    const caseSensitive = !wholeName;
    const named = this.names.longestMatch(tokens, start, caseSensitive);
    const local = matchLocalCommittee(tokens, start, {
      wholeName,
      startsOtherName: (i) => this.names.longestMatch(tokens, i, caseSensitive) !== null,
    });
    let entry: AgencyEntry | undefined;
    let end = start;
    let endsWithTinh = false;
    if (local && (!named || local.end > named.end)) {
      entry = this.byKey.get(local.entry.key) ?? this.synthesized.get(local.entry.key);
      if (!entry) {
        entry = local.entry;
        this.synthesized.set(entry.key, entry);
      }
      end = local.end;
    } else if (named) {
      entry = this.byKey.get(named.value.key);
      end = named.end;
      endsWithTinh = named.value.endsWithTinh;
    }
    if (!entry) return null;
    end = this.skipProvinceSuffix(tokens, end, endsWithTinh, wholeName);
    end = this.skipQualifier(tokens, end, wholeName, depth);
    return { entry, end };
  }

  /** Skips "tỉnh", "tỉnh Bình Định" or "Bình Định" right after a name. */
  private skipProvinceSuffix(
    tokens: readonly AgencyToken[],
    end: number,
    afterTinh: boolean,
    wholeName: boolean,
  ): number {
    let i = end;
    let tinh = afterTinh;
    const next = tokens[i];
    if (!tinh && next?.kind === 'word' && next.fold === 'tinh' && !this.startsName(tokens, i, wholeName)) {
      i++;
      tinh = true;
    } else if (!tinh && next?.kind === 'word' && (next.fold === 'thanh' || next.fold === 'tp')) {
      // "Sở Y tế Thành phố", "Công an TP Hà Nội": the city plays the province's part.
      const after = next.fold === 'tp' ? i + 1 : tokens[i + 1]?.fold === 'pho' ? i + 2 : -1;
      if (after > 0 && matchProvinceName(tokens, after) !== null) return matchProvinceName(tokens, after)!;
      if (after > 0 && this.cityLevel && !this.startsName(tokens, i, wholeName)) return after;
    }
    if (tokens[i]?.kind !== 'word') return i;
    const province = matchProvinceName(tokens, i);
    if (province !== null) return province;
    if (!tinh) return i;
    // A province missing from the list: capitalised words ending the name.
    let j = i;
    while (j < tokens.length && j - i < MAX_UNKNOWN_PROVINCE_WORDS) {
      const token = tokens[j]!;
      if (token.kind !== 'word' || token.fold === 'va' || this.startsName(tokens, j, wholeName)) break;
      if (!wholeName && !isCapitalizedWord(token)) break;
      j++;
    }
    if (!wholeName && tokens[j]?.kind === 'word') return i;
    return j;
  }

  /** Skips "thuộc <agency>" / "trực thuộc <agency>" after a name ("Cục C06 thuộc Bộ Công an"). */
  private skipQualifier(
    tokens: readonly AgencyToken[],
    end: number,
    wholeName: boolean,
    depth: number,
  ): number {
    if (depth >= MAX_QUALIFIER_DEPTH) return end;
    let i = end;
    if (tokens[i]?.kind === 'word' && tokens[i]?.fold === 'truc') i++;
    if (tokens[i]?.kind !== 'word' || tokens[i]?.fold !== 'thuoc') return end;
    const parent = this.matchAt(tokens, i + 1, wholeName, depth + 1);
    return parent ? parent.end : end;
  }

  private startsName(tokens: readonly AgencyToken[], index: number, wholeName: boolean): boolean {
    return this.names.longestMatch(tokens, index, !wholeName) !== null;
  }
}
