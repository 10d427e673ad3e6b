/**
 * Reads the parts of one line of a status reply without deciding anything yet: the command and task
 * codes at the front, the status "head" (status words and a progress figure, in either order), a blocker
 * marker ("vướng: ...") and the free text in between.
 *
 * Line shape: `[/baocao] [#12 | NV12 | 12:] head [result text] [, vướng: blocker]`.
 */

import {
  BARE_NOT_STARTED,
  BLOCKER_LEADS,
  BLOCKER_PHRASES,
  CENTRAL_WORDS,
  CONJUNCTIONS,
  GUIDANCE_WORDS,
  HEAD_CONNECTORS,
  MODIFIERS,
  matchAny,
  matchPhrase,
  NEGATION_FILLERS,
  NEGATION_TAILS,
  NEGATORS,
  PERCENT_WORDS,
  type Phrase,
  PROGRESS_MARKERS,
  STATUS_PHRASES,
  TASK_WORDS,
  WAIT_FILLERS,
  WAIT_VERBS,
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
const CLAUSE_PUNCT = /[,;.:!?\-–—|(]/u;
const HEAD_GAP = /^[\s,\-–—]*$/u;
const FIRST_HEAD_GAP = /^[\s,\-–—:)]*$/u;
const OPEN_BRACKET = /\(\s*$/u;
const CLAUSE_BREAK = /^\s*[,;.]\s*$/u;
const END_PUNCT = /^[\s,;.:!?\-–—|)]*(?:[,;.:!?|]|$)/u;

type Cue =
  | { kind: 'status'; status: Exclude<ReportStatus, 'blocked'>; start: number; next: number }
  | { kind: 'blocker'; start: number; next: number; textStart: number };

/** Everything the parser needs to know about one line. */
export function analyzeReplyLine(line: string, options: AnalyzeOptions): LineAnalysis {
  const tokens = tokenizeReplyLine(line);
  const fold = foldAligned(line);
  const tokenAt = (i: number): ReplyToken | undefined => tokens[i];
  const endOf = (i: number): number => tokens[i - 1]?.end ?? 0;

  /** Nothing but punctuation between `from` and the next token (or the end). */
  const clauseEndsAt = (from: number): boolean => END_PUNCT.test(line.slice(from));

  const endsWith = (list: readonly Phrase[], at: number): number | null => {
    for (const p of list) {
      const start = at - p.words.length;
      if (start >= 0 && matchPhrase(line, tokens, start, p) === at) return start;
    }
    return null;
  };

  /** A central authority at q: "TW", "trung ương", "Bộ Công an", "TƯ" (capitals only), "Bộ Tư pháp" (capitalised). */
  function centralAt(q: number): number | null {
    const tok = tokenAt(q);
    if (!tok) return null;
    if (tok.fold === 'tu') return tok.text === tok.text.toUpperCase() ? q + 1 : null;
    const known = matchAny(line, tokens, q, CENTRAL_WORDS);
    if (known !== null) return known;
    if (tok.fold === 'bo' && tok.text.startsWith('B')) {
      let at = q + 1;
      while (tokenAt(at) && /^\p{Lu}/u.test(tokenAt(at)!.text)) at++;
      return at > q + 1 ? at : null;
    }
    return null;
  }

  function directCue(q: number): Cue | null {
    const first = tokenAt(q);
    if (!first) return null;
    let best: Cue | null = null;
    const consider = (cue: Cue): void => {
      if (!best || cue.next > best.next) best = cue;
    };
    for (const { status, phrase } of STATUS_PHRASES) {
      const next = matchPhrase(line, tokens, q, phrase);
      if (next !== null) {
        consider({ kind: 'status', status, start: q, next });
        break;
      }
    }
    const bare = matchPhrase(line, tokens, q, BARE_NOT_STARTED);
    if (bare !== null && clauseEndsAt(endOf(bare)))
      consider({ kind: 'status', status: 'not_started', start: q, next: bare });
    const blocked = matchAny(line, tokens, q, BLOCKER_PHRASES);
    if (blocked !== null) consider({ kind: 'blocker', start: q, next: blocked, textStart: endOf(blocked) });
    const verb = matchAny(line, tokens, q, WAIT_VERBS);
    if (verb !== null) {
      let at = verb;
      let meaningful = verb;
      let central = false;
      for (let step = 0; step < 5; step++) {
        const c = centralAt(at);
        if (c !== null) {
          central = true;
          at = meaningful = c;
          continue;
        }
        const g = matchAny(line, tokens, at, GUIDANCE_WORDS);
        if (g !== null) {
          central = true;
          at = meaningful = g;
          continue;
        }
        const f = matchAny(line, tokens, at, WAIT_FILLERS);
        if (f === null) break;
        at = f;
      }
      if (central) consider({ kind: 'status', status: 'waiting_central', start: q, next: meaningful });
      else if (clauseEndsAt(endOf(verb)))
        consider({ kind: 'status', status: 'waiting_central', start: q, next: verb });
      else consider({ kind: 'blocker', start: q, next: verb, textStart: first.start });
    }
    return best;
  }

  /** A cue at q, possibly after aspect words ("đã xong", "hiện đang làm", "bị vướng"). */
  function readCue(q: number, depth = 0): Cue | null {
    if (depth < 3) {
      for (const p of MODIFIERS) {
        const m = matchPhrase(line, tokens, q, p);
        if (m === null || !tokenAt(m) || !/^\s+$/u.test(line.slice(endOf(m), tokenAt(m)!.start))) continue;
        const inner = readCue(m, depth + 1);
        if (inner) return { ...inner, start: q };
      }
    }
    return directCue(q);
  }

  /**
   * "không có vướng mắc", "chưa gặp khó khăn gì", "không còn vướng" at q, ending its clause (a comma or
   * the like follows, and more text after it): the token after the clause, else null.
   */
  function negatedBlockerClause(q: number): number | null {
    let at = matchAny(line, tokens, q, NEGATORS);
    if (at === null) return null;
    for (let step = 0; step < 2; step++) at = matchAny(line, tokens, at, NEGATION_FILLERS) ?? at;
    const end = matchAny(line, tokens, at, BLOCKER_PHRASES);
    if (end === null) return null;
    const after = matchAny(line, tokens, end, NEGATION_TAILS) ?? end;
    const next = tokenAt(after);
    return next && CLAUSE_BREAK.test(line.slice(endOf(after), next.start)) ? after : null;
  }

  /** "không vướng", "không có vướng mắc", "hết bị vướng". */
  const negatedBefore = (q: number): boolean => {
    const filler = endsWith(NEGATION_FILLERS, q);
    if (filler !== null && endsWith(NEGATORS, filler) !== null) return true;
    return endsWith(NEGATORS, q) !== null;
  };

  // 1. Command.
  let p = 0;
  let cursor = 0;
  let hasCommand = false;
  const command = COMMAND.exec(fold);
  if (command && COMMANDS.has(command[1]!)) {
    hasCommand = true;
    cursor = command[0].length;
    while (tokenAt(p) && tokenAt(p)!.start < cursor) p++;
  }

  // 2. Task codes.
  const codes: string[] = [];
  for (;;) {
    const tok = tokenAt(p);
    if (!tok) break;
    const gap = line.slice(cursor, tok.start);
    if (!/^[\s,;:&+#\-–]*$/u.test(gap)) break;
    const hashed = /#\s*$/u.test(gap);
    if (codes.length > 0 && !hashed) break;
    const afterWord = matchAny(line, tokens, p, TASK_WORDS);
    if (afterWord !== null) {
      const num = tokenAt(afterWord);
      if (
        num &&
        INTEGERISH.test(num.text) &&
        num.percentEnd === null &&
        /^[\s.\-#:]*$/u.test(line.slice(endOf(afterWord), num.start))
      ) {
        codes.push(num.text);
        cursor = num.end;
        p = afterWord + 1;
        continue;
      }
    }
    const glued = GLUED_CODE.exec(tok.fold);
    if (glued) {
      codes.push(glued[1]!);
      cursor = tok.end;
      p++;
      continue;
    }
    if (hashed && tok.percentEnd === null && CODE_AFTER_HASH.test(tok.fold)) {
      codes.push(tok.text.toUpperCase());
      cursor = tok.end;
      p++;
      continue;
    }
    if (codes.length === 0 && INTEGERISH.test(tok.text) && tok.percentEnd === null) {
      const after = line.slice(tok.end);
      const isCode =
        (hasCommand && matchAny(line, tokens, p + 1, PERCENT_WORDS) === null) ||
        (p === 0 && /^\s*[:)]/u.test(after)) ||
        (p === 0 &&
          /^\s+\S/u.test(after) &&
          readCue(p + 1) !== null &&
          (options.isKnownCode(tok.text) || !options.hasReplyTarget));
      if (isCode) {
        codes.push(tok.text);
        cursor = tok.end;
        p++;
      }
    }
    break;
  }
  const commandOnly =
    hasCommand && codes.length === 0 && p >= tokens.length && !/[\p{L}\p{N}]/u.test(line.slice(cursor));
  while (cursor < line.length && /[\s:)\-–—.,]/u.test(line[cursor]!)) cursor++;
  const bodyStart = cursor;
  const bodyToken = p;

  // 3. Head: status words and progress, in any order, separated by spaces, commas or dashes.
  const statuses: StatusMention[] = [];
  let progress: LineAnalysis['progress'] = null;
  let blocker: LineAnalysis['blocker'] = null;
  let headEnd = bodyStart;
  let last: 'none' | 'status' | 'progress' | 'marker' = 'none';
  let lastStatus: ReportStatus | null = null;

  const readNumber = (q: number): { value: number; end: number; pct: boolean; next: number } | null => {
    const tok = tokenAt(q);
    if (!tok?.isNumber) return null;
    let end = tok.percentEnd ?? tok.end;
    let next = q + 1;
    let pct = tok.percentEnd !== null;
    if (!pct) {
      const words = matchAny(line, tokens, q + 1, PERCENT_WORDS);
      if (words !== null && /^\s*$/u.test(line.slice(tok.end, tokenAt(q + 1)!.start))) {
        pct = true;
        end = endOf(words);
        next = words;
      }
    }
    const before = line.slice(0, tok.start);
    const negative = /(?:^|[\s:,(])[-−]$/u.test(before);
    const magnitude = Number.parseFloat(tok.text.replace(',', '.'));
    return { value: negative ? -magnitude : magnitude, end, pct, next };
  };

  /** After a figure or status inside brackets, the closing bracket (its end), else null. */
  const closingBracket = (from: number): number | null => {
    const close = /^\s*\)/u.exec(line.slice(from));
    return close ? from + close[0].length : null;
  };

  while (p < tokens.length) {
    const tok = tokens[p]!;
    const rawGap = line.slice(headEnd, tok.start).replace(/[-−]$/u, '');
    // "đang thực hiện (60%)": a bracket may hold a figure or a status of the head.
    const inBracket = OPEN_BRACKET.test(rawGap);
    const gap = rawGap.replace(OPEN_BRACKET, '');
    if (!(last === 'none' ? FIRST_HEAD_GAP : HEAD_GAP).test(gap)) break;
    if (last === 'none' && !inBracket) {
      // "không có vướng mắc, đang triển khai 50%": a leading negated obstacle is no blocker.
      const negated = negatedBlockerClause(p);
      if (negated !== null) {
        headEnd = endOf(negated);
        p = negated;
        continue;
      }
    }
    if (last !== 'none') {
      const c = matchAny(line, tokens, p, HEAD_CONNECTORS);
      if (c !== null && readCue(c)?.kind === 'status') {
        headEnd = endOf(c);
        p = c;
        continue;
      }
    }
    const number = readNumber(p);
    if (number) {
      const nextCue = readCue(number.next);
      const accept =
        progress === null &&
        (number.pct ||
          (last === 'status' &&
            (lastStatus === 'in_progress' ||
              lastStatus === 'piloting' ||
              lastStatus === 'waiting_central')) ||
          (last === 'marker' && clauseEndsAt(number.end)) ||
          nextCue !== null ||
          !/[\p{L}\p{N}]/u.test(line.slice(number.end)));
      const closed = closingBracket(number.end);
      if (!accept || (inBracket && (closed === null || !(number.pct || nextCue === null)))) break;
      progress = { value: number.value, start: tok.start, end: number.end, percent: number.pct };
      headEnd = inBracket ? closed! : number.end;
      p = number.next;
      last = 'progress';
      continue;
    }
    const marker = matchAny(line, tokens, p, PROGRESS_MARKERS);
    if (marker !== null && progress === null) {
      const num = readNumber(marker);
      if (num && (num.pct || clauseEndsAt(num.end))) {
        headEnd = endOf(marker);
        p = marker;
        last = 'marker';
        continue;
      }
    }
    const cue = readCue(p);
    if (!cue) break;
    if (cue.kind === 'blocker') {
      if (inBracket) break;
      blocker = { start: tok.start, textStart: cue.textStart };
      p = tokens.length;
      break;
    }
    const closedCue = closingBracket(endOf(cue.next));
    if (inBracket && closedCue === null) break;
    statuses.push({ status: cue.status, start: tok.start, end: endOf(cue.next) });
    headEnd = inBracket ? closedCue! : endOf(cue.next);
    p = cue.next;
    last = 'status';
    lastStatus = cue.status;
  }

  // 4. Blocker marker later in the line: at the start of a clause, or right before a colon.
  let resultEnd = line.length;
  if (!blocker) {
    for (let q = p; q < tokens.length; q++) {
      const tok = tokens[q]!;
      let at = q;
      for (const m of MODIFIERS) {
        const after = matchPhrase(line, tokens, q, m);
        if (after !== null && matchAny(line, tokens, after, BLOCKER_PHRASES) !== null) {
          at = after;
          break;
        }
      }
      const end = matchAny(line, tokens, at, BLOCKER_PHRASES);
      if (end === null) continue;
      const prevEnd = q === p ? headEnd : tokens[q - 1]!.end;
      const clauseStart =
        q === bodyToken ||
        CLAUSE_PUNCT.test(line.slice(prevEnd, tok.start)) ||
        endsWith(CONJUNCTIONS, q) !== null;
      const colonAfter = /^\s*:/u.test(line.slice(endOf(end)));
      if (!(clauseStart || colonAfter) || negatedBefore(q)) continue;
      blocker = { start: tok.start, textStart: endOf(end) };
      const conj = endsWith(CONJUNCTIONS, q);
      resultEnd =
        conj !== null && !CLAUSE_PUNCT.test(line.slice(tokens[q - 1]!.end, tok.start))
          ? tokens[conj]!.start
          : tok.start;
      break;
    }
  } else {
    resultEnd = blocker.start;
  }

  // Drop "về", "do", "because" from the start of the blocker text.
  if (blocker) {
    const textStart = blocker.textStart;
    const first = tokens.findIndex((t) => t.start >= textStart);
    const firstToken = tokenAt(first);
    // Text that starts at the marker itself ("chờ kinh phí") is kept whole.
    if (
      firstToken &&
      textStart < firstToken.start &&
      /^[\s:,\-–—.]*$/u.test(line.slice(textStart, firstToken.start))
    ) {
      const lead = matchAny(line, tokens, first, BLOCKER_LEADS);
      if (lead !== null && tokenAt(lead)) blocker.textStart = endOf(lead);
    }
  }

  // 5. A progress figure inside the result text: "đã lắp 5/7 camera, đạt 70%".
  if (progress === null) {
    for (let q = p; q < tokens.length && tokens[q]!.start < resultEnd; q++) {
      const m = matchAny(line, tokens, q, PROGRESS_MARKERS);
      if (m === null) continue;
      const num = readNumber(m);
      if (num?.pct) {
        progress = { value: num.value, start: tokens[m]!.start, end: num.end, percent: true };
        break;
      }
    }
  }

  return {
    line,
    tokens,
    hasCommand,
    commandOnly,
    codes,
    bodyStart,
    bodyToken,
    statuses,
    progress,
    blocker,
    resultStart: Math.min(headEnd, resultEnd),
    resultEnd,
  };
}
