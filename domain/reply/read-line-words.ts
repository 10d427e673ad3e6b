/**
 * The word-level readers the reply grammar's phases share: one line with its tokens ({@link LineText}),
 * and what starts at a token — a status or blocker cue, a progress figure, a central authority, a
 * negated obstacle. Each reader looks and never moves anything: it answers the token index just after
 * what it read (or null), and the phases in `analyze-reply-line.ts` decide.
 */
import {
  BARE_NOT_STARTED,
  BLOCKER_PHRASES,
  CENTRAL_WORDS,
  GUIDANCE_WORDS,
  MODIFIERS,
  matchAny,
  matchPhrase,
  NEGATION_FILLERS,
  NEGATION_JOINS,
  NEGATION_LEADS,
  NEGATION_TAILS,
  NEGATORS,
  PERCENT_WORDS,
  type Phrase,
  STATUS_PHRASES,
  WAIT_FILLERS,
  WAIT_VERBS,
} from './reply-vocabulary.ts';
import type { ReportStatus } from './report-status.ts';
import type { ReplyToken } from './tokenize-reply-line.ts';

/** One normalised line and its tokens. */
export interface LineText {
  readonly line: string;
  readonly tokens: readonly ReplyToken[];
}

/** What a status word or an obstacle word starting at a token says, and where it ends. */
export type Cue =
  | { kind: 'status'; status: Exclude<ReportStatus, 'blocked'>; start: number; next: number }
  | { kind: 'blocker'; start: number; next: number; textStart: number };

/** A number at a token: its value, where it ends in the line, whether written as a percentage. */
export interface NumberRead {
  value: number;
  end: number;
  isPercent: boolean;
  /** The token after the number (and after "phần trăm"). */
  nextToken: number;
}

const END_PUNCT = /^[\s,;.:!?\-–—|)]*(?:[,;.:!?|]|$)/u;
const CLAUSE_BREAK = /^\s*[,;.\-–—]\s*$/u;
const CLOSING_BRACKET = /^\s*\)/u;
const MAX_MODIFIER_DEPTH = 3;
const MAX_WAIT_WORDS = 5;

/** The token at an index, if any. */
export function tokenAt(text: LineText, tokenIndex: number): ReplyToken | undefined {
  return text.tokens[tokenIndex];
}

/** The end (character index) of the token before `tokenIndex`: where reading up to it stopped. */
export function endBefore(text: LineText, tokenIndex: number): number {
  return text.tokens[tokenIndex - 1]?.end ?? 0;
}

/** Nothing but punctuation from `charIndex` to the end of its clause. */
export function clauseEndsAt(text: LineText, charIndex: number): boolean {
  return END_PUNCT.test(text.line.slice(charIndex));
}

/** After a figure or status inside brackets, the index just after the closing bracket; else null. */
export function closingBracketAt(text: LineText, charIndex: number): number | null {
  const close = CLOSING_BRACKET.exec(text.line.slice(charIndex));
  return close ? charIndex + close[0].length : null;
}

/** The first token of a phrase of `list` that ends just before `tokenIndex`, else null. */
export function phraseEndingAt(text: LineText, list: readonly Phrase[], tokenIndex: number): number | null {
  for (const phrase of list) {
    const start = tokenIndex - phrase.words.length;
    if (start >= 0 && matchPhrase(text.line, text.tokens, start, phrase) === tokenIndex) return start;
  }
  return null;
}

/** A phrase of `list` at `tokenIndex`: the token after it, else null. */
export function phraseAt(text: LineText, list: readonly Phrase[], tokenIndex: number): number | null {
  return matchAny(text.line, text.tokens, tokenIndex, list);
}

/** A central authority: "TW", "trung ương", "Bộ Công an", "TƯ" (capitals only), "Bộ Tư pháp" (capitalised). */
function centralAuthorityAt(text: LineText, tokenIndex: number): number | null {
  const token = tokenAt(text, tokenIndex);
  if (!token) return null;
  if (token.fold === 'tu') return token.text === token.text.toUpperCase() ? tokenIndex + 1 : null;
  const known = phraseAt(text, CENTRAL_WORDS, tokenIndex);
  if (known !== null) return known;
  if (token.fold === 'bo' && token.text.startsWith('B')) {
    let next = tokenIndex + 1;
    while (tokenAt(text, next) && /^\p{Lu}/u.test(tokenAt(text, next)!.text)) next++;
    return next > tokenIndex + 1 ? next : null;
  }
  return null;
}

/**
 * "chờ TW hướng dẫn" waits for the centre; "chờ" alone ending its clause too; "chờ kinh phí" is an
 * obstacle whose text starts at the verb itself.
 */
function waitingCue(text: LineText, tokenIndex: number, afterVerb: number): Cue {
  let at = afterVerb;
  let meaningfulEnd = afterVerb;
  let central = false;
  for (let step = 0; step < MAX_WAIT_WORDS; step++) {
    const authority = centralAuthorityAt(text, at) ?? phraseAt(text, GUIDANCE_WORDS, at);
    if (authority !== null) {
      central = true;
      at = meaningfulEnd = authority;
      continue;
    }
    const filler = phraseAt(text, WAIT_FILLERS, at);
    if (filler === null) break;
    at = filler;
  }
  if (central) return { kind: 'status', status: 'waiting_central', start: tokenIndex, next: meaningfulEnd };
  if (clauseEndsAt(text, endBefore(text, afterVerb)))
    return { kind: 'status', status: 'waiting_central', start: tokenIndex, next: afterVerb };
  return { kind: 'blocker', start: tokenIndex, next: afterVerb, textStart: tokenAt(text, tokenIndex)!.start };
}

