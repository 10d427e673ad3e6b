/**
 * Reads the short status replies officers type on a phone: "xong", "#12 đang 60% đã lắp 5/7 camera",
 * "/baocao 12 vướng: chưa có kinh phí", "NV7 cho TW", one task per line, with or without diacritics.
 *
 * Decisions on doubtful wording (each is covered by a test):
 * - "chưa xong" / "chưa hoàn thành" / "not done" mean in_progress (work has started, it is not finished);
 *   "chưa" alone or "chưa triển khai" mean not_started (progress 0 when none is given).
 * - "hoàn thành 80%" / "xong 80%" read as "80% complete": in_progress, 80. Done without a figure is 100;
 *   done with a figure below 100 but no "%" ("12 xong" in a reply to another task) is ambiguous.
 * - A blocker word counts at the start of the status, at the start of a clause (after a comma, "nhưng",
 *   "but"...) or right before a colon; "đã giải quyết vướng mắc" in the middle of a sentence does not.
 *   After "không", "ko", "hết", "chưa", "no" ("không vướng gì", "không có khó khăn") it does not count.
 * - A status word plus a blocker with text ("đang 50%, vướng: thiếu thiết bị") keeps the status and
 *   records the blocker. After done the blocker wins ("xong nhưng vướng: chưa nghiệm thu" is blocked),
 *   since a finished task cannot be stuck; "xong nhưng vướng" with no reason is ambiguous.
 *   A status plus a bare blocker word with no reason ("đang làm nhưng vướng") is blocked.
 * - "chờ" / "đợi" / "waiting" mean waiting_central when followed by TW, Trung ương, TƯ, Bộ Công an, C06,
 *   "hướng dẫn", or nothing (the button payload "#12 cho"). Waiting for anything else ("đang chờ kinh
 *   phí") is blocked, with the whole phrase "chờ kinh phí" as the blocker.
 * - Two different statuses in one line are ambiguous, except that "đang" gives way to a more precise
 *   status ("đang thí điểm", "đang 50%, chờ TW") and done gives way to done_maintained.
 * - A bare progress figure ("60% đã lắp 5/7 camera") means in_progress. "5/7" and other fractions are
 *   never progress. A number without "%" counts only after in_progress/piloting/waiting ("đang 60"),
 *   before a status word ("60 đang làm") or alone at the end of the line.
 * - A leading number is a task code after "#", after a command, before ":" or ")", or before a status
 *   word when it is a known code or the message answers no reminder ("12 xong"); otherwise it is progress.
 * - Two lines about the same task are ambiguous; nothing is recorded until every line is clear.
 */
import { normalizeChatText } from '../text/normalize-vietnamese.ts';
import { type AnalyzeOptions, analyzeReplyLine, type LineAnalysis } from './analyze-reply-line.ts';
import { formatStatusReply, type ReplyLineFields } from './format-status-reply.ts';
import { isDoneStatus, type ReportStatus } from './report-status.ts';
import { editDistance, suggestStatusWord } from './suggest-status-word.ts';

/** One task's status as read from one line of a reply. */
export interface ParsedReport {
  /** The task code, or null for the task of the reminder being replied to. */
  taskCode: string | null;
  /** The reported status; null would be a progress-only update (this parser always infers a status). */
  status: ReportStatus | null;
  /** Progress 0..100, or null when none was given. */
  progress: number | null;
  /** What was achieved, as typed (normalised, not folded). */
  result: string | null;
  /** What stands in the way, as typed. */
  blocker: string | null;
  /** 1-based line of the message. */
  line: number;
}

/** Why a line (or, with line 0, the whole message) could not be recorded. */
export type ReplyProblem = {
  line: number;
  code: 'no-status' | 'bad-progress' | 'no-task' | 'ambiguous-status' | 'empty' | 'too-long' | 'unknown-task';
  /** The offending line (normalised). */
  text: string;
  /** The closest valid form, ready to show, e.g. "#12 đang 60% đã lắp 5/7 camera". */
  suggestion: string;
};

/** The outcome: every line understood, or the problems plus the lines that did parse. */
export type ReplyParse =
  | { ok: true; reports: ParsedReport[] }
  | { ok: false; problems: ReplyProblem[]; reports: ParsedReport[] };

/** What the bot knows about the conversation the reply belongs to. */
export interface ReplyContext {
  /** The reminder this message answers, if any. */
  replyToTaskCode: string | null;
  /** Codes the officer may report on; when given, other codes are refused. */
  knownTaskCodes?: readonly string[];
}

/** Longest message accepted, in characters. */
export const MAX_REPLY_LENGTH = 4000;
/** Most non-empty lines accepted in one message. */
export const MAX_REPLY_LINES = 30;
/** Longest line accepted, in characters. */
export const MAX_REPLY_LINE_LENGTH = 500;

const CODE_PLACEHOLDER = '<mã>';

