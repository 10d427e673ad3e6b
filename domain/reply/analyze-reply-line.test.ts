/**
 * What the reply grammar's phases guarantee about the positions they hand to the parser, whatever the
 * line: each part lies inside the line, after the command and codes, and in reading order (head, result,
 * blocker). The table tests of parse-status-reply*.test.ts say what the parts mean.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeChatText } from '../text/normalize-vietnamese.ts';
import { type AnalyzeOptions, analyzeReplyLine } from './analyze-reply-line.ts';

const WORDS = [
  '/baocao',
  '/report@de_an_bot',
  '#12',
  '#II.3',
  'II.3',
  'NV7',
  'nhiệm vụ 5',
  '12:',
  '12',
  'xong',
  'hoàn thành',
  'đang',
  'đang làm',
  'chưa',
  'chưa triển khai',
  'đã xong và duy trì',
  'vướng',
  'vướng:',
  'bị vướng',
  'không vướng mắc,',
  'khó khăn',
  'do',
  'nhưng',
  'chờ',
  'chờ TW hướng dẫn',
  'đạt',
  'tiến độ',
  '60%',
  '60 phần trăm',
  '(60%)',
  '(đang làm)',
  '-5%',
  '5/7',
  'camera',
  ',',
  ';',
  ':',
  '-',
  '.',
];

const line = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((words) => words.join(' ')),
  )
  .map((text) => normalizeChatText(text).replace(/\s*\n\s*/gu, ' '));

const options = fc.record({
  hasReplyTarget: fc.boolean(),
  known: fc.constantFrom<string[]>([], ['12'], ['5', '12', 'II.3']),
});

function analyze(text: string, { hasReplyTarget, known }: { hasReplyTarget: boolean; known: string[] }) {
  const analyzeOptions: AnalyzeOptions = { hasReplyTarget, isKnownCode: (code) => known.includes(code) };
  return analyzeReplyLine(text, analyzeOptions);
}

describe('analyzeReplyLine: guarantees of its phases', () => {
  it('places every part inside the line, after the codes, in reading order', () => {
    fc.assert(
      fc.property(line, options, (text, opts) => {
        const analysis = analyze(text, opts);
        const length = text.length;
        expect(analysis.line).toBe(text);
        expect(analysis.bodyStart).toBeGreaterThanOrEqual(0);
        expect(analysis.bodyStart).toBeLessThanOrEqual(length);
        expect(analysis.bodyToken).toBeGreaterThanOrEqual(0);
        expect(analysis.bodyToken).toBeLessThanOrEqual(analysis.tokens.length);
        expect(analysis.resultStart).toBeLessThanOrEqual(analysis.resultEnd);
        expect(analysis.resultEnd).toBeLessThanOrEqual(length);

        let previousEnd = analysis.bodyStart;
        for (const mention of analysis.statuses) {
          expect(mention.start).toBeGreaterThanOrEqual(previousEnd);
          expect(mention.end).toBeGreaterThan(mention.start);
          expect(mention.end).toBeLessThanOrEqual(analysis.resultStart);
          previousEnd = mention.end;
        }
        if (analysis.progress) {
          expect(analysis.progress.start).toBeGreaterThanOrEqual(analysis.bodyStart);
          expect(analysis.progress.end).toBeGreaterThan(analysis.progress.start);
          expect(analysis.progress.end).toBeLessThanOrEqual(length);
        }
        if (analysis.blocker) {
          expect(analysis.blocker.start).toBeGreaterThanOrEqual(analysis.resultEnd);
          expect(analysis.blocker.textStart).toBeGreaterThanOrEqual(analysis.blocker.start);
          expect(analysis.blocker.textStart).toBeLessThanOrEqual(length);
        } else {
          expect(analysis.resultEnd).toBe(length);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads codes only after nothing but a command, and a command-only line has no codes and no text', () => {
    fc.assert(
      fc.property(line, options, (text, opts) => {
        const analysis = analyze(text, opts);
        for (const code of analysis.codes) expect(code).toMatch(/^[\p{L}\p{N}.]+$/u);
        if (analysis.commandOnly) {
          expect(analysis.hasCommand).toBe(true);
          expect(analysis.codes).toEqual([]);
          expect(analysis.statuses).toEqual([]);
        }
        if (!analysis.hasCommand && analysis.codes.length === 0) expect(analysis.bodyToken).toBe(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('answers the same analysis for the same line and options', () => {
    fc.assert(
      fc.property(line, options, (text, opts) => {
        expect(analyze(text, opts)).toEqual(analyze(text, opts));
      }),
      { numRuns: 500 },
    );
  });
});
