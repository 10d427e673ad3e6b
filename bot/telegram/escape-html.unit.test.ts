import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.ts';

describe('escapeHtml', () => {
  it.each([
    ['a < b & c > d', 'a &lt; b &amp; c &gt; d'],
    ['<b>bold</b>', '&lt;b&gt;bold&lt;/b&gt;'],
    ['&amp; already', '&amp;amp; already'],
    ['Hạn chót: 30/6 "quý II"', 'Hạn chót: 30/6 "quý II"'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});
