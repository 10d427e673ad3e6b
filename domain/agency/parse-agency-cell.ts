import { foldForMatch } from '../text/normalize-vietnamese.ts';
import type { AgencyMention } from './agency.ts';
import type { AgencyDirectory } from './agency-directory.ts';
import { GROUP_OPENERS, matchAction, matchTitle, startsBodyName } from './agency-heads.ts';
import { matchCollective } from './collective-phrases.ts';
import { matchAbbreviationVariant } from './match-abbreviation-variant.ts';
import type { AgencyToken } from './tokenize-agency-text.ts';
import { isCapitalizedWord, isUpperCaseWord, tokenizeAgencyText } from './tokenize-agency-text.ts';

/** Separators that always end one listed item: semicolons, line breaks, bullets, brackets. */
const HARD_SEPARATORS = new Set([';', '\n', '•', '+', '·', '*', '(', ')', '[', ']']);
/** Separators that end an item only when a body's name follows: "Lao động - Thương binh" stays whole. */
const SOFT_SEPARATORS = new Set(['-', '–', '—', '/']);

/** Role words around agency names that are not names themselves, folded, longest first. */
const FILLERS: readonly (readonly string[])[] = [
  ['co', 'quan', 'chu', 'tri'],
  ['co', 'quan', 'phoi', 'hop'],
  ['don', 'vi', 'chu', 'tri'],
  ['don', 'vi', 'phoi', 'hop'],
  ['phoi', 'hop', 'voi'],
  ['phoi', 'hop'],
  ['chu', 'tri'],
  ['cung', 'voi'],
  ['bao', 'gom'],
  ['thuc', 'hien'],
  ['truc', 'thuoc'],
  ['thuoc'],
  ['cung'],
  ['voi'],
  ['gom'],
  ['va'],
];

/** What the reader knows at one point of a cell. */
interface ReadState {
  source: string;
  tokens: readonly AgencyToken[];
  directory: AgencyDirectory;
  found: AgencyMention[];
  /** Word token indices of the item being read that matched nothing known. */
  item: number[];
  /** True once the item holds a word that is not a role word ("phối hợp", "đề nghị", "Giám đốc"). */
  content: boolean;
}

function fillerAt(tokens: readonly AgencyToken[], index: number): number {
  for (const filler of FILLERS) {
    if (filler.every((w, k) => tokens[index + k]?.kind === 'word' && tokens[index + k]?.fold === w)) {
      return index + filler.length;
    }
  }
  return 0;
}

/** The index after a role phrase ("phối hợp với", "đề nghị", "Giám đốc") at `index`, or null. */
function roleAt(tokens: readonly AgencyToken[], index: number): number | null {
  const filler = fillerAt(tokens, index);
  if (filler > 0) return filler;
  if (tokens[index] && isCapitalizedWord(tokens[index]!) && startsBodyName(tokens, index)) {
    return matchTitle(tokens, index);
  }
  return matchAction(tokens, index) ?? matchTitle(tokens, index);
}

/** True when a known agency, a group, or a body's name starts at word token `index`. */
function startsMention(state: ReadState, index: number): boolean {
  const { tokens, directory } = state;
  let i = index;
  while (tokens[i]?.kind === 'sep' && tokens[i]!.text !== '\n') i++;
  if (tokens[i]?.kind !== 'word') return false;
  return (
    directory.matchAt(tokens, i) !== null ||
    matchCollective(tokens, i) !== null ||
    startsBodyName(tokens, i) ||
    GROUP_OPENERS.has(tokens[i]!.fold)
  );
}

/** Inside an unknown name, "và" joins two bodies only when a body (not a bare "các ...") follows. */
function startsBodyAfterVa(state: ReadState, index: number): boolean {
  const next = state.tokens[index];
  if (next?.kind === 'word' && GROUP_OPENERS.has(next.fold))
    return matchCollective(state.tokens, index) !== null;
  return startsMention(state, index);
}

/** The next word token at or after `index` on the same line, or null. */
function nextWord(tokens: readonly AgencyToken[], index: number): AgencyToken | null {
  for (let i = index; i < tokens.length; i++) {
    if (tokens[i]!.kind === 'word') return tokens[i]!;
    if (tokens[i]!.text === '\n' || tokens[i]!.text === ';') return null;
  }
  return null;
}

