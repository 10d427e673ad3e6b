/**
 * `npm run cli -- import <file>` with the files plans come in: a Word appendix imported for real (its
 * tasks in PostgreSQL), a multi-page PDF with a progress line on standard error, a .doc refused.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/db.ts';

const PLANS = path.resolve(import.meta.dirname, '../test/fixtures/plans');

describe('npm run cli -- import, Word and PDF', () => {
  let t: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await createTestDatabase();
    env = { DATABASE_URL: t.url };
  });
  afterAll(async () => {
    await t.drop();
  });

  it('GIVEN the Lâm Đồng Word plan THEN 56 tasks in 7 groups are imported, a vMerge task once', async () => {
    const run = runCli(
      ['import', path.join(PLANS, 'lamdong-cchc-2026-2030-plan.docx'), '--json'],
      env,
      120_000,
    );
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      plan: { format: string };
      groups: unknown[];
      changes: { added: string[] };
    };
    expect(out.groups).toHaveLength(7);
    expect(out.changes.added).toHaveLength(56);
    expect(await t.db.task.count()).toBe(56);
    const task = await t.db.task.findFirstOrThrow({ where: { code: 'VII.5' } });
    expect(task.title).toMatch(/^Tham mưu Ủy ban nhân dân tỉnh đánh giá, công bố chỉ số/u);
  }, 150_000);

  it('GIVEN a 13-page PDF THEN a progress line per page on stderr and the JSON contract on stdout', () => {
    const run = runCli(['import', path.join(PLANS, 'city-plan.pdf'), '--dry-run', '--json'], env, 120_000);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Page 1\/13…[\s\S]*Page 13\/13…/u);
    expect((JSON.parse(run.stdout) as { tasks: unknown[] }).tasks).toHaveLength(96);
  }, 150_000);

  it('GIVEN a Word 97 .doc THEN exit 1 with how to save it as .docx', () => {
    const file = path.join(tmpdir(), `plan-${process.pid}.doc`);
    writeFileSync(
      file,
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
    );
    const run = runCli(['import', file, '--dry-run', '--lang', 'en'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Word 97–2003 \(\.doc\).*Save As Word \(\.docx\)/u);
  });
});
