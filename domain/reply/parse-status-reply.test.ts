import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../text/normalize-vietnamese.ts';
import { formatStatusReply } from './format-status-reply.ts';
import {
  type ParsedReport,
  parseStatusReply,
  type ReplyContext,
  type ReplyProblem,
} from './parse-status-reply.ts';
import { REPORT_STATUSES, type ReportStatus } from './report-status.ts';

/** Replying to the reminder of task 5. */
const REPLY: ReplyContext = { replyToTaskCode: '5' };
/** A free message, not a reply. */
const FREE: ReplyContext = { replyToTaskCode: null };
/** A free message from an officer who may report on these tasks. */
const KNOWN: ReplyContext = { replyToTaskCode: null, knownTaskCodes: ['3', '7', '12', 'NV20'] };

type Row = [
  code: string | null,
  status: ReportStatus,
  progress: number | null,
  result: string | null,
  blocker: string | null,
];

const report = ([taskCode, status, progress, result, blocker]: Row, line = 1): ParsedReport => ({
  taskCode,
  status,
  progress,
  result,
  blocker,
  line,
});

describe('parseStatusReply: replies to a reminder', () => {
  it.each<[string, string, Row]>([
    ['bare done', 'xong', [null, 'done', 100, null, null]],
    ['short done', 'ht', [null, 'done', 100, null, null]],
    ['done with diacritics', 'Hoàn thành', [null, 'done', 100, null, null]],
    ['done without diacritics', 'hoan thanh', [null, 'done', 100, null, null]],
    ['done with aspect word', 'đã xong', [null, 'done', 100, null, null]],
    ['done plain, aspect word', 'da xong', [null, 'done', 100, null, null]],
    ['done with tone marks missing only', 'hoàn thanh', [null, 'done', 100, null, null]],
    ['done 100%', 'xong 100%', [null, 'done', 100, null, null]],
    [
      'done with result',
      'xong, đã cấp 1.200 mã định danh',
      [null, 'done', 100, 'đã cấp 1.200 mã định danh', null],
    ],
    ['English done', 'done', [null, 'done', 100, null, null]],
    ['English completed', 'Completed', [null, 'done', 100, null, null]],
    ['English finished', 'finished', [null, 'done', 100, null, null]],
    ['done and maintained', 'hoàn thành và duy trì', [null, 'done_maintained', 100, null, null]],
    ['done and maintained, short', 'ht duy trì', [null, 'done_maintained', 100, null, null]],
    ['done, maintained', 'xong, duy trì', [null, 'done_maintained', 100, null, null]],
    ['done and maintained, plain', 'hoan thanh va duy tri', [null, 'done_maintained', 100, null, null]],
    ['English maintained', 'done and maintained', [null, 'done_maintained', 100, null, null]],
    ['in progress with %', 'đang làm 60%', [null, 'in_progress', 60, null, null]],
    ['in progress without %', 'dang 60', [null, 'in_progress', 60, null, null]],
    ['in progress "60 %"', 'đang 60 %', [null, 'in_progress', 60, null, null]],
    ['percent spelled out', 'đang 60 phần trăm', [null, 'in_progress', 60, null, null]],
    [
      'bare progress with result',
      '60% đã lắp 5/7 camera',
      [null, 'in_progress', 60, 'đã lắp 5/7 camera', null],
    ],
    ['bare progress alone', '60', [null, 'in_progress', 60, null, null]],
    ['decimal progress rounds', '62,5%', [null, 'in_progress', 63, null, null]],
    ['short in progress', 'đtk', [null, 'in_progress', null, null, null]],
    ['short in progress, plain', 'dtk 30%', [null, 'in_progress', 30, null, null]],
    ['in progress, long form', 'Đang triển khai, đạt 70%', [null, 'in_progress', 70, null, null]],
    ['aspect words before status', 'hiện đang làm', [null, 'in_progress', null, null, null]],
    ['English in progress', 'in progress 30%', [null, 'in_progress', 30, null, null]],
    ['English doing', 'doing 45% 3 of 7 schools', [null, 'in_progress', 45, '3 of 7 schools', null]],
    ['"chưa xong" is in progress', 'chưa xong', [null, 'in_progress', null, null, null]],
    ['"not done" is in progress', 'not done', [null, 'in_progress', null, null, null]],
    ['"hoàn thành 80%" reads as 80% complete', 'hoàn thành 80%', [null, 'in_progress', 80, null, null]],
    [
      'progress inside the result',
      'đã lắp 5/7 camera, đạt 70%',
      [null, 'in_progress', 70, 'đã lắp 5/7 camera, đạt 70%', null],
    ],
    ['blocked with reason', 'vướng: chưa có kinh phí', [null, 'blocked', null, null, 'chưa có kinh phí']],
    ['blocked plain', 'vuong chua co kinh phi', [null, 'blocked', null, null, 'chua co kinh phi']],
    ['blocked, lead word dropped', 'vướng mắc về kinh phí', [null, 'blocked', null, null, 'kinh phí']],
    ['blocked short form', 'kk', [null, 'blocked', null, null, null]],
    ['difficulty', 'khó khăn: thiếu máy chủ', [null, 'blocked', null, null, 'thiếu máy chủ']],
    ['difficulty plain', 'kho khan', [null, 'blocked', null, null, null]],
    ['"bị vướng"', 'bị vướng do chưa có thiết bị', [null, 'blocked', null, null, 'chưa có thiết bị']],
    ['English blocked', 'blocked by missing funds', [null, 'blocked', null, null, 'missing funds']],
    ['English stuck', 'stuck: no server', [null, 'blocked', null, null, 'no server']],
    [
      'status then blocker',
      'đang 50%, vướng: thiếu thiết bị',
      [null, 'in_progress', 50, null, 'thiếu thiết bị'],
    ],
    [
      'result then blocker',
      'đang 50% đã lắp 5/7 camera, vướng: thiếu thiết bị',
      [null, 'in_progress', 50, 'đã lắp 5/7 camera', 'thiếu thiết bị'],
    ],
    [
      'blocker after a conjunction',
      'đang làm nhưng khó khăn về nhân lực',
      [null, 'in_progress', null, null, 'nhân lực'],
    ],
    [
      'done but blocker with reason: blocked wins',
      'xong nhưng vướng: chưa nghiệm thu',
      [null, 'blocked', null, null, 'chưa nghiệm thu'],
    ],
    ['status and a bare blocker word', 'đang làm nhưng vướng', [null, 'blocked', null, null, null]],
    [
      '"không vướng gì" after a status is result text',
      'xong, không vướng gì',
      [null, 'done', 100, 'không vướng gì', null],
    ],
    [
      'mid-sentence blocker word is result text',
      'xong, đã giải quyết vướng mắc',
      [null, 'done', 100, 'đã giải quyết vướng mắc', null],
    ],
    ['waiting for central, short', 'cho TW', [null, 'waiting_central', null, null, null]],
    ['waiting for central guidance', 'chờ hướng dẫn TW', [null, 'waiting_central', null, null, null]],
    ['waiting for guidance, plain', 'cho huong dan', [null, 'waiting_central', null, null, null]],
    ['waiting for the ministry', 'đang chờ Bộ Công an', [null, 'waiting_central', null, null, null]],
    ['waiting for TƯ in capitals', 'chờ TƯ', [null, 'waiting_central', null, null, null]],
    ['waiting alone', 'chờ', [null, 'waiting_central', null, null, null]],
    ['waiting, in progress gives way', 'đang 50%, chờ TW', [null, 'waiting_central', 50, null, null]],
    ['English waiting', 'waiting', [null, 'waiting_central', null, null, null]],
    [
      'English waiting for central',
      'waiting for central guidance',
      [null, 'waiting_central', null, null, null],
    ],
    ['waiting for money is blocked', 'đang chờ kinh phí', [null, 'blocked', null, null, 'chờ kinh phí']],
    ['"chờ tư vấn" is not TƯ', 'chờ tư vấn', [null, 'blocked', null, null, 'chờ tư vấn']],
    [
      'English waiting for money is blocked',
      'waiting for funds',
      [null, 'blocked', null, null, 'waiting for funds'],
    ],
    ['piloting', 'thí điểm tại 3 xã', [null, 'piloting', null, 'tại 3 xã', null]],
    ['piloting with aspect word', 'đang thí điểm 40%', [null, 'piloting', 40, null, null]],
    ['piloting plain', 'thi diem', [null, 'piloting', null, null, null]],
    ['English pilot', 'pilot', [null, 'piloting', null, null, null]],
    ['not started alone', 'chưa', [null, 'not_started', 0, null, null]],
    ['not started long', 'chưa triển khai', [null, 'not_started', 0, null, null]],
    ['not started plain', 'chua trien khai', [null, 'not_started', 0, null, null]],
    [
      'not started with blocker',
      'chưa triển khai, vướng: chưa có kinh phí',
      [null, 'not_started', 0, null, 'chưa có kinh phí'],
    ],
    ['English not started', 'not started', [null, 'not_started', 0, null, null]],
    ['decomposed text and odd spaces', 'Đang\u00A0 la\u0300m 60%', [null, 'in_progress', 60, null, null]],
    [
      'markup-like text kept verbatim',
      'xong <script>alert(1)</script>',
      [null, 'done', 100, '<script>alert(1)</script>', null],
    ],
    ['comparison signs kept', 'đang 40% a < b > c', [null, 'in_progress', 40, 'a < b > c', null]],
  ])('GIVEN a reply %s (%j) THEN it reads as the row', (_name, input, row) => {
    expect(parseStatusReply(input, REPLY)).toEqual({ ok: true, reports: [report(row)] });
  });
});

