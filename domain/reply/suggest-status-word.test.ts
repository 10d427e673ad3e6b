import { describe, expect, it } from 'vitest';
import { editDistance, suggestStatusWord } from './suggest-status-word.ts';

describe('suggestStatusWord', () => {
  it.each([
    ['xogn', 'xong'],
    ['dnag', 'đang'],
    ['vuogn', 'vướng'],
    ['hoan thnah', 'hoàn thành'],
    ['blokced', 'blocked'],
    ['đáng', null],
    ['xong', null],
    ['ok', null],
    ['camera', null],
  ])('GIVEN %j THEN the suggestion is %j', (typed, expected) => {
    expect(suggestStatusWord(typed)).toBe(expected);
  });
});

describe('editDistance', () => {
  it.each([
    ['xong', 'xong', 0],
    ['xogn', 'xong', 1],
    ['xon', 'xong', 1],
    ['abc', 'xyz', 3],
    ['', 'abc', 3],
  ])('GIVEN %j and %j THEN the distance is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});