/**
 * True when a separator ends the current item. A comma inside an unknown name continues it unless a
 * body, a group or a known name follows ("UBND các phường, xã", "Báo và Phát thanh, Truyền hình
 * Lâm Đồng"); a dash or slash ends it only before another body.
 */
function endsItem(state: ReadState, index: number): boolean {
  const token = state.tokens[index]!;
  if (HARD_SEPARATORS.has(token.text)) return true;
  const atLineStart = index === 0 || state.tokens[index - 1]!.text === '\n';
  if (SOFT_SEPARATORS.has(token.text)) {
    if (inDocumentSymbol(state.tokens, index)) return false;
    return atLineStart || startsMention(state, index + 1);
  }
  if (token.text !== ',') return false;
  if (!state.content) return true;
  return nextWord(state.tokens, index + 1) === null || startsMention(state, index + 1);
}

/**
 * True when the separator at `index` is inside a document's number written without spaces
 * ("1441/QĐ-UBND", "7178/PA-UBND"): the "UBND" there names the issuer's type, not a listed body.
 */
function inDocumentSymbol(tokens: readonly AgencyToken[], index: number): boolean {
  let i = index;
  while (i > 0 && tokens[i - 1]!.end === tokens[i]!.start) {
    i--;
    const token = tokens[i]!;
    if (token.text === '/' && /^\d+$/u.test(tokens[i - 1]?.text ?? '')) {
      return tokens[i - 1]!.end === token.start;
    }
  }
  return false;
}

/** True when word token `i` is a number followed directly by "/": the start of a document's number. */
function startsDocumentNumber(tokens: readonly AgencyToken[], i: number): boolean {
  const next = tokens[i + 1];
  return /^\d+$/u.test(tokens[i]!.text) && next?.text === '/' && next.start === tokens[i]!.end;
}

/**
 * For an item that cites a document ("Theo phân công tại Quyết định số 1441/QĐ-UBND ngày ... của Chủ
 * tịch UBND tỉnh"): the known agency named after its last "của" (past a title such as "Chủ tịch"),
 * or null. Such an item is never a body's name itself.
 */
function citedIssuer(state: ReadState, words: readonly number[]): AgencyMention | null {
  const { tokens, source } = state;
  let at = -1;
  for (let k = words.length - 1; k >= 0; k--) {
    if (tokens[words[k]!]!.fold === 'cua') {
      at = words[k]! + 1;
      break;
    }
  }
  if (at < 0 || at >= tokens.length) return null;
  const start = matchTitle(tokens, at) ?? at;
  const agency = tokens[start]?.kind === 'word' ? state.directory.matchAt(tokens, start) : null;
  if (!agency) return null;
  const raw = source.slice(tokens[start]!.start, tokens[agency.end - 1]!.end);
  return { type: 'agency', key: agency.entry.key, name: agency.entry.name, raw };
}

/** Plural places or bodies: "UBND các phường", "Sở Nông nghiệp và Môi trường các tỉnh, thành phố". */
const PLURAL =
  /\bcac (tinh|thanh pho|dia phuong|xa|phuong|so|don vi|co quan|bo|huyen|quan|ban|nganh|cuc|vu|truong|benh vien)\b/u;

/** The tail of a list of group nouns cut by a separator ("các sở; ngành", "ngành liên quan"). */
const GROUP_NOUNS =
  /^(?:(?:so|ban|nganh|don vi|co quan|dia phuong|doan the|hoi|to chuc|cap|xa|phuong)\s*)+(?:(?:co )?lien quan)?$/u;

function isGroupNounFragment(folded: readonly string[]): boolean {
  return GROUP_NOUNS.test(folded.join(' '));
}

function namesMany(folded: readonly string[]): boolean {
  return PLURAL.test(folded.join(' '));
}

/**
 * Turns the words of an item that matched nothing known into a mention: a group ("các ..."), a known
 * abbreviation written with a slip ("SLĐTB XH"), a learned body ("Trung tâm Phục vụ hành chính công",
 * "Viettel"), or `unknown`. Role and action text ("lãnh đạo, chỉ đạo thực hiện") gives nothing.
 */
