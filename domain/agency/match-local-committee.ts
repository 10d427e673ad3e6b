import type { AgencyEntry } from './agency.ts';
import { matchProvinceName } from './province-names.ts';
import type { AgencyToken } from './tokenize-agency-text.ts';
import { isCapitalizedWord } from './tokenize-agency-text.ts';

interface Level {
  words: readonly string[];
  /** How the level is written in a canonical name. */
  label: string;
  kind: 'district_committee' | 'commune_committee';
}

const PREFIXES: readonly (readonly string[])[] = [['ubnd'], ['uy', 'ban', 'nhan', 'dan']];

const LEVELS: readonly Level[] = [
  { words: ['huyen'], label: 'huyện', kind: 'district_committee' },
  { words: ['thi', 'xa'], label: 'thị xã', kind: 'district_committee' },
  { words: ['tx'], label: 'thị xã', kind: 'district_committee' },
  { words: ['thanh', 'pho'], label: 'thành phố', kind: 'district_committee' },
  { words: ['tp'], label: 'thành phố', kind: 'district_committee' },
  { words: ['quan'], label: 'quận', kind: 'district_committee' },
  { words: ['xa'], label: 'xã', kind: 'commune_committee' },
  { words: ['phuong'], label: 'phường', kind: 'commune_committee' },
  { words: ['thi', 'tran'], label: 'thị trấn', kind: 'commune_committee' },
  { words: ['dac', 'khu'], label: 'đặc khu', kind: 'commune_committee' },
];

const MAX_PLACE_WORDS = 5;

/** How strictly to read the place name after the level word. */
export interface LocalCommitteeOptions {
  /** Running text: the place name must be capitalised words; a whole name (lookup): any words. */
  wholeName: boolean;
  /** Stops the place name before a word that starts another agency name. */
  startsOtherName: (index: number) => boolean;
}

/** Reads the words of `words` as consecutive word tokens (no separator between) from `start`. */
function readWords(tokens: readonly AgencyToken[], start: number, words: readonly string[]): number | null {
  let i = start;
  for (const word of words) {
    if (tokens[i]?.kind !== 'word' || tokens[i]?.fold !== word) return null;
    i++;
  }
  return i;
}

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Recognises a people's committee below the province named by a generic pattern, with no directory
 * entry: "UBND huyện Tuy Phước", "Ủy ban nhân dân thị xã An Nhơn", "UBND TP Quy Nhơn", "UBND xã Phước
 * Lộc". Returns a synthesised entry with a stable key (`ubnd-huyen-tuy-phuoc`) and a canonical name
 * ("UBND huyện Tuy Phước"). District-level committees ceased on 1 July 2025 and have no successor, so
 * their entries are inactive; commune-level ones are active (mergers of communes are not known here).
 */
export function matchLocalCommittee(
  tokens: readonly AgencyToken[],
  start: number,
  options: LocalCommitteeOptions,
): { entry: AgencyEntry; end: number } | null {
  let best: { entry: AgencyEntry; end: number } | null = null;
  for (const prefix of PREFIXES) {
    const afterPrefix = readWords(tokens, start, prefix);
    if (afterPrefix === null) continue;
    for (const level of LEVELS) {
      const afterLevel = readWords(tokens, afterPrefix, level.words);
      if (afterLevel === null) continue;
      const place: AgencyToken[] = [];
      for (let i = afterLevel; i < tokens.length && place.length < MAX_PLACE_WORDS; i++) {
        const token = tokens[i]!;
        if (token.kind !== 'word' || token.fold === 'va') break;
        if (!options.wholeName && (!isCapitalizedWord(token) || options.startsOtherName(i))) break;
        place.push(token);
      }
      if (place.length === 0) continue;
      const end = afterLevel + place.length;
      // "UBND thành phố Hà Nội" is a centrally-run city (province level), not a district's committee.
      if (level.label === 'thành phố' && matchProvinceName(tokens, afterLevel) === end) continue;
      if (best && best.end >= end) continue;
      const placeName = place.map((t) => titleCase(t.text)).join(' ');
      const key = ['ubnd', ...level.words.map((w) => (w === 'tx' ? 'thi-xa' : w === 'tp' ? 'thanh-pho' : w))]
        .concat(place.map((t) => t.fold))
        .join('-');
      const name = `UBND ${level.label} ${placeName}`;
      best = {
        entry: {
          key,
          name,
          kind: level.kind,
          aliases: [],
          successorKey: null,
          active: level.kind === 'commune_committee',
        },
        end,
      };
    }
  }
  return best;
}