describe('parseStatusReply: commands and task codes', () => {
  it.each<[string, string, ReplyContext, Row[]]>([
    [
      'command with bare code',
      '/baocao 12 dang 60 đã lắp 5/7 camera',
      FREE,
      [['12', 'in_progress', 60, 'đã lắp 5/7 camera', null]],
    ],
    ['English command', '/report 12 done', FREE, [['12', 'done', 100, null, null]]],
    ['command with bot name', '/baocao@De06Bot 12 xong', FREE, [['12', 'done', 100, null, null]]],
    [
      'command with hashed code',
      '/bc #7 vướng: thiếu người',
      FREE,
      [['7', 'blocked', null, null, 'thiếu người']],
    ],
    ['command without code in a reply', '/baocao đang 30%', REPLY, [[null, 'in_progress', 30, null, null]]],
    ['hashed code', '#12 xong', FREE, [['12', 'done', 100, null, null]]],
    ['code with colon', '12: xong', FREE, [['12', 'done', 100, null, null]]],
    ['code with parenthesis', '12) đang 20%', FREE, [['12', 'in_progress', 20, null, null]]],
    ['NV code glued', 'NV12 xong', FREE, [['12', 'done', 100, null, null]]],
    ['NV code spaced', 'nv 12 xong', FREE, [['12', 'done', 100, null, null]]],
    ['"nhiệm vụ" code', 'nhiệm vụ 12: đang 40%', FREE, [['12', 'in_progress', 40, null, null]]],
    ['bare code before status when not a reply', '12 xong', FREE, [['12', 'done', 100, null, null]]],
    [
      'bare known code in a reply',
      '12 xong',
      { replyToTaskCode: '5', knownTaskCodes: ['5', '12'] },
      [['12', 'done', 100, null, null]],
    ],
    ['known code normalised to its stored form', '#20 xong', KNOWN, [['NV20', 'done', 100, null, null]]],
    ['NV prefix matches a plain known code', 'NV12 dang 10%', KNOWN, [['12', 'in_progress', 10, null, null]]],
    ['button payload done', '#12 xong', KNOWN, [['12', 'done', 100, null, null]]],
    ['button payload in progress', '#12 dang', KNOWN, [['12', 'in_progress', null, null, null]]],
    ['button payload blocked', '#12 vuong', KNOWN, [['12', 'blocked', null, null, null]]],
    ['button payload waiting', '#12 cho', KNOWN, [['12', 'waiting_central', null, null, null]]],
    ['dotted code', '#1.2 xong', FREE, [['1.2', 'done', 100, null, null]]],
    [
      'two codes on one line',
      '#3, #7 xong',
      KNOWN,
      [
        ['3', 'done', 100, null, null],
        ['7', 'done', 100, null, null],
      ],
    ],
    ['code and progress', '#12 60%', FREE, [['12', 'in_progress', 60, null, null]]],
  ])('GIVEN %s (%j) THEN the reports are as listed', (_name, input, context, rows) => {
    expect(parseStatusReply(input, context)).toEqual({ ok: true, reports: rows.map((r) => report(r)) });
  });

  it('GIVEN several tasks one per line THEN each line is a report with its line number', () => {
    const parsed = parseStatusReply('/baocao\n#3 xong\n\n#7 đang 40%\r\n#12 vướng: thiếu máy chủ', KNOWN);
    expect(parsed).toEqual({
      ok: true,
      reports: [
        report(['3', 'done', 100, null, null], 2),
        report(['7', 'in_progress', 40, null, null], 4),
        report(['12', 'blocked', null, null, 'thiếu máy chủ'], 5),
      ],
    });
  });
});

