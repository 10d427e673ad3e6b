/**
 * The CLI as a newcomer runs it: a process, its exit code, and the documented --json contracts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/db.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../domain/plan/__fixtures__');

const cli = (args: string[], env: Record<string, string>) => runCli(args, env);

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

  it('GIVEN officer add, officer import, invite and tasks THEN the documented JSON comes back', async () => {
    const add = cli(['officer', 'add', '--name', 'Phạm Văn Bình', '--agency', 'Sở TT&TT', '--json'], env);
    expect(add.code).toBe(0);
    const officer = JSON.parse(add.stdout) as { id: number; agency: string; role: string; locale: string };
    expect(officer).toMatchObject({ agency: 'Sở Thông tin và Truyền thông', role: 'officer', locale: 'vi' });
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'officers-'));
    const good = path.join(dir, 'good.csv');
    writeFileSync(
      good,
      '\uFEFFHọ tên,Cơ quan,Vai trò,Ngôn ngữ\nNguyễn Thị Hoa,Công an tỉnh,officer,vi\nJohn Tran,SYT,committee,en\n',
    );
    const imported = cli(['officer', 'import', good, '--json'], env);
    expect(imported.code).toBe(0);
    expect(
      (JSON.parse(imported.stdout) as Array<{ agency: string; role: string }>).map((o) => [o.agency, o.role]),
    ).toEqual([
      ['Công an tỉnh', 'officer'],
      ['Sở Y tế', 'committee'],
    ]);
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'Họ tên,Cơ quan\nA,Bộ Không Tồn Tại\nB,Sở Y tế\n');
    const before = await t.db.officer.count();
    const refused = cli(['officer', 'import', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/row 2/u);
    expect(await t.db.officer.count()).toBe(before);
    const invite = cli(['invite', String(officer.id), '--json'], {
      ...env,
      TELEGRAM_BOT_USERNAME: 'de_an_06_bot',
    });
    expect(invite.code).toBe(0);
    const code = JSON.parse(invite.stdout) as { code: string; expiresAt: string; telegramLink: string };
    expect(code.code).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/u);
    expect(code.telegramLink).toBe(`https://t.me/de_an_06_bot?start=${code.code}`);
    expect(cli(['invite', '999999'], env).code).toBe(1);
    // A plan to list (the same file the import test loads: when the whole file runs, it is unchanged).
    expect(cli(['import', path.join(FIXTURES, '004_6c047a4e24216869.txt')], env).code).toBe(0);
    const tasks = cli(['tasks', '--json'], env);
    expect(tasks.code).toBe(0);
    const rows = JSON.parse(tasks.stdout) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining([
        'code',
        'title',
        'lead',
        'due',
        'status',
        'progress',
        'result',
        'blocker',
        'reportedAt',
        'overdueDays',
      ]),
    );
  }, 120_000);

  it('GIVEN a wrong call THEN exit 2 with usage', () => {
    expect(cli(['import'], env).code).toBe(2);
    expect(cli(['no-such-command'], env).code).toBe(2);
    expect(cli(['--help'], env).code).toBe(0);
  });
});
