import { describe, expect, it } from 'vitest';
import { formatFileSize } from './format-file-size.ts';

describe('formatFileSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [120_000, '117 KB'],
    [1024 * 1024, '1.0 MB'],
    [2_400_000, '2.3 MB'],
  ])('GIVEN %i bytes THEN %s', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });
});