function classifyItem(state: ReadState): void {
  const { tokens, source } = state;
  const words = state.item;
  state.item = [];
  state.content = false;
  if (words.some((i) => startsDocumentNumber(tokens, i))) {
    const issuer = citedIssuer(state, words);
    if (issuer) state.found.push(issuer);
    return;
  }
  let first = 0;
  let sawAction = false;
  while (first < words.length) {
    const end = roleAt(tokens, words[first]!);
    if (end === null) break;
    sawAction = true;
    while (first < words.length && words[first]! < end) first++;
  }
  let last = words.length;
  for (let k = 1; k <= 4 && last - k >= first; k++) {
    // A role phrase ending the item ("... phối hợp", "... chủ trì"): drop it and look again.
    if (fillerAt(tokens, words[last - k]!) === words[last - 1]! + 1) {
      last -= k;
      k = 0;
    }
  }
  const kept = words.slice(first, last);
  if (kept.length === 0) return;
  const head = tokens[kept[0]!]!;
  const raw = source.slice(head.start, tokens[kept[kept.length - 1]!]!.end).replace(/[\s.,:;-]+$/u, '');
  const folded = kept.map((i) => tokens[i]!.fold);
  // "tổng hợp trên cơ sở đề xuất của các sở": what follows a role word in lower case is its object.
  if (sawAction && !GROUP_OPENERS.has(head.fold) && !isCapitalizedWord(head)) return;
  if (GROUP_OPENERS.has(head.fold) || namesMany(folded)) {
    state.found.push({ type: 'collective', raw, label: raw.charAt(0).toUpperCase() + raw.slice(1) });
    return;
  }
  if (kept.length <= 3 && kept.every((i) => isUpperCaseWord(tokens[i]!))) {
    const variant = matchAbbreviationVariant(raw, state.directory.abbreviations());
    const entry = variant ? state.directory.get(variant.key) : null;
    if (variant && entry) {
      state.found.push({
        type: 'agency',
        key: entry.key,
        name: entry.name,
        raw,
        variantOf: variant.abbreviation,
      });
      return;
    }
    if (kept.length === 1 && head.text.length <= 12) {
      state.found.push({ type: 'unknown', raw });
      return;
    }
  }
  // "Cơ quan, địa phương có liên quan": a bare group noun cut off by a comma names no body.
  if (isGroupNounFragment(folded)) return;
  if (startsBodyName(tokens, kept[0]!)) {
    state.found.push({ type: 'learned', raw, name: raw });
    return;
  }
  const hasAction = kept.some((i) => matchAction(tokens, i) !== null);
  if (isCapitalizedWord(head) && !hasAction && kept.length <= 10) {
    state.found.push({ type: 'learned', raw, name: raw });
    return;
  }
  if (sawAction || hasAction || isGroupNounFragment(folded)) return;
  const previous = state.found[state.found.length - 1];
  if (previous?.type === 'collective') return;
  state.found.push({ type: 'unknown', raw });
}

/**
 * True when a known name is only the start of a longer name written right after it, with no
 * separator: "Ngân hàng Nhà nước Khu vực 10" is not "Ngân hàng Nhà nước".
 */
function continuesName(state: ReadState, end: number): boolean {
  const next = state.tokens[end];
  if (next?.kind !== 'word' || next.fold === 'va') return false;
  // "Kho bạc Nhà nước khu vực XII", "Ngân hàng Chính sách xã hội chi nhánh": the 2025 regional units.
  const regional =
    ['khu', 'chi'].includes(next.fold) && ['vuc', 'nhanh'].includes(state.tokens[end + 1]?.fold ?? '');
  if (!regional && !isCapitalizedWord(next)) return false;
  if (roleAt(state.tokens, end) !== null) return false;
  // "Ngân hàng Nhà nước Chi nhánh Khu vực 2": "Chi nhánh" heads a body elsewhere, not right after a name.
  return regional || !startsMention(state, end);
}

