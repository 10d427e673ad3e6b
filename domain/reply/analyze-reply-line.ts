/**
 * Reads the parts of one line of a status reply without deciding anything yet: the command and task
 * codes at the front, the status "head" (status words and a progress figure, in either order), a blocker
 * marker ("vướng: ...") and the free text in between.
 *
 * Line shape: `[/baocao] [#12 | NV12 | 12: | #II.3 | II.3] head [result text] [, vướng: blocker]`.
 */

import {
  type Cue,
  clauseEndsAt,
  closingBracketAt,
  cueAt,
  endBefore,
  isNegatedBefore,
  type LineText,
  negatedObstacleClauseAt,
  numberAt,
  phraseAt,
  phraseEndingAt,
  tokenAt,
} from './read-line-words.ts';
import {
  BLOCKER_LEADS,
  BLOCKER_PHRASES,
  CONJUNCTIONS,
  HEAD_CONNECTORS,
  MODIFIERS,
  matchPhrase,
  PERCENT_WORDS,
  PROGRESS_MARKERS,
  TASK_WORDS,
} from './reply-vocabulary.ts';
import { REPORT_COMMAND_NAMES } from './report-commands.ts';
import type { ReportStatus } from './report-status.ts';
import { foldAligned, type ReplyToken, tokenizeReplyLine } from './tokenize-reply-line.ts';

/** A status word found in the head of a line. */
export interface StatusMention {
  status: Exclude<ReportStatus, 'blocked'>;
  start: number;
  end: number;
}

/** What one line contains, with positions in the normalised line. */
export interface LineAnalysis {
  line: string;
  tokens: ReplyToken[];
  /** The line started with /baocao, /report, ... */
  hasCommand: boolean;
  /** Only a command, nothing else. */
  commandOnly: boolean;
  /** Task codes as typed, without "#" or an "NV" prefix. */
  codes: string[];
  /** Where the text after the command and codes begins. */
  bodyStart: number;
  /** Index of the first token after the command and codes. */
  bodyToken: number;
  statuses: StatusMention[];
  /** A progress figure; `value` may be out of range (the parser reports that); `percent`: written with "%". */
  progress: { value: number; start: number; end: number; percent: boolean } | null;
  /** An obstacle marker; the blocker text is `line.slice(textStart)` (null when nothing follows). */
  blocker: { start: number; textStart: number } | null;
  /** The free text between the head and the blocker marker (or the end). */
  resultStart: number;
  resultEnd: number;
}

/** Options that decide whether a bare leading number is a task code ("12 xong") or a progress figure. */
export interface AnalyzeOptions {
  hasReplyTarget: boolean;
  isKnownCode: (code: string) => boolean;
}

