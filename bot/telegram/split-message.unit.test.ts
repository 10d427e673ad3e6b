import { describe, expect, it } from 'vitest';
import { splitMessage } from './split-message.ts';

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

describe('splitMessage', () => {
  it('keeps text that fits as one part', () => {
    expect(splitMessage('xin chào\nanh', 4096)).toEqual(['xin chào\nanh']);
  });

  it('splits at line boundaries and drops the newline between parts', () => {
    expect(splitMessage('aaa\nbbb\nccc', 7)).toEqual(['aaa\nbbb', 'ccc']);
  });

  it('never cuts a line that fits', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `Nhiệm vụ ${i}: báo cáo tiến độ tháng`);
    const parts = splitMessage(lines.join('\n'), 500);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(500);
    expect(parts.flatMap((p) => p.split('\n'))).toEqual(lines);
  });

  it('cuts a single over-long line, at a space when there is one', () => {
    const parts = splitMessage('word '.repeat(30).trim(), 20);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(20);
    expect(parts.join('')).toBe('word '.repeat(30).trim());
    expect(parts[0]).toBe('word word word word ');
  });

  it('never splits a surrogate pair', () => {
    const text = 'a' + '😀'.repeat(50);
    const parts = splitMessage(text, 10);
    expect(parts.join('')).toBe(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(10);
      expect(isHigh(part.charCodeAt(part.length - 1))).toBe(false);
      expect(isLow(part.charCodeAt(0))).toBe(false);
    }
  });

  it('leaves out whitespace-only parts', () => {
    expect(splitMessage(`aaaa\n\n\n\n\n\nbbbb`, 4)).toEqual(['aaaa', 'bbbb']);
  });

  it('splits 10 000 characters of lines into parts of at most 4096', () => {
    const text = Array.from({ length: 200 }, () => 'x'.repeat(49)).join('\n');
    const parts = splitMessage(text, 4096);
    expect(parts).toHaveLength(3);
    expect(parts.join('\n')).toBe(text);
  });
});
