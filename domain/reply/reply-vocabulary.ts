/**
 * The words officers type in status replies, with and without diacritics, in Vietnamese and English,
 * and a matcher that compares them with tokens of a reply line.
 *
 * A word typed with diacritics must carry the right ones ("đáng" is not "đang", "đất" is not "đạt");
 * a word typed without any, or with only the vowel shapes and no tone marks, matches by its plain form.
 */
import { foldForMatch } from '../text/normalize-vietnamese.ts';
import type { ReportStatus } from './report-status.ts';
import type { ReplyToken } from './tokenize-reply-line.ts';

/** A sequence of words, as written with full diacritics, lower case. */
export interface Phrase {
  readonly words: readonly string[];
  readonly folds: readonly string[];
}

function phrase(text: string): Phrase {
  const words = text.split(' ');
  return { words, folds: words.map((w) => foldForMatch(w)) };
}

/** Longest phrases first, so that "đang làm" wins over "đang". */
function phrases(list: readonly string[]): Phrase[] {
  return list.map(phrase).sort((a, b) => b.words.length - a.words.length);
}

/** Status words other than blockers and waiting, which need context (see the parser). */
export const STATUS_PHRASES: ReadonlyArray<{ status: Exclude<ReportStatus, 'blocked'>; phrase: Phrase }> = (
  [
    [
      'done_maintained',
      [
        'hoàn thành và duy trì',
        'hoàn thành duy trì',
        'hoàn thành đang duy trì',
        'ht và duy trì',
        'ht duy trì',
        'ht dt',
        'xong và duy trì',
        'xong duy trì',
        'duy trì',
        'done and maintained',
        'done maintained',
        'maintained',
        'maintaining',
      ],
    ],
    [
      'done',
      [
        'hoàn thành',
        'hoàn tất',
        'xong rồi',
        'xong',
        'ht',
        'done',
        'completed',
        'complete',
        'finished',
        'finish',
      ],
    ],
    [
      'in_progress',
      [
        'chưa xong',
        'chưa hoàn thành',
        'chưa ht',
        'đang làm',
        'đang triển khai',
        'đang thực hiện',
        'đang tiến hành',
        'đang xử lý',
        'đang tk',
        'đtk',
        'đang',
        'in progress',
        'doing',
        'ongoing',
        'on going',
        'wip',
        'not done',
        'not finished',
        'not completed',
      ],
    ],
    ['piloting', ['thí điểm', 'thử nghiệm', 'pilot', 'piloting', 'trial']],
    [
      'not_started',
      [
        'chưa triển khai',
        'chưa thực hiện',
        'chưa tiến hành',
        'chưa bắt đầu',
        'chưa làm',
        'chưa tk',
        'not started',
        'not yet started',
        'not yet',
      ],
    ],
  ] as const
)
  .flatMap(([status, list]) => list.map((text) => ({ status, phrase: phrase(text) })))
  .sort((a, b) => b.phrase.words.length - a.phrase.words.length);

/** "chưa" on its own (end of line or before punctuation) means not started; before other words it does not. */
export const BARE_NOT_STARTED = phrase('chưa');

/** Words that mark an obstacle; the text after them is the blocker. */
export const BLOCKER_PHRASES = phrases([
  'khó khăn vướng mắc',
  'vướng mắc khó khăn',
  'vướng mắc',
  'vướng',
  'khó khăn',
  'kk',
  'blocked',
  'blocker',
  'stuck',
]);

/** Verbs of waiting: with a central authority or "hướng dẫn" after them they mean waiting_central. */
export const WAIT_VERBS = phrases([
  'chờ đợi',
  'chờ',
  'đợi',
  'waiting for',
  'waiting on',
  'waiting',
  'pending',
]);

/** Words that may sit between a waiting verb and the authority: "chờ hướng dẫn của Bộ Công an". */
export const WAIT_FILLERS = phrases([
  'văn bản',
  'vb',
  'ý kiến',
  'chỉ đạo',
  'quyết định',
  'của',
  'từ',
  'for',
  'from',
  'of',
  'the',
]);

/** "hướng dẫn" alone is enough to mean central guidance (the plan's wording). */
export const GUIDANCE_WORDS = phrases([
  'hướng dẫn',
  'hd',
  'guidance',
  'guideline',
  'guidelines',
  'instructions',
]);

/** Central authorities: Trung ương, the ministry (Bộ Công an, C06), the government. "TƯ" and "Bộ X" need capitals (parser). */
export const CENTRAL_WORDS = phrases([
  'trung ương',
  'tw',
  't w',
  'bộ công an',
  'bộ ngành',
  'bca',
  'c06',
  'chính phủ',
  'central',
  'ministry',
  'government',
]);