type LineOutcome = { reports: ParsedReport[]; key: string } | { problem: ReplyProblem };

/** Reads a status reply. Never throws: anything it cannot read comes back as problems with suggestions. */
export function parseStatusReply(text: string, context: ReplyContext): ReplyParse {
  const problems: ReplyProblem[] = [];
  const reports: ParsedReport[] = [];
  if (text.length > MAX_REPLY_LENGTH) {
    problems.push({ line: 0, code: 'too-long', text: excerpt(text), suggestion: example(context) });
    return { ok: false, problems, reports };
  }
  const lines = text
    .split(/\r\n|\r|\n/u)
    .map((raw, i) => ({ no: i + 1, text: normalizeChatText(raw).replace(/\s*\n\s*/gu, ' ') }))
    .filter((l) => l.text !== '');
  if (lines.length > MAX_REPLY_LINES) {
    problems.push({ line: 0, code: 'too-long', text: excerpt(text), suggestion: example(context) });
    return { ok: false, problems, reports };
  }
  const options: AnalyzeOptions = {
    hasReplyTarget: context.replyToTaskCode !== null,
    isKnownCode: (code) =>
      resolveCode(code, context.knownTaskCodes).known && context.knownTaskCodes !== undefined,
  };
  const seen = new Set<string>();
  let contentLines = 0;
  for (const { no, text: line } of lines) {
    const tooLong = line.length > MAX_REPLY_LINE_LENGTH;
    const analysis = analyzeReplyLine(tooLong ? cutAtWord(line, MAX_REPLY_LINE_LENGTH) : line, options);
    if (analysis.commandOnly) continue;
    contentLines++;
    const outcome = readLine(analysis, no, context);
    if (tooLong) {
      const suggestion =
        'reports' in outcome && outcome.reports[0]
          ? formatStatusReply({
              ...outcome.reports[0],
              result: shorten(outcome.reports[0].result),
              blocker: shorten(outcome.reports[0].blocker),
            })
          : 'problem' in outcome
            ? shorten(outcome.problem.suggestion)!
            : example(context);
      problems.push({ line: no, code: 'too-long', text: line, suggestion });
      continue;
    }
    if ('problem' in outcome) {
      problems.push(outcome.problem);
      continue;
    }
    if (seen.has(outcome.key)) {
      const first = outcome.reports[0]!;
      problems.push({ line: no, code: 'ambiguous-status', text: line, suggestion: formatStatusReply(first) });
      continue;
    }
    seen.add(outcome.key);
    reports.push(...outcome.reports);
  }
  if (contentLines === 0) {
    problems.push({
      line: 0,
      code: 'empty',
      text: text.trim().slice(0, 200),
      suggestion: `${prefixFor([], context)}xong`,
    });
  }
  return problems.length === 0 ? { ok: true, reports } : { ok: false, problems, reports };
}

function readLine(a: LineAnalysis, lineNo: number, context: ReplyContext): LineOutcome {
  const line = a.line;
  const codes = a.codes.map((c) => resolveCode(c, context.knownTaskCodes));
  const problem = (code: ReplyProblem['code'], suggestion: string): LineOutcome => ({
    problem: { line: lineNo, code, text: line, suggestion },
  });
  const prefix = prefixFor(codes, context);
  const suggestWith = (fields: Omit<ReplyLineFields, 'taskCode'>): string =>
    (prefix + formatStatusReply({ ...fields, taskCode: null })).trim();

  const unknown = codes.find((c) => !c.known);
  let distinct = [...new Set(a.statuses.map((s) => s.status))];
  if (distinct.length > 1) distinct = distinct.filter((s) => s !== 'in_progress');
  if (distinct.includes('done') && distinct.includes('done_maintained'))
    distinct = distinct.filter((s) => s !== 'done');
  // A result followed by a blocker clause ends at that clause's separator ("..., vướng: ..."): trim it.
  const result = cleanText(line.slice(a.resultStart, a.resultEnd), a.resultEnd < line.trimEnd().length);
  const blocker = a.blocker ? cleanText(line.slice(a.blocker.textStart)) : null;
  const rawProgress = a.progress?.value ?? null;

  if (a.statuses.length === 0 && !a.blocker && rawProgress === null) {
    return problem('no-status', prefix + noStatusSuggestion(a));
  }
  if (unknown) return problem('unknown-task', prefix + line.slice(a.bodyStart));

  const head = distinct[0] ?? null;
  if (distinct.length > 1) {
    return problem(
      'ambiguous-status',
      suggestWith({ status: head, progress: clampProgress(rawProgress), result, blocker }),
    );
  }
  let status: ReportStatus;
  if (a.blocker) {
    if (isDoneStatus(head)) {
      if (blocker === null) {
        return problem(
          'ambiguous-status',
          suggestWith({ status: 'blocked', progress: null, result, blocker: '<lý do>' }),
        );
      }
      status = 'blocked';
    } else if (head === null || blocker === null) status = 'blocked';
    else status = head;
  } else status = head ?? 'in_progress';

  if (rawProgress !== null && (rawProgress < 0 || rawProgress > 100 || !Number.isFinite(rawProgress))) {
    return problem(
      'bad-progress',
      suggestWith({ status, progress: clampProgress(rawProgress), result, blocker }),
    );
  }
  let progress = rawProgress === null ? null : Math.round(rawProgress);
  if (status === 'done' && progress !== null && progress < 100) {
    // "hoàn thành 80%" is "80% complete"; "12 xong" is more likely task 12 than 12%.
    if (!a.progress?.percent) return problem('ambiguous-status', `#${progress} xong`);
    status = 'in_progress';
  }
  if (status === 'done_maintained' && progress !== null && progress < 100) {
    return problem('ambiguous-status', suggestWith({ status: 'in_progress', progress, result, blocker }));
  }
  if (status === 'not_started' && progress !== null && progress > 0) {
    return problem('ambiguous-status', suggestWith({ status: 'in_progress', progress, result, blocker }));
  }
  if (isDoneStatus(status) && progress === null) progress = 100;
  if (status === 'not_started' && progress === null) progress = 0;

  const fields = { status, progress, result, blocker, line: lineNo };
  if (codes.length === 0) {
    if (context.replyToTaskCode === null) return problem('no-task', suggestWith(fields));
    return { reports: [{ taskCode: null, ...fields }], key: taskKey(context.replyToTaskCode) };
  }
  const unique = [...new Set(codes.map((c) => c.code))];
  return {
    reports: unique.map((taskCode) => ({ taskCode, ...fields })),
    key: unique.map(taskKey).sort().join('|'),
  };
}

