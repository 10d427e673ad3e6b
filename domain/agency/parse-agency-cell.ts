import { foldForMatch } from '../text/normalize-vietnamese.ts';
import type { AgencyMention } from './agency.ts';
import type { AgencyDirectory } from './agency-directory.ts';
import { matchCollective } from './collective-phrases.ts';
import type { AgencyToken } from './tokenize-agency-text.ts';
import { tokenizeAgencyText } from './tokenize-agency-text.ts';

/** Separators that end one listed item: commas, semicolons, line breaks and bullets. */
const ITEM_SEPARATORS = new Set([',', ';', '\n', '•', '+', '·', '*']);
const DASHES = new Set(['-', '–', '—']);

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
];

/** Words that open a group description ("các trường học", "những đơn vị ..."). */
const GROUP_OPENERS = new Set(['cac', 'nhung', 'toan']);

function isItemBoundary(tokens: readonly AgencyToken[], index: number): boolean {
  const token = tokens[index]!;
  if (token.kind === 'word') return token.fold === 'va';
  if (ITEM_SEPARATORS.has(token.text)) return true;
  // A dash opening a line is a bullet; inside a line it joins words ("Lao động - Thương binh").
  return DASHES.has(token.text) && (index === 0 || tokens[index - 1]!.text === '\n');
}

function startsWithFiller(words: readonly AgencyToken[], from: number): number {
  for (const filler of FILLERS) {
    if (filler.every((w, k) => words[from + k]?.fold === w)) return filler.length;
  }
  return 0;
}

function endsWithFiller(words: readonly AgencyToken[], to: number): number {
  for (const filler of FILLERS) {
    const from = to - filler.length;
    if (from >= 0 && filler.every((w, k) => words[from + k]?.fold === w)) return filler.length;
  }
  return 0;
}

/** Turns text that matched nothing into `unknown` (or `collective` for "các ...") mentions. */
function leftoverMentions(
  source: string,
  tokens: readonly AgencyToken[],
  from: number,
  to: number,
): AgencyMention[] {
  const mentions: AgencyMention[] = [];
  let item: AgencyToken[] = [];
  const flush = (): void => {
    let first = 0;
    let last = item.length;
    for (let n = startsWithFiller(item, first); n > 0 && first < last; n = startsWithFiller(item, first))
      first += n;
    for (let n = endsWithFiller(item, last); n > 0 && last > first; n = endsWithFiller(item, last)) last -= n;
    const words = item.slice(first, last);
    item = [];
    const head = words[0];
    const tail = words[words.length - 1];
    if (!head || !tail) return;
    const raw = source.slice(head.start, tail.end);
    if (GROUP_OPENERS.has(head.fold)) {
      mentions.push({ type: 'collective', raw, label: raw.charAt(0).toUpperCase() + raw.slice(1) });
    } else {
      mentions.push({ type: 'unknown', raw });
    }
  };
  for (let i = from; i < to; i++) {
    if (isItemBoundary(tokens, i)) flush();
    else if (tokens[i]!.kind === 'word') item.push(tokens[i]!);
  }
  flush();
  return mentions;
}

function identity(mention: AgencyMention): string {
  if (mention.type === 'agency') return `agency:${mention.key}`;
  if (mention.type === 'collective') return `collective:${foldForMatch(mention.label)}`;
  return `unknown:${foldForMatch(mention.raw)}`;
}

/**
 * Reads a plan's "Cơ quan chủ trì" / "Cơ quan phối hợp" cell into the agencies and groups it names,
 * in the order written, without duplicates (the first occurrence wins).
 *
 * Known names and group descriptions are matched longest first over the folded text, so names that
 * contain "và" or commas ("Sở Văn hóa, Thể thao và Du lịch", "UBND các huyện, thị xã, thành phố") stay
 * whole; the text between matches is split on commas, semicolons, line breaks, bullets and "và", and
 * role words ("chủ trì", "phối hợp với") are dropped. What remains is reported as `unknown` with its
 * text, or as `collective` when it starts with "các"/"những". Never throws.
 */
export function parseAgencyCell(cell: string, directory: AgencyDirectory): AgencyMention[] {
  const { source, tokens } = tokenizeAgencyText(cell);
  const found: AgencyMention[] = [];
  let leftoverStart = -1;
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i]!.kind === 'sep') {
      i++;
      continue;
    }
    const agency = directory.matchAt(tokens, i);
    const group = matchCollective(tokens, i);
    if (!agency && !group) {
      if (leftoverStart < 0) leftoverStart = i;
      i++;
      continue;
    }
    if (leftoverStart >= 0) found.push(...leftoverMentions(source, tokens, leftoverStart, i));
    leftoverStart = -1;
    if (agency && (!group || agency.end >= group.end)) {
      const raw = source.slice(tokens[i]!.start, tokens[agency.end - 1]!.end);
      found.push({ type: 'agency', key: agency.entry.key, name: agency.entry.name, raw });
      i = agency.end;
    } else if (group) {
      const raw = source.slice(tokens[i]!.start, tokens[group.end - 1]!.end);
      found.push({ type: 'collective', raw, label: group.label });
      i = group.end;
    }
  }
  if (leftoverStart >= 0) found.push(...leftoverMentions(source, tokens, leftoverStart, tokens.length));
  const seen = new Set<string>();
  return found.filter((mention) => {
    const id = identity(mention);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