describe('parseStatusReply: problems', () => {
  it.each<[string, string, ReplyContext, ReplyProblem['code'], string]>([
    ['no status and no progress', 'đã lắp 5/7 camera', REPLY, 'no-status', 'đang đã lắp 5/7 camera'],
    [
      'typo in the status word',
      '#12 dnag 60% đã lắp 5/7 camera',
      FREE,
      'no-status',
      '#12 đang 60% đã lắp 5/7 camera',
    ],
    ['typo in done', 'xogn', REPLY, 'no-status', 'xong'],
    ['two-word typo', 'hoan thnah', REPLY, 'no-status', 'hoàn thành'],
    ['"không vướng gì" alone', 'không vướng gì', REPLY, 'no-status', 'đang không vướng gì'],
    ['negated done', 'ko xong', REPLY, 'no-status', 'đang ko xong'],
    ['"đáng" is not "đang"', 'đáng kể', REPLY, 'no-status', 'đang đáng kể'],
    ['a number without % and then words', '5 camera', REPLY, 'no-status', 'đang 5 camera'],
    [
      'mid-sentence blocker word alone',
      'đã giải quyết vướng mắc',
      REPLY,
      'no-status',
      'đang đã giải quyết vướng mắc',
    ],
    ['progress above 100', 'đang 120%', REPLY, 'bad-progress', 'đang 100%'],
    ['negative progress', 'đang -5%', REPLY, 'bad-progress', 'đang 0%'],
    ['progress far above 100', '#12 1000% xong', FREE, 'bad-progress', '#12 xong'],
    ['no task and no reminder', 'xong', FREE, 'no-task', '#<mã> xong'],
    [
      'no task, one known task',
      'đang 40%',
      { replyToTaskCode: null, knownTaskCodes: ['12'] },
      'no-task',
      '#12 đang 40%',
    ],
    ['unknown task', '#99 xong', KNOWN, 'unknown-task', '#3 xong'],
    ['unknown NV task', 'NV13 đang 10%', KNOWN, 'unknown-task', '#3 đang 10%'],
    ['done but a bare blocker word', 'xong nhưng vướng', REPLY, 'ambiguous-status', 'vướng: <lý do>'],
    ['done and in progress... and blocked', 'xong, chưa triển khai', REPLY, 'ambiguous-status', 'xong'],
    ['done and maintained below 100', 'xong, duy trì 80%', REPLY, 'ambiguous-status', 'đang 80%'],
    ['not started with progress', 'chưa triển khai 30%', REPLY, 'ambiguous-status', 'đang 30%'],
    ['"12 xong" in a reply to another task', '12 xong', REPLY, 'ambiguous-status', '#12 xong'],
    ['empty message', '   ', REPLY, 'empty', 'xong'],
    ['command only', '/baocao', FREE, 'empty', '#<mã> xong'],
    [
      'line too long',
      `đang 50% ${'rất dài '.repeat(80)}`,
      REPLY,
      'too-long',
      `đang 50% ${'rất dài '.repeat(25).trim()}…`,
    ],
    ['message too long', 'x'.repeat(4001), REPLY, 'too-long', 'đang 60% đã lắp 5/7 camera'],
  ])(
    'GIVEN %s (%j) THEN the problem code and suggestion are as listed',
    (_name, input, context, code, suggestion) => {
      const parsed = parseStatusReply(input, context);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.problems).toHaveLength(1);
      expect(parsed.problems[0]).toMatchObject({ code, suggestion });
    },
  );

  it('GIVEN one good and one bad line THEN the good line is returned but the parse is not ok', () => {
    const parsed = parseStatusReply('#3 xong\n#7 abc', KNOWN);
    expect(parsed).toEqual({
      ok: false,
      reports: [report(['3', 'done', 100, null, null])],
      problems: [{ line: 2, code: 'no-status', text: '#7 abc', suggestion: '#7 đang abc' }],
    });
  });

  it('GIVEN two lines about the same task THEN the second is ambiguous', () => {
    const parsed = parseStatusReply('xong\nđang 40%', REPLY);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems).toEqual([
        { line: 2, code: 'ambiguous-status', text: 'đang 40%', suggestion: 'đang 40%' },
      ]);
  });

  it('GIVEN more than 30 lines THEN the whole message is too long', () => {
    const parsed = parseStatusReply(Array.from({ length: 31 }, (_, i) => `#${i + 1} xong`).join('\n'), FREE);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([[0, 'too-long']]);
  });
});

