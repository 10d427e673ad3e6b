import { describe, expect, it } from 'vitest';
import { normalizeTypedText } from './typed-text.ts';

describe('normalizeTypedText', () => {
  it('GIVEN decomposed Vietnamese (NFD) THEN it equals the composed form', () => {
    const nfc = '#2 đang triển khai 60%, vướng mắc kinh phí';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(normalizeTypedText(nfd)).toBe(nfc);
  });

  it('GIVEN zero-width characters inside words and commands THEN they are gone', () => {
    expect(normalizeTypedText('/bao\u200Bcao 2 x\u200Cong\u2060\uFEFF đa\u00ADng')).toBe(
      '/baocao 2 xong đang',
    );
    expect(normalizeTypedText('\uFEFF#2\u200D xong')).toBe('#2 xong');
  });

  it('GIVEN an emoji joined by a zero-width joiner THEN the emoji is kept whole', () => {
    expect(normalizeTypedText('xong 👩‍💻 👍🏽‍')).toBe('xong 👩‍💻 👍🏽‍');
  });

  it('GIVEN any text THEN normalising twice changes nothing', () => {
    const once = normalizeTypedText('Quý\u0301 II'.normalize('NFD'));
    expect(normalizeTypedText(once)).toBe(once);
  });
});