/** The task code a typed code stands for: the known code with the same key, or the key itself. */
function resolveCode(typed: string, known: readonly string[] | undefined): { code: string; known: boolean } {
  const key = taskKey(typed);
  if (known === undefined) return { code: key, known: true };
  const match = known.find((k) => taskKey(k) === key);
  return match === undefined ? { code: key, known: false } : { code: match, known: true };
}

/** "NV12", "nv-12", "#12" and "12" share the key "12". */
function taskKey(code: string): string {
  return code
    .toUpperCase()
    .replace(/^#/u, '')
    .replace(/^(?:NV|TASK)[\s.-]*(?=\d)/u, '')
    .replace(/\s+/gu, '');
}

function prefixFor(codes: ReadonlyArray<{ code: string; known: boolean }>, context: ReplyContext): string {
  const known = context.knownTaskCodes ?? [];
  if (codes.length > 0) {
    return codes
      .map((c) => {
        if (c.known) return `#${c.code} `;
        const closest = [...known].sort(
          (x, y) => editDistance(taskKey(x), c.code) - editDistance(taskKey(y), c.code),
        )[0];
        return `#${closest ?? CODE_PLACEHOLDER} `;
      })
      .join('');
  }
  if (context.replyToTaskCode !== null) return '';
  return `#${known.length === 1 ? known[0] : CODE_PLACEHOLDER} `;
}

/** For a line with no status: fix a mistyped status word, or put "đang" in front. */
function noStatusSuggestion(a: LineAnalysis): string {
  const body = a.line.slice(a.bodyStart);
  const first = a.tokens[a.bodyToken];
  if (first) {
    const one = suggestStatusWord(first.text);
    if (one) return one + a.line.slice(first.end);
    const second = a.tokens[a.bodyToken + 1];
    const two = second ? suggestStatusWord(`${first.text} ${second.text}`) : null;
    if (two && second) return two + a.line.slice(second.end);
  }
  return body ? `đang ${body}` : 'đang';
}

function clampProgress(value: number | null): number | null {
  if (value === null || Number.isNaN(value)) return null;
  return Math.min(100, Math.max(0, Math.round(value)));
}

/**
 * The officer's text, as typed: only the separators between the status words and the text (a leading
 * ":", ",", "-") and surrounding spaces go; anything after the first word is kept verbatim, trailing
 * punctuation included ("&amp;", "; --" are someone's text, not syntax).
 */
function cleanText(text: string, beforeClause = false): string | null {
  const lead = text.replace(/^[\s,;:.\-–—|)]+/u, '');
  const t = (beforeClause ? lead.replace(/[\s,;:.\-–—|(]+$/u, '') : lead).trim();
  return /[\p{L}\p{N}]/u.test(t) ? t : null;
}

function shorten(text: string | null): string | null {
  if (text === null || text.length <= 200) return text;
  return `${cutAtWord(text, 200)}…`;
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return space > max / 2 ? cut.slice(0, space) : cut;
}

function excerpt(text: string): string {
  const t = text.trim();
  return t.length > 200 ? `${cutAtWord(t, 200)}…` : t;
}

function example(context: ReplyContext): string {
  return `${prefixFor([], context)}đang 60% đã lắp 5/7 camera`;
}
