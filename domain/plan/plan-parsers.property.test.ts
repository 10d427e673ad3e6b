import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlanGrid } from './parse-plan-grid.ts';
import { parsePlanText } from './parse-plan-text.ts';
import type { ParsedPlanTable } from './plan-table.ts';

/** Fragments that steer random input towards the parser's branches. */
const PIECES = [
  'STT',
  'Nội dung nhiệm vụ',
  'Cơ quan chủ trì',
  'Phối hợp',
  'Thời hạn',
  'I. VỀ',
  'II',
  '1',
  '01.',
  '1.2',
  '',
  ' ',
  '\t',
  '"',
  'Nơi nhận:',
  'KT. CHỦ TỊCH',
  'Sở Y tế',
  'Quý I/2024',
  '<ul><li>',
  'Co\u0302ng an',
  '42 mô hình',
  '08 nhóm',
  'ngày 01 tháng 12 năm 2023',
];
const piece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 }));
const line = fc.array(piece, { maxLength: 7 }).map((cells) => cells.join('\t'));
const text = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.array(line, { maxLength: 25 }).map((lines) => lines.join('\n')),
  fc.array(piece, { maxLength: 40 }).map((cells) => cells.map((c) => `\t${c}`).join('\n')),
);

function wellFormed(result: ParsedPlanTable): void {
  expect(Array.isArray(result.rows)).toBe(true);
  expect(Array.isArray(result.errors)).toBe(true);
  expect(result.rows.length + result.errors.length).toBeGreaterThan(0);
  for (const row of result.rows) {
    expect(row.code).not.toBe('');
    expect(row.line).toBeGreaterThan(0);
    expect(row.cells.lead === undefined || row.cells.lead !== '').toBe(true);
  }
  const codes = result.rows.map((r) => r.code);
  expect(new Set(codes).size).toBe(codes.length);
  for (const issue of [...result.errors, ...result.warnings]) {
    expect(issue.message).not.toBe('');
    expect(issue.messageEn).not.toBe('');
  }
}

describe('plan parsers on any input', () => {
  it('GIVEN any text THEN parsePlanText never throws and returns rows or errors', () => {
    fc.assert(
      fc.property(text, (input) => wellFormed(parsePlanText(input))),
      { numRuns: 400 },
    );
  });

  it('GIVEN any grid THEN parsePlanGrid never throws and returns rows or errors', () => {
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 7 }), { maxLength: 20 }), (grid) =>
        wellFormed(parsePlanGrid(grid)),
      ),
      { numRuns: 400 },
    );
  });

  it('GIVEN a valid table THEN every row without an error is a row, in order', () => {
    const task = fc.record({
      title: fc.constantFrom('Việc một', 'Triển khai VNeID', 'Số hóa'),
      lead: fc.constantFrom('Sở Y tế', 'Công an tỉnh'),
      deadline: fc.constantFrom('Năm 2024', 'Quý I/2024'),
    });
    fc.assert(
      fc.property(fc.array(task, { minLength: 1, maxLength: 30 }), (tasks) => {
        const body = tasks.map((t, i) => `${i + 1}\t${t.title}\t${t.lead}\t${t.deadline}`);
        const result = parsePlanText(['STT\tNhiệm vụ\tChủ trì\tThời hạn', ...body].join('\n'));
        expect(result.errors).toEqual([]);
        expect(result.rows.map((r) => r.cells)).toEqual(tasks);
      }),
    );
  });
});
