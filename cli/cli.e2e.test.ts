/**
 * The CLI as a newcomer runs it: a process, its exit code, and the documented --json contracts.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/support/db.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../domain/plan/__fixtures__');

function cli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli', () => {
  let t: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await createTestDatabase();
    env = { DATABASE_URL: t.url };
  });
  afterAll(async () => {
    await t.drop();
  });

  it('GIVEN import --dry-run --json on seed 003 THEN it prints the documented contract and writes nothing', async () => {
    const run = cli(['import', path.join(FIXTURES, '003_9b0c4ba75028efa0.txt'), '--dry-run', '--json'], env);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown> & { tasks: Array<Record<string, unknown>> };
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['plan', 'tasks', 'warnings', 'errors', 'unknownAgencies']),
    );
    expect(out.tasks).toHaveLength(42);
    expect(out.tasks.find((x) => x['code'] === '12')).toMatchObject({
      code: '12',
      group: null,
      lead: expect.any(Array),
      support: expect.any(Array),
      deadline: { raw: expect.any(String), kind: expect.any(String), recurring: expect.any(Boolean) },
    });
    expect(await t.db.plan.count()).toBe(0);
  });

  it('GIVEN the truncated seed 000 THEN exit 1 and errors with row and column', () => {
    const run = cli(['import', path.join(FIXTURES, '000_5a551a3742c16920.txt'), '--dry-run', '--json'], env);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as {
      errors: Array<{ row: number | null; column: string | null; message: string }>;
    };
    expect(out.errors).toContainEqual(expect.objectContaining({ row: 23, column: 'Cơ quan chủ trì' }));
  });

  it('GIVEN a real import twice THEN the second run reports no change', async () => {
    const file = path.join(FIXTURES, '004_6c047a4e24216869.txt');
    const first = cli(['import', file, '--json'], env);
    expect(first.code).toBe(0);
    expect((JSON.parse(first.stdout) as { changes: { added: string[] } }).changes.added).toHaveLength(33);
    const second = cli(['import', file], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/unchanged/u);
    expect(await t.db.task.count()).toBe(33);
  });

  it('GIVEN deadline --json THEN the deadline object; an unreadable phrase exits 1 with a warning', () => {
    const ok = cli(['deadline', 'Quý III/2024', '--json'], {});
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      raw: 'Quý III/2024',
      kind: 'quarter',
      due: '2024-09-30',
      start: null,
      recurring: false,
    });
    const bad = cli(['deadline', 'khi nào xong thì báo', '--json'], {});
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ kind: 'none', warning: expect.any(String) });
  });

  it('GIVEN agencies alias THEN the alias resolves; an unknown agency exits 1', () => {
    const add = cli(['agencies', 'alias', 'Tổ giúp việc Đề án 06', 'Công an tỉnh', '--json'], env);
    expect(add.code).toBe(0);
    const list = cli(['agencies', '--json'], env);
    const rows = JSON.parse(list.stdout) as Array<{ name: string; aliases: string[]; currentHolder: string }>;
    expect(rows.find((r) => r.name === 'Công an tỉnh')?.aliases).toContain('Tổ giúp việc Đề án 06');
    expect(rows.find((r) => r.name === 'Sở Thông tin và Truyền thông')?.currentHolder).toBe(
      'Sở Khoa học và Công nghệ',
    );
    const unknown = cli(['agencies', 'alias', 'XYZ', 'Bộ Không Tồn Tại'], env);
    expect(unknown.code).toBe(1);
  });

  it('GIVEN a wrong call THEN exit 2 with usage', () => {
    expect(cli(['import'], env).code).toBe(2);
    expect(cli(['no-such-command'], env).code).toBe(2);
    expect(cli(['--help'], env).code).toBe(0);
  });
});