/** Folded words that justify each status; a parse must find one of them (or a digit, for bare progress). */
const CUES: Record<ReportStatus, RegExp> = {
  not_started: /\b(chua|not)\b/u,
  in_progress:
    /\b(dang|dtk|progress|doing|ongoing|going|wip|chua|not|hoan|ht|xong|done|complete|completed|finish|finished)\b|\d/u,
  piloting: /\b(thi diem|thu nghiem|pilot|piloting|trial)\b/u,
  done: /\b(xong|ht|hoan thanh|hoan tat|done|complete|completed|finish|finished)\b/u,
  done_maintained: /\b(duy tri|maintained|maintaining|dt)\b/u,
  blocked: /\b(vuong|kk|kho khan|blocked|blocker|stuck|cho|doi|waiting|pending)\b/u,
  waiting_central: /\b(cho|doi|waiting|pending)\b/u,
};

const VOCABULARY = [
  'xong',
  'đang',
  'dang',
  'vướng',
  'vuong',
  'chờ',
  'cho',
  'TW',
  'chưa',
  'triển khai',
  'hoàn thành',
  'duy trì',
  'thí điểm',
  'không',
  'nhưng',
  'kk',
  'done',
  'in progress',
  'blocked',
  'waiting',
  '#12',
  '#3',
  'NV7',
  '/baocao',
  '12',
  '60%',
  '120%',
  '-5%',
  '100%',
  '5/7',
  'camera',
  'kinh phí',
  ':',
  ',',
  '\n',
  'đạt',
  'đã',
  'hướng dẫn',
  'Bộ Công an',
];

