import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = path.join(import.meta.dirname, 'long-functions.mjs');

/** A function whose text spans exactly `lines` lines, from its first token to its closing brace. */
function functionOfLines(head: string, lines: number): string {
  const body = Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i};`);
  return [`${head} {`, ...body, '}'].join('\n');
}

let root = '';

function write(relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), text);
}

function run(...args: string[]): string {
  return execFileSync(process.execPath, [SCRIPT, `--root=${root}`, ...args], { encoding: 'utf8' });
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'long-functions-'));
  write(
    'domain/long.ts',
    `/** Its doc comment does not count. */\n${functionOfLines('export function longOne()', 81)}\n${functionOfLines('function atLimit()', 80)}\n`,
  );
  write('app/arrow.ts', `${functionOfLines('export const arrowOne = () =>', 90)};\n`);
  write('app/klass.ts', `export class Service {\n${functionOfLines('  start()', 85)}\n}\n`);
  write('domain/long.test.ts', functionOfLines('function inATest()', 200));
  write('test/fake.ts', functionOfLines('function inTestSupport()', 200));
  write('prisma/generated/client.ts', functionOfLines('function generated()', 200));
  write('node_modules/pkg/index.js', functionOfLines('function dependency()', 200));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('scripts/long-functions.mjs', () => {
  it('lists production functions over 80 lines, longest first, with file:line', () => {
    const lines = run().trim().split('\n');
    expect(lines[0]).toBe('3 production function(s) over 80 lines:');
    expect(lines.slice(1).map((line) => line.trim().split(/\s+/u))).toEqual([
      ['90', 'arrowOne', 'app/arrow.ts:1'],
      ['85', 'Service.start', 'app/klass.ts:2'],
      ['81', 'longOne', 'domain/long.ts:2'],
    ]);
  });

  it('takes another limit and says when nothing is over it', () => {
    expect(run('--max=85').trim().split('\n')).toHaveLength(2);
    expect(run('--max=500').trim()).toBe('No production function over 500 lines.');
  });
});