const COMMANDS: ReadonlySet<string> = new Set(REPORT_COMMAND_NAMES);
const COMMAND = /^\/([a-z_]+)(?:@[\p{L}\p{N}_.]*)?(?=[\s:,]|$)/u;
const CODE_AFTER_HASH = /^[a-z]{0,6}[0-9]+(?:\.[0-9]+)*$/u;
const GLUED_CODE = /^(?:nv|task)([0-9]+(?:\.[0-9]+)*)$/u;
const INTEGERISH = /^[0-9]+(?:\.[0-9]+)*$/u;
/** A group's Roman numeral, I to XX, as plans number their groups ("II. VỀ CÔNG TÁC ..."). */
const GROUP_NUMERAL = /^(?:x{0,2})(?:ix|iv|v?i{0,3})$/u;
const CLAUSE_PUNCT = /[,;.:!?\-–—|(]/u;
const HEAD_GAP = /^[\s,\-–—]*$/u;
const FIRST_HEAD_GAP = /^[\s,\-–—:)]*$/u;
const OPEN_BRACKET = /\(\s*$/u;

/** Where a phase stopped reading: the next token and the next character of the line. */
interface LineCursor {
  tokenIndex: number;
  charIndex: number;
}

/** What the head of a line held, and where reading it stopped. */
interface HeadRead {
  statuses: StatusMention[];
  progress: LineAnalysis['progress'];
  blocker: LineAnalysis['blocker'];
  /** The character just after the head. */
  headEnd: number;
  /** The token after the head (the end of the line when a blocker cue ended it). */
  tokenIndex: number;
}

/** The kind of the last thing the head read, which decides whether a bare number is a progress figure. */
type HeadPart = 'none' | 'status' | 'progress' | 'marker';

/**
 * Everything the parser needs to know about one line, read in five phases: the command, the task codes,
 * the head (statuses and a progress figure), a later blocker marker, and a progress figure in the result
 * text. Never throws. Every position lies inside the line and in reading order: codes before
 * `bodyStart`; the statuses before `resultStart`; `resultStart <= resultEnd`; a blocker starts at or
 * after `resultEnd`, and without one `resultEnd` is the end of the line (analyze-reply-line.test.ts).
 */
export function analyzeReplyLine(line: string, options: AnalyzeOptions): LineAnalysis {
  const text: LineText = { line, tokens: tokenizeReplyLine(line) };
  const command = readCommand(text);
  const codes = readTaskCodes(text, command, options);
  const commandOnly =
    command.hasCommand &&
    codes.codes.length === 0 &&
    codes.cursor.tokenIndex >= text.tokens.length &&
    !/[\p{L}\p{N}]/u.test(line.slice(codes.cursor.charIndex));
  const body = skipBodyPunctuation(text, codes.cursor);
  const head = readHead(text, body);
  const later = findLaterBlocker(text, head, body.tokenIndex);
  const blocker = later.blocker && trimBlockerLead(text, later.blocker);
  const progress = head.progress ?? progressInResult(text, head.tokenIndex, later.resultEnd);
  return {
    line,
    tokens: text.tokens as ReplyToken[],
    hasCommand: command.hasCommand,
    commandOnly,
    codes: codes.codes,
    bodyStart: body.charIndex,
    bodyToken: body.tokenIndex,
    statuses: head.statuses,
    progress,
    blocker,
    resultStart: Math.min(head.headEnd, later.resultEnd),
    resultEnd: later.resultEnd,
  };
}

/** Phase 1: `/baocao` (or another report command name) at the start of the line. */
function readCommand(text: LineText): LineCursor & { hasCommand: boolean } {
  const command = COMMAND.exec(foldAligned(text.line));
  if (!command || !COMMANDS.has(command[1]!)) return { hasCommand: false, tokenIndex: 0, charIndex: 0 };
  const charIndex = command[0].length;
  let tokenIndex = 0;
  while (tokenAt(text, tokenIndex) && tokenAt(text, tokenIndex)!.start < charIndex) tokenIndex++;
  return { hasCommand: true, tokenIndex, charIndex };
}

/** Phase 2: task codes after the command: "#12", "#3 #7", "NV12", "nhiệm vụ 12", "12:", a bare "12 xong". */
function readTaskCodes(
  text: LineText,
  start: LineCursor & { hasCommand: boolean },
  options: AnalyzeOptions,
): { codes: string[]; cursor: LineCursor } {
  const codes: string[] = [];
  const cursor: LineCursor = { tokenIndex: start.tokenIndex, charIndex: start.charIndex };
  for (;;) {
    const token = tokenAt(text, cursor.tokenIndex);
    if (!token) break;
    const gap = text.line.slice(cursor.charIndex, token.start);
    if (!/^[\s,;:&+#\-–]*$/u.test(gap)) break;
    const hashed = /#\s*$/u.test(gap);
    if (codes.length > 0 && !hashed) break;
    const leading = codes.length === 0 && cursor.tokenIndex === start.tokenIndex;
    const code =
      codeAfterTaskWord(text, cursor.tokenIndex) ??
      (hashed || leading ? groupQualifiedCode(text, cursor.tokenIndex, !hashed) : null) ??
      gluedOrHashedCode(token, cursor.tokenIndex, hashed) ??
      (codes.length === 0 ? bareLeadingCode(text, cursor.tokenIndex, start.hasCommand, options) : null);
    if (!code) break;
    codes.push(code.code);
    cursor.charIndex = code.charIndex;
    cursor.tokenIndex = code.tokenIndex;
    if (code.last) break;
  }
  return { codes, cursor };
}

/** A code read at a token, where reading continues, and whether no further code may follow. */
interface CodeRead extends LineCursor {
  code: string;
  last?: boolean;
}

/**
 * A code qualified by its group, for plans numbered per group: "II.3" (the Roman numeral of the group, a
 * dot, the number within it; "ii.3" too), as "II.3". `last`: a bare one at the start of the line, after
 * which no further code is read.
 */
function groupQualifiedCode(text: LineText, tokenIndex: number, last: boolean): CodeRead | null {
  const group = tokenAt(text, tokenIndex);
  const number = tokenAt(text, tokenIndex + 1);
  if (!group || !number || group.fold === '' || !GROUP_NUMERAL.test(group.fold)) return null;
  if (text.line[group.end] !== '.' || number.start !== group.end + 1) return null;
  if (!INTEGERISH.test(number.text) || number.percentEnd !== null) return null;
  // "II.3a", "II.3/2025": not a code of this shape.
  if (/^[\p{L}\p{N}/]/u.test(text.line.slice(number.end))) return null;
  const code = `${group.text.toUpperCase()}.${number.text}`;
  return { code, charIndex: number.end, tokenIndex: tokenIndex + 2, ...(last ? { last: true } : {}) };
}

/** "nhiệm vụ 12", "task #12", "NV 12", "nhiệm vụ II.3". */
function codeAfterTaskWord(text: LineText, tokenIndex: number): CodeRead | null {
  const afterWord = phraseAt(text, TASK_WORDS, tokenIndex);
  if (afterWord === null) return null;
  const grouped = groupQualifiedCode(text, afterWord, false);
  if (
    grouped &&
    /^[\s.\-#:]*$/u.test(text.line.slice(endBefore(text, afterWord), tokenAt(text, afterWord)!.start))
  )
    return grouped;
  const number = tokenAt(text, afterWord);
  if (
    !number ||
    !INTEGERISH.test(number.text) ||
    number.percentEnd !== null ||
    !/^[\s.\-#:]*$/u.test(text.line.slice(endBefore(text, afterWord), number.start))
  )
    return null;
  return { code: number.text, charIndex: number.end, tokenIndex: afterWord + 1 };
}

/** "NV12", "task12", or anything code-like after "#" ("#A3", "#12.1"). */
function gluedOrHashedCode(token: ReplyToken, tokenIndex: number, hashed: boolean): CodeRead | null {
  const glued = GLUED_CODE.exec(token.fold);
  if (glued) return { code: glued[1]!, charIndex: token.end, tokenIndex: tokenIndex + 1 };
  if (hashed && token.percentEnd === null && CODE_AFTER_HASH.test(token.fold))
    return { code: token.text.toUpperCase(), charIndex: token.end, tokenIndex: tokenIndex + 1 };
  return null;
}

/**
 * A bare leading number that is a task code, not a progress figure: after a command (unless "phần trăm"
 * follows), before ":" or ")", or before a status word when it is a known code (or no reminder is
 * being replied to). Nothing else is read after it.
 */
function bareLeadingCode(
  text: LineText,
  tokenIndex: number,
  hasCommand: boolean,
  options: AnalyzeOptions,
): CodeRead | null {
  const token = tokenAt(text, tokenIndex)!;
  if (!INTEGERISH.test(token.text) || token.percentEnd !== null) return null;
  const after = text.line.slice(token.end);
  const isCode =
    (hasCommand && phraseAt(text, PERCENT_WORDS, tokenIndex + 1) === null) ||
    (tokenIndex === 0 && /^\s*[:)]/u.test(after)) ||
    (tokenIndex === 0 &&
      /^\s+\S/u.test(after) &&
      cueAt(text, tokenIndex + 1) !== null &&
      (options.isKnownCode(token.text) || !options.hasReplyTarget));
  return isCode ? { code: token.text, charIndex: token.end, tokenIndex: tokenIndex + 1, last: true } : null;
}

/** Skips the spaces and punctuation between the codes and the body ("12: xong", "#3 - đang"). */
function skipBodyPunctuation(text: LineText, cursor: LineCursor): LineCursor {
  let charIndex = cursor.charIndex;
  while (charIndex < text.line.length && /[\s:)\-–—.,]/u.test(text.line[charIndex]!)) charIndex++;
  return { tokenIndex: cursor.tokenIndex, charIndex };
}

/**
 * Phase 3: the head — status words and a progress figure, in any order, separated by spaces, commas or
 * dashes; a figure or status may stand in brackets ("đang làm (60%)"); a leading negated obstacle
 * ("không có vướng mắc, ...") is skipped; an obstacle cue ends the head and the line is its blocker.
 */
function readHead(text: LineText, body: LineCursor): HeadRead {
  const head: HeadRead = {
    statuses: [],
    progress: null,
    blocker: null,
    headEnd: body.charIndex,
    tokenIndex: body.tokenIndex,
  };
  let lastPart: HeadPart = 'none';
  let lastStatus: ReportStatus | null = null;
  while (head.tokenIndex < text.tokens.length) {
    const token = text.tokens[head.tokenIndex]!;
    const rawGap = text.line.slice(head.headEnd, token.start).replace(/[-−]$/u, '');
    const inBracket = OPEN_BRACKET.test(rawGap);
    if (!(lastPart === 'none' ? FIRST_HEAD_GAP : HEAD_GAP).test(rawGap.replace(OPEN_BRACKET, ''))) break;
    const step: HeadStep | null =
      (lastPart === 'none' && !inBracket ? skipNegatedObstacle(text, head) : null) ??
      (lastPart === 'none' ? null : skipConnector(text, head)) ??
      readHeadNumber(text, head, { inBracket, lastPart, lastStatus }) ??
      readProgressMarker(text, head) ??
      readHeadCue(text, head, inBracket);
    if (step === null || step === 'stop') break;
    if (step === 'continue') continue;
    lastPart = step.part;
    if (step.part === 'status') lastStatus = step.status;
  }
  return head;
}

/** What one head step read: a part (moving the head on), `continue` (skipped words), or `stop`. */
type HeadStep =
  | { part: 'status'; status: ReportStatus }
  | { part: 'progress' | 'marker' }
  | 'continue'
  | 'stop';

/** "không có vướng mắc, đang triển khai 50%": a leading negated obstacle is no blocker; skip its clause. */
function skipNegatedObstacle(text: LineText, head: HeadRead): HeadStep | null {
  const clauseEnd = negatedObstacleClauseAt(text, head.tokenIndex);
  if (clauseEnd === null) return null;
  // The clause's closing punctuation (", ", "; ", ". ", " - ") goes with it.
  head.headEnd = tokenAt(text, clauseEnd)?.start ?? endBefore(text, clauseEnd);
  head.tokenIndex = clauseEnd;
  return 'continue';
}

/** "xong và duy trì": a connector followed by another status word. */
function skipConnector(text: LineText, head: HeadRead): HeadStep | null {
  const connectorEnd = phraseAt(text, HEAD_CONNECTORS, head.tokenIndex);
  if (connectorEnd === null || cueAt(text, connectorEnd)?.kind !== 'status') return null;
  head.headEnd = endBefore(text, connectorEnd);
  head.tokenIndex = connectorEnd;
  return 'continue';
}

/**
 * A number in the head is its progress when written as a percentage, after an in-progress status, after
 * a marker ending its clause, before a status word, or with nothing after it; in brackets, only a
 * percentage or a number alone in them.
 */
function readHeadNumber(
  text: LineText,
  head: HeadRead,
  context: { inBracket: boolean; lastPart: HeadPart; lastStatus: ReportStatus | null },
): HeadStep | null {
  const token = text.tokens[head.tokenIndex]!;
  const number = numberAt(text, head.tokenIndex);
  if (!number) return null;
  const { inBracket, lastPart, lastStatus } = context;
  const nextCue = cueAt(text, number.nextToken);
  const accept =
    head.progress === null &&
    (number.isPercent ||
      (lastPart === 'status' &&
        (lastStatus === 'in_progress' || lastStatus === 'piloting' || lastStatus === 'waiting_central')) ||
      (lastPart === 'marker' && clauseEndsAt(text, number.end)) ||
      nextCue !== null ||
      !/[\p{L}\p{N}]/u.test(text.line.slice(number.end)));
  const closed = closingBracketAt(text, number.end);
  if (!accept || (inBracket && (closed === null || !(number.isPercent || nextCue === null)))) return 'stop';
  head.progress = { value: number.value, start: token.start, end: number.end, percent: number.isPercent };
  head.headEnd = inBracket ? closed! : number.end;
  head.tokenIndex = number.nextToken;
  return { part: 'progress' };
}

/** "đạt 60%", "tiến độ 60": a marker followed by a percentage or a number ending its clause. */
function readProgressMarker(text: LineText, head: HeadRead): HeadStep | null {
  if (head.progress !== null) return null;
  const markerEnd = phraseAt(text, PROGRESS_MARKERS, head.tokenIndex);
  if (markerEnd === null) return null;
  const number = numberAt(text, markerEnd);
  if (!number || !(number.isPercent || clauseEndsAt(text, number.end))) return null;
  head.headEnd = endBefore(text, markerEnd);
  head.tokenIndex = markerEnd;
  return { part: 'marker' };
}

/** A status word (recorded) or an obstacle cue (the rest of the line is the blocker; the head ends). */
function readHeadCue(text: LineText, head: HeadRead, inBracket: boolean): HeadStep {
  const token = text.tokens[head.tokenIndex]!;
  const cue: Cue | null = cueAt(text, head.tokenIndex);
  if (!cue) return 'stop';
  if (cue.kind === 'blocker') {
    if (inBracket) return 'stop';
    head.blocker = { start: token.start, textStart: cue.textStart };
    head.tokenIndex = text.tokens.length;
    return 'stop';
  }
  const end = endBefore(text, cue.next);
  const closed = closingBracketAt(text, end);
  if (inBracket && closed === null) return 'stop';
  head.statuses.push({ status: cue.status, start: token.start, end });
  head.headEnd = inBracket ? closed! : end;
  head.tokenIndex = cue.next;
  return { part: 'status', status: cue.status };
}

/**
 * Phase 4: an obstacle marker later in the line, at the start of a clause or right before a colon, and
 * not negated ("không vướng"): the blocker, and where the result text ends.
 */
function findLaterBlocker(
  text: LineText,
  head: HeadRead,
  bodyToken: number,
): { blocker: LineAnalysis['blocker']; resultEnd: number } {
  if (head.blocker) return { blocker: { ...head.blocker }, resultEnd: head.blocker.start };
  for (let tokenIndex = head.tokenIndex; tokenIndex < text.tokens.length; tokenIndex++) {
    const token = text.tokens[tokenIndex]!;
    const markerEnd = phraseAt(text, BLOCKER_PHRASES, afterModifierOfObstacle(text, tokenIndex));
    if (markerEnd === null) continue;
    const previousEnd = tokenIndex === head.tokenIndex ? head.headEnd : text.tokens[tokenIndex - 1]!.end;
    const conjunction = phraseEndingAt(text, CONJUNCTIONS, tokenIndex);
    const startsClause =
      tokenIndex === bodyToken ||
      CLAUSE_PUNCT.test(text.line.slice(previousEnd, token.start)) ||
      conjunction !== null;
    const colonAfter = /^\s*:/u.test(text.line.slice(endBefore(text, markerEnd)));
    if (!(startsClause || colonAfter) || isNegatedBefore(text, tokenIndex)) continue;
    const resultEnd =
      conjunction !== null &&
      !CLAUSE_PUNCT.test(text.line.slice(text.tokens[tokenIndex - 1]!.end, token.start))
        ? text.tokens[conjunction]!.start
        : token.start;
    return { blocker: { start: token.start, textStart: endBefore(text, markerEnd) }, resultEnd };
  }
  return { blocker: null, resultEnd: text.line.length };
}

/** "bị vướng", "đang gặp khó khăn": the token after the aspect word when an obstacle word follows it. */
function afterModifierOfObstacle(text: LineText, tokenIndex: number): number {
  for (const modifier of MODIFIERS) {
    const after = matchPhrase(text.line, text.tokens, tokenIndex, modifier);
    if (after !== null && phraseAt(text, BLOCKER_PHRASES, after) !== null) return after;
  }
  return tokenIndex;
}

/** Drops "về", "do", "because" from the start of the blocker text ("vướng: do thiếu máy"). */
function trimBlockerLead(
  text: LineText,
  blocker: NonNullable<LineAnalysis['blocker']>,
): LineAnalysis['blocker'] {
  const first = text.tokens.findIndex((token) => token.start >= blocker.textStart);
  const firstToken = tokenAt(text, first);
  // Text that starts at the marker itself ("chờ kinh phí") is kept whole.
  if (
    !firstToken ||
    blocker.textStart >= firstToken.start ||
    !/^[\s:,\-–—.]*$/u.test(text.line.slice(blocker.textStart, firstToken.start))
  )
    return blocker;
  const leadEnd = phraseAt(text, BLOCKER_LEADS, first);
  return leadEnd !== null && tokenAt(text, leadEnd)
    ? { ...blocker, textStart: endBefore(text, leadEnd) }
    : blocker;
}

/** Phase 5: a progress figure inside the result text: "đã lắp 5/7 camera, đạt 70%". */
function progressInResult(text: LineText, fromToken: number, resultEnd: number): LineAnalysis['progress'] {
  for (let tokenIndex = fromToken; tokenIndex < text.tokens.length; tokenIndex++) {
    if (text.tokens[tokenIndex]!.start >= resultEnd) break;
    const markerEnd = phraseAt(text, PROGRESS_MARKERS, tokenIndex);
    if (markerEnd === null) continue;
    const number = numberAt(text, markerEnd);
    if (number?.isPercent)
      return { value: number.value, start: text.tokens[markerEnd]!.start, end: number.end, percent: true };
  }
  return null;
}
