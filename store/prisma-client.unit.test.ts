import { describe, expect, it } from 'vitest';
import { statementNames } from './prisma-client.ts';

describe('statementNames', () => {
  it('names one text the same way every time, and two texts apart', () => {
    const nameOf = statementNames();
    const a = nameOf({ sql: 'SELECT 1' });
    expect(a).toMatch(/^q[0-9a-f]{24}$/u);
    expect(nameOf({ sql: 'SELECT 1' })).toBe(a);
    expect(nameOf({ sql: 'SELECT 2' })).not.toBe(a);
  });

  it('leaves texts past the limit unnamed (parsed at each call), and keeps naming the known ones', () => {
    const nameOf = statementNames(2);
    const first = nameOf({ sql: 'SELECT 1' });
    nameOf({ sql: 'SELECT 2' });
    expect(nameOf({ sql: 'SELECT 3' })).toBe('');
    expect(nameOf({ sql: 'SELECT 1' })).toBe(first);
  });
});