/** The longest cue starting exactly at `tokenIndex` (no aspect words before it). */
function directCueAt(text: LineText, tokenIndex: number): Cue | null {
  if (!tokenAt(text, tokenIndex)) return null;
  let best: Cue | null = null;
  const consider = (cue: Cue): void => {
    if (!best || cue.next > best.next) best = cue;
  };
  for (const { status, phrase } of STATUS_PHRASES) {
    const next = matchPhrase(text.line, text.tokens, tokenIndex, phrase);
    if (next !== null) {
      consider({ kind: 'status', status, start: tokenIndex, next });
      break;
    }
  }
  const bare = matchPhrase(text.line, text.tokens, tokenIndex, BARE_NOT_STARTED);
  if (bare !== null && clauseEndsAt(text, endBefore(text, bare)))
    consider({ kind: 'status', status: 'not_started', start: tokenIndex, next: bare });
  const blocked = phraseAt(text, BLOCKER_PHRASES, tokenIndex);
  if (blocked !== null)
    consider({ kind: 'blocker', start: tokenIndex, next: blocked, textStart: endBefore(text, blocked) });
  const verb = phraseAt(text, WAIT_VERBS, tokenIndex);
  if (verb !== null) consider(waitingCue(text, tokenIndex, verb));
  return best;
}

/** A cue at `tokenIndex`, possibly after aspect words ("đã xong", "hiện đang làm", "bị vướng"). */
export function cueAt(text: LineText, tokenIndex: number, depth = 0): Cue | null {
  if (depth < MAX_MODIFIER_DEPTH) {
    for (const modifier of MODIFIERS) {
      const after = matchPhrase(text.line, text.tokens, tokenIndex, modifier);
      const next = after === null ? undefined : tokenAt(text, after);
      if (after === null || !next || !/^\s+$/u.test(text.line.slice(endBefore(text, after), next.start)))
        continue;
      const inner = cueAt(text, after, depth + 1);
      if (inner) return { ...inner, start: tokenIndex };
    }
  }
  return directCueAt(text, tokenIndex);
}

/** A number at `tokenIndex` ("60", "60%", "60 phần trăm", "-5"), else null. */
export function numberAt(text: LineText, tokenIndex: number): NumberRead | null {
  const token = tokenAt(text, tokenIndex);
  if (!token?.isNumber) return null;
  let end = token.percentEnd ?? token.end;
  let nextToken = tokenIndex + 1;
  let isPercent = token.percentEnd !== null;
  if (!isPercent) {
    const words = phraseAt(text, PERCENT_WORDS, tokenIndex + 1);
    if (words !== null && /^\s*$/u.test(text.line.slice(token.end, tokenAt(text, tokenIndex + 1)!.start))) {
      isPercent = true;
      end = endBefore(text, words);
      nextToken = words;
    }
  }
  const negative = /(?:^|[\s:,(])[-−]$/u.test(text.line.slice(0, token.start));
  const magnitude = Number.parseFloat(token.text.replace(',', '.'));
  return { value: negative ? -magnitude : magnitude, end, isPercent, nextToken };
}

/** "không vướng", "không có vướng mắc", "hết bị vướng" end just before `tokenIndex`. */
export function isNegatedBefore(text: LineText, tokenIndex: number): boolean {
  const filler = phraseEndingAt(text, NEGATION_FILLERS, tokenIndex);
  if (filler !== null && phraseEndingAt(text, NEGATORS, filler) !== null) return true;
  return phraseEndingAt(text, NEGATORS, tokenIndex) !== null;
}

/**
 * "không có vướng mắc", "chưa gặp khó khăn gì", "không còn vướng", "hiện chưa phát sinh khó khăn" at
 * `tokenIndex`, ending its clause (a comma, semicolon, full stop or dash follows, and more text after it;
 * or "và" and a status word): the token after the clause (after "và"), else null.
 */
export function negatedObstacleClauseAt(text: LineText, tokenIndex: number): number | null {
  let at = phraseAt(text, NEGATORS, phraseAt(text, NEGATION_LEADS, tokenIndex) ?? tokenIndex);
  if (at === null) return null;
  for (let step = 0; step < 2; step++) at = phraseAt(text, NEGATION_FILLERS, at) ?? at;
  const obstacleEnd = phraseAt(text, BLOCKER_PHRASES, at);
  if (obstacleEnd === null) return null;
  const clauseEnd = phraseAt(text, NEGATION_TAILS, obstacleEnd) ?? obstacleEnd;
  const next = tokenAt(text, clauseEnd);
  if (!next) return null;
  const gap = text.line.slice(endBefore(text, clauseEnd), next.start);
  if (CLAUSE_BREAK.test(gap)) return clauseEnd;
  const joined = /^\s+$/u.test(gap) ? phraseAt(text, NEGATION_JOINS, clauseEnd) : null;
  return joined !== null && cueAt(text, joined)?.kind === 'status' ? joined : null;
}
