import { describe, expect, it } from 'vitest';
import { digestKindOf } from './digest-command.ts';

describe('digestKindOf', () => {
  it.each([
    ['', 'weekly'],
    ['tuần', 'weekly'],
    ['thang', 'monthly'],
    ['Tháng', 'monthly'],
    ['quý', 'quarterly'],
    ['QUY', 'quarterly'],
    ['month', 'monthly'],
    ['quarter', 'quarterly'],
    ['năm', null],
    ['thang 5', null],
  ] as const)('GIVEN "%s" THEN %s', (args, kind) => {
    expect(digestKindOf(args)).toBe(kind);
  });
});
