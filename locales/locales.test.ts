import { describe, expect, it } from 'vitest';
import { en } from './en/index.ts';
import { localeFor } from './index.ts';
import { vi } from './vi/index.ts';

function keyPaths(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe('locales', () => {
  it('GIVEN the vi and en catalogues THEN they have exactly the same keys', () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(vi).sort());
  });

  it('GIVEN any message THEN no value is empty and functions produce text', () => {
    for (const catalogue of [vi, en]) {
      for (const path of keyPaths(catalogue)) {
        const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalogue);
        if (typeof value === 'function') {
          const out = (value as (...a: unknown[]) => unknown)('12', 'X', 'Y', 'Z', 'W');
          expect(typeof out === 'string' && out.length > 0, path).toBe(true);
        } else {
          expect(typeof value === 'string' && value.length > 0, path).toBe(true);
        }
      }
    }
  });

  it.each([
    [null, 'en-US', 'en'],
    [null, 'vi', 'vi'],
    [null, undefined, 'vi'],
    ['vi', 'en', 'vi'],
    ['en', 'vi', 'en'],
  ] as const)('GIVEN preference %s and language %s THEN %s', (pref, lang, expected) => {
    expect(localeFor(pref, lang)).toBe(expected);
  });
});