const reply = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 10 }).map((words) => words.join(' ')),
);
const context = fc.record({
  replyToTaskCode: fc.option(fc.constantFrom('5', '12', 'NV7'), { nil: null }),
  knownTaskCodes: fc.option(fc.constantFrom(['3', '12'], ['NV7', '5'], []), { nil: undefined }),
});

describe('parseStatusReply: properties', () => {
  it('never throws, and always either parses every line or explains each problem', () => {
    fc.assert(
      fc.property(reply, context, (text, ctx) => {
        const parsed = parseStatusReply(text, ctx);
        if (parsed.ok) {
          expect(parsed.reports.length).toBeGreaterThan(0);
        } else {
          expect(parsed.problems.length).toBeGreaterThan(0);
          for (const p of parsed.problems) expect(p.suggestion.trim()).not.toBe('');
        }
        for (const r of parsed.reports) {
          if (r.progress !== null) {
            expect(r.progress).toBeGreaterThanOrEqual(0);
            expect(r.progress).toBeLessThanOrEqual(100);
          }
          expect(r.status === null || REPORT_STATUSES.includes(r.status)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never invents a status that no word of the line supports', () => {
    fc.assert(
      fc.property(reply, context, (text, ctx) => {
        const lines = text.split(/\r\n|\r|\n/u);
        for (const r of parseStatusReply(text, ctx).reports) {
          if (r.status === null) continue;
          const folded = foldForMatch(lines[r.line - 1] ?? '');
          expect(folded).toMatch(CUES[r.status]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back the suggestion for a line with no status', () => {
    fc.assert(
      fc.property(reply, context, (text, ctx) => {
        const parsed = parseStatusReply(text, ctx);
        if (parsed.ok) return;
        for (const p of parsed.problems) {
          if (p.code !== 'no-status' || p.suggestion.includes('<')) continue;
          const again = parseStatusReply(p.suggestion, ctx);
          const codes = again.ok ? [] : again.problems.map((q) => q.code);
          expect(codes).not.toContain('no-status');
        }
      }),
      { numRuns: 1000 },
    );
  });

  const safeWords = fc.array(
    fc.constantFrom('lắp', 'camera', '5/7', 'hộ', 'dân', 'cấp', 'mã', 'xã', 'phường', 'máy', 'chủ', 'thiết'),
    {
      minLength: 1,
      maxLength: 5,
    },
  );
  const text = fc.option(
    safeWords.map((w) => w.join(' ')),
    { nil: null },
  );
  const percent = fc.option(fc.integer({ min: 0, max: 100 }), { nil: null });
  const parsedReport = fc.oneof(
    fc.record({
      status: fc.constant<ReportStatus>('done'),
      progress: fc.constant(100),
      result: text,
      blocker: fc.constant(null),
    }),
    fc.record({
      status: fc.constant<ReportStatus>('done_maintained'),
      progress: fc.constant(100),
      result: text,
      blocker: fc.constant(null),
    }),
    fc.record({
      status: fc.constant<ReportStatus>('not_started'),
      progress: fc.constant(0),
      result: text,
      blocker: text,
    }),
    fc.record({
      status: fc.constantFrom<ReportStatus>('in_progress', 'piloting', 'waiting_central'),
      progress: percent,
      result: text,
      blocker: text,
    }),
    fc.record({
      status: fc.constant<ReportStatus>('blocked'),
      progress: percent,
      result: text,
      blocker: text,
    }),
  );

  it('reads back what formatStatusReply writes', () => {
    fc.assert(
      fc.property(
        parsedReport,
        fc.option(fc.constantFrom('3', '12', '1.2'), { nil: null }),
        (fields, taskCode) => {
          const expected = { ...fields, taskCode, line: 1 };
          const line = formatStatusReply(expected);
          expect(parseStatusReply(line, REPLY)).toEqual({ ok: true, reports: [expected] });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