/** Words that only add tense or aspect before a status: "đã xong", "vẫn đang làm", "bị vướng". */
export const MODIFIERS = phrases([
  'hiện đang',
  'vẫn đang',
  'vẫn còn',
  'đã',
  'đang',
  'vẫn',
  'còn',
  'hiện',
  'bị',
  'gặp',
  'still',
  'currently',
  'is',
]);

/** Negations that cancel a following blocker word: "không vướng gì", "hết vướng". */
export const NEGATORS = phrases([
  'không',
  'ko',
  'k',
  'kg',
  'khg',
  'kh',
  'hông',
  'chẳng',
  'chả',
  'hết',
  'chưa',
  'no',
  'not',
  'without',
  'no more',
]);

/** Words between a negation and the blocker word: "không có vướng mắc", "không bị vướng". */
export const NEGATION_FILLERS = phrases(['có', 'bị', 'gặp', 'còn', 'phát sinh', 'xảy ra', 'phải', 'thấy']);

/** Words that may open a negated obstacle: "hiện không có vướng mắc", "đến nay chưa phát sinh khó khăn". */
export const NEGATION_LEADS = phrases([
  'cho đến nay',
  'đến nay',
  'tới nay',
  'hiện nay',
  'hiện tại',
  'hiện giờ',
  'hiện',
  'trước mắt',
  'tạm thời',
]);

/** A word joining a leading negated obstacle to the status: "không có vướng mắc và đang triển khai 50%". */
export const NEGATION_JOINS = phrases(['và', 'and']);

/** Words that close a negated obstacle: "không có vướng mắc gì", "không vướng mắc nào cả". */
export const NEGATION_TAILS = phrases(['gì cả', 'nào cả', 'gì', 'nào', 'cả']);

/** Words that introduce a progress figure: "đạt 60%", "tiến độ 60". */
export const PROGRESS_MARKERS = phrases(['ước đạt', 'đạt', 'tiến độ', 'khoảng', 'được', 'progress', 'about']);

/** Spelled-out percent sign: "60 phần trăm". */
export const PERCENT_WORDS = phrases(['phần trăm', 'percent']);

/** Conjunctions that start a new clause, after which a blocker word counts: "xong nhưng vướng ...". */
export const CONJUNCTIONS = phrases([
  'tuy nhiên',
  'nhưng',
  'song',
  'còn',
  'và',
  'but',
  'however',
  'and',
  'though',
]);

/** Connectors allowed between two parts of the status head: "hoàn thành và duy trì", "done and maintained". */
export const HEAD_CONNECTORS = phrases(['và', 'and']);

/** Filler words dropped from the start of a blocker: "vướng về kinh phí" -> "kinh phí". */
export const BLOCKER_LEADS = phrases([
  'do',
  'về',
  'vì',
  'là',
  'ở',
  'by',
  'on',
  'with',
  'due to',
  'because of',
  'because',
]);

/** Prefixes of a task code: "NV12", "nv 12", "nhiệm vụ 12", "task 12". */
export const TASK_WORDS = phrases(['nhiệm vụ', 'nv', 'task']);

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;

function withoutTone(ch: string): string {
  return ch.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC');
}

/** Whether a typed word is the vocabulary word `word` (full diacritics), typed fully, without tones, or plain. */
export function wordMatches(token: ReplyToken, word: string, fold: string): boolean {
  if (token.fold !== fold || token.text.length !== word.length) return false;
  const typed = token.text.toLowerCase();
  if (typed.length !== word.length) return false;
  for (let i = 0; i < word.length; i++) {
    const t = typed[i]!;
    const w = word[i]!;
    if (t === w || t === fold[i] || t === withoutTone(w)) continue;
    return false;
  }
  return true;
}

const PHRASE_GAP = /^[\s,.\-–]*$/u;

/**
 * Matches `p` at token index `at` of a line; returns the index of the token after the phrase, or null.
 * Words of a phrase may be separated by spaces, commas, dots or dashes ("xong, duy trì", "T.W").
 */
export function matchPhrase(
  line: string,
  tokens: readonly ReplyToken[],
  at: number,
  p: Phrase,
): number | null {
  for (let k = 0; k < p.words.length; k++) {
    const token = tokens[at + k];
    if (!token || !wordMatches(token, p.words[k]!, p.folds[k]!)) return null;
    if (k > 0) {
      const prev = tokens[at + k - 1]!;
      if (!PHRASE_GAP.test(line.slice(prev.end, token.start))) return null;
    }
  }
  return at + p.words.length;
}

/** The first (longest) phrase of `list` matching at `at`: the index after it, or null. */
export function matchAny(
  line: string,
  tokens: readonly ReplyToken[],
  at: number,
  list: readonly Phrase[],
): number | null {
  for (const p of list) {
    const end = matchPhrase(line, tokens, at, p);
    if (end !== null) return end;
  }
  return null;
}
