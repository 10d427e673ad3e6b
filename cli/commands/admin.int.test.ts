/**
 * CLI parity of the administration commands against PostgreSQL: pause/resume, assign import, export,
 * extend and audit run in-process (exit codes from the errors they raise), and once through the real
 * `npm run cli` process to show they are registered and map to exit codes 0, 1 and 2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { runCli } from '../../test/support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { type CliContext, CliError } from '../context.ts';
import { registerAdmin } from './admin.ts';

const SEED = path.resolve(import.meta.dirname, '../../domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt');

describe('admin CLI', () => {
  let t: TestDatabase;
  const dir = mkdtempSync(path.join(tmpdir(), 'admin-cli-'));

  async function run(args: string[]): Promise<{ code: number; out: string; error: string }> {
    const out: string[] = [];
    const ctx: CliContext = {
      db: async () => t.db,
      out: (s) => void out.push(s),
      json: (v) => void out.push(JSON.stringify(v)),
      progress: () => {},
      env: () => undefined,
      close: async () => {},
    };
    const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerAdmin(program, ctx);
    try {
      await program.parseAsync(args, { from: 'user' });
      return { code: 0, out: out.join('\n'), error: '' };
    } catch (error) {
      if (error instanceof CliError)
        return { code: error.exitCode, out: out.join('\n'), error: error.message };
      if (error instanceof CommanderError) return { code: 2, out: out.join('\n'), error: error.message };
      throw error;
    }
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    await importPlan(t.db, { bytes: readFileSync(SEED), fileName: '003.txt', dryRun: false });
  });
  afterAll(async () => {
    await t.drop();
  });

  it('GIVEN pause/resume THEN the flag flips and is audited; an unknown kind is a usage error, an unknown id invalid', async () => {
    expect((await run(['pause', 'task', '7'])).code).toBe(0);
    expect((await t.db.task.findFirstOrThrow({ where: { code: '7' } })).paused).toBe(true);
    expect((await run(['resume', 'task', '7'])).code).toBe(0);
    expect((await t.db.task.findFirstOrThrow({ where: { code: '7' } })).paused).toBe(false);
    const plan = await t.db.plan.findFirstOrThrow();
    expect((await run(['pause', 'plan', String(plan.id)])).out).toMatch(/^Paused plan/u);
    expect((await t.db.plan.findFirstOrThrow()).paused).toBe(true);
    expect(
      await t.db.auditLog.count({
        where: { actorLabel: 'cli', action: { in: ['task.pause', 'task.resume', 'plan.pause'] } },
      }),
    ).toBe(3);
    expect((await run(['pause', 'moon', '1'])).code).toBe(2);
    expect((await run(['pause', 'officer', '999'])).code).toBe(1);
    expect((await run(['resume', 'task', '999'])).code).toBe(1);
  });

  it('GIVEN assign import THEN agencies are replaced; one unknown agency writes nothing (exit 1)', async () => {
    const good = path.join(dir, 'assign.csv');
    writeFileSync(good, 'Mã nhiệm vụ,Chủ trì,Phối hợp\n5,Sở Y tế;Công an tỉnh,Sở Tư pháp\n6,Sở Tài chính,\n');
    expect(await run(['assign', 'import', good])).toMatchObject({ code: 0, out: 'Assigned 2 tasks.' });
    const t5 = await t.db.task.findFirstOrThrow({
      where: { code: '5' },
      include: { agencies: { include: { agency: true } } },
    });
    expect(
      t5.agencies
        .filter((a) => a.role === 'lead')
        .map((a) => a.agency.name)
        .sort(),
    ).toEqual(['Công an tỉnh', 'Sở Y tế']);
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'code,lead\n6,Sở Y tế\n7,Sở Không Có\n');
    const result = await run(['assign', 'import', bad]);
    expect(result).toMatchObject({ code: 1 });
    expect(result.error).toMatch(/Row 3: unknown agency "Sở Không Có"/u);
    const t6 = await t.db.task.findFirstOrThrow({
      where: { code: '6' },
      include: { agencies: { include: { agency: true } } },
    });
    expect(t6.agencies.filter((a) => a.role === 'lead').map((a) => a.agency.name)).toEqual(['Sở Tài chính']);
  });

  it('GIVEN extend THEN the deadline moves and the original is kept; a bad date is a usage error', async () => {
    const before = await t.db.task.findFirstOrThrow({ where: { code: '2' } });
    expect((await run(['extend', '2', '2031-03-31', '--reason', 'Chờ kinh phí'])).code).toBe(0);
    const after = await t.db.task.findFirstOrThrow({ where: { code: '2' } });
    expect(after.dueDate?.toISOString().slice(0, 10)).toBe('2031-03-31');
    expect(after.originalDueDate).toEqual(before.originalDueDate);
    expect((await run(['extend', '2', '31/03/2031', '--reason', 'x y z'])).code).toBe(2);
    expect((await run(['extend', '2', '2031-03-31'])).code).toBe(2);
    expect((await run(['extend', '999', '2031-03-31', '--reason', 'Chờ kinh phí'])).code).toBe(1);
  });

  it('GIVEN export --xlsx THEN a workbook with every task; audit --json lists the changes', async () => {
    const file = path.join(dir, 'state.xlsx');
    expect((await run(['export', '--xlsx', file])).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets[0]!.rowCount).toBe(43);
    expect((await run(['export'])).code).toBe(2);
    const audit = JSON.parse((await run(['audit', '--json'])).out) as Array<{
      action: string;
      actorLabel: string;
    }>;
    expect(audit[0]).toMatchObject({ action: 'task.extend', actorLabel: 'cli' });
    expect(audit.map((a) => a.action)).toContain('task.assign');
  });

  it('GIVEN the real CLI process THEN the commands are registered with exit codes 0, 1 and 2', () => {
    const cli = (args: string[]) => runCli(args, { DATABASE_URL: t.url }).code;
    expect(cli(['audit', '--json', '--limit', '1'])).toBe(0);
    expect(cli(['pause', 'officer', '4242'])).toBe(1);
    expect(cli(['pause'])).toBe(2);
  });
});