/** Reads a known agency or group at word token `i` of an item that holds no name yet; returns its end. */
function readKnown(state: ReadState, i: number): number | null {
  const { tokens, source } = state;
  const agency = state.directory.matchAt(tokens, i);
  const group = matchCollective(tokens, i);
  if (!agency && !group) return null;
  if (agency && (!group || agency.end >= group.end)) {
    if (continuesName(state, agency.end)) return null;
    classifyItem(state);
    const raw = source.slice(tokens[i]!.start, tokens[agency.end - 1]!.end);
    state.found.push({ type: 'agency', key: agency.entry.key, name: agency.entry.name, raw });
    return agency.end;
  }
  classifyItem(state);
  const raw = source.slice(tokens[i]!.start, tokens[group!.end - 1]!.end);
  state.found.push({ type: 'collective', raw, label: group!.label });
  return group!.end;
}

/**
 * For a "(" right after a body's name, the count of mentions before it, else null: what such brackets
 * hold qualifies that body. A unit named there stays listed ("Công an tỉnh (Phòng PC06)"); a remark
 * ("Sở Khoa học và Công nghệ (cơ quan thường trực)") is not a body, see {@link dropRemarks}.
 */
function qualifierStart(state: ReadState, index: number): number | null {
  const before = state.tokens[index - 1];
  if (before?.kind !== 'word' || state.found.length === 0) return null;
  const last = state.found[state.found.length - 1]!;
  return last.type === 'agency' || last.type === 'learned' ? state.found.length : null;
}

/**
 * Drops what brackets after a body's name hold that is not a body: a remark about that body
 * ("cơ quan thường trực", "Cơ quan thường trực Tổ công tác"). Known agencies, groups and names
 * that start like a body's ("Phòng PC06", "Trung tâm Thông tin") stay.
 */
function dropRemarks(state: ReadState, from: number): void {
  const inside = state.found.splice(from);
  state.found.push(
    ...inside.filter((mention) => {
      if (mention.type === 'unknown') return false;
      if (mention.type !== 'learned') return true;
      return startsBodyName(tokenizeAgencyText(mention.name).tokens, 0);
    }),
  );
}

function identity(mention: AgencyMention): string {
  if (mention.type === 'agency') return `agency:${mention.key}`;
  if (mention.type === 'collective') return `collective:${foldForMatch(mention.label)}`;
  if (mention.type === 'learned') return `learned:${foldForMatch(mention.name)}`;
  return `unknown:${foldForMatch(mention.raw)}`;
}

/**
 * Reads a plan's "Cơ quan chủ trì" / "Cơ quan phối hợp" cell into the agencies and groups it names,
 * in the order written, without duplicates (the first occurrence wins).
 *
 * The cell is split by the structure of agency names, not by lookup alone: items end at `;`, line
 * breaks, bullets and brackets, at commas (unless a lower-case word continues an unknown name), at
 * `-` and `/` before another body, and at "và" only when a body follows. An item that starts with a
 * known name or group (after role words such as "phối hợp với", "đề nghị", "Giám đốc") is that agency
 * or group, matched longest first, so names containing "và" or commas stay whole; a known name
 * followed directly by more capitalised words ("Ngân hàng Nhà nước Khu vực 10") and an item that
 * starts with an unknown name are read whole (see {@link classifyItem}). Never throws.
 */
export function parseAgencyCell(cell: string, directory: AgencyDirectory): AgencyMention[] {
  const { source, tokens } = tokenizeAgencyText(cell);
  const state: ReadState = { source, tokens, directory, found: [], item: [], content: false };
  let bracket: number | null = null;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token.kind === 'sep') {
      if (endsItem(state, i)) classifyItem(state);
      if (token.text === '(' && bracket === null) bracket = qualifierStart(state, i);
      else if (token.text === ')' && bracket !== null) {
        dropRemarks(state, bracket);
        bracket = null;
      }
      i++;
      continue;
    }
    if (token.fold === 'va' && (!state.content || startsBodyAfterVa(state, i + 1))) {
      classifyItem(state);
      i++;
      continue;
    }
    if (!state.content) {
      const end = readKnown(state, i);
      if (end !== null) {
        i = end;
        continue;
      }
      const role = roleAt(tokens, i);
      if (role !== null) {
        for (let k = i; k < role; k++) if (tokens[k]!.kind === 'word') state.item.push(k);
        i = role;
        continue;
      }
      state.content = true;
    }
    state.item.push(i);
    i++;
  }
  classifyItem(state);
  if (bracket !== null) dropRemarks(state, bracket);
  const seen = new Set<string>();
  return state.found.filter((mention) => {
    const id = identity(mention);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
