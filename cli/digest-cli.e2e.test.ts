/**
 * `npm run cli -- digest` as a process: the `--json` contract over the scripted history, the files it
 * writes (read back: XLSX with exceljs, PNG signature, DOCX as a zip with word/document.xml), and
 * `--send` storing the period's digest once and queueing it to the committee.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAgencyId } from '../store/agencies.ts';
import { createOfficer } from '../store/officers.ts';
import { runCli } from '../test/support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/db.ts';
import { DIGEST_AS_OF, seedDigestHistory } from '../test/support/digest-seed.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../test/support/redis.ts';

const cli = (args: string[], env: Record<string, string>) => runCli(args, env, 90_000);

describe('npm run cli -- digest', () => {
  let t: TestDatabase;
  let env: Record<string, string>;
  let dir: string;
  const prefix = uniquePrefix();
  const at = DIGEST_AS_OF.toISOString();

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDigestHistory(t.db);
    env = { DATABASE_URL: t.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix };
    dir = mkdtempSync(path.join(tmpdir(), 'digest-cli-'));
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    const redis = createTestRedis();
    await deletePrefix(redis, prefix);
    await redis.quit();
    await t?.drop();
  });

  it('GIVEN --json THEN the documented contract with the hand-counted totals, and nothing stored', async () => {
    const run = cli(['digest', '--at', at, '--json'], env);
    expect(run.stderr).not.toMatch(/Failed/u);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown> & {
      totals: Record<string, number>;
      overdue: Array<{ code: string; daysOverdue: number; lead: string[] }>;
      blockers: Array<{ code: string; officerName: string; agencyName: string }>;
    };
    expect(Object.keys(out).slice(0, 10)).toEqual([
      'kind',
      'period',
      'asOf',
      'totals',
      'groups',
      'overdue',
      'dueSoon',
      'blockers',
      'silentAgencies',
      'changes',
    ]);
    expect(out).toMatchObject({
      kind: 'weekly',
      period: { from: '2024-06-21T10:00:00.000Z', to: at },
    });
    expect(Object.keys(out.totals)).toEqual(
      expect.arrayContaining([
        'tasks',
        'done',
        'in_progress',
        'blocked',
        'waiting_central',
        'not_started',
        'overdue',
        'done_on_time',
        'done_late',
        'within_deadline',
      ]),
    );
    expect(out.totals).toMatchObject({ tasks: 42, done: 2, overdue: 16, within_deadline: 6, done_late: 1 });
    expect(out.overdue.find((o) => o.code === '41')).toMatchObject({
      daysOverdue: 89,
      lead: ['Sở Khoa học và Công nghệ'],
    });
    expect(out.blockers).toEqual([expect.objectContaining({ code: '41', officerName: 'Trần Khoa Học' })]);
    expect(await t.db.digest.count()).toBe(0);
  });

  it('GIVEN --kind quarterly --xlsx --png --docx THEN three valid files', async () => {
    const files = {
      xlsx: path.join(dir, 'q.xlsx'),
      png: path.join(dir, 'q.png'),
      docx: path.join(dir, 'q.docx'),
    };
    const run = cli(
      [
        'digest',
        '--at',
        at,
        '--kind',
        'quarterly',
        '--xlsx',
        files.xlsx,
        '--png',
        files.png,
        '--docx',
        files.docx,
      ],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Báo cáo quý Đề án 06/u);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(files.xlsx) as unknown as ExcelJS.Buffer);
    expect(String(workbook.worksheets[0]?.getCell('A3').value)).toMatch(/^Hoàn thành 2\/42/u);
    expect(readFileSync(files.png).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const docx = await JSZip.loadAsync(readFileSync(files.docx));
    expect(await docx.file('word/document.xml')?.async('string')).toMatch(/Đề án 06/u);
  });

  it('GIVEN a bad --at or --kind THEN a usage error (exit 2)', () => {
    const badAt = cli(['digest', '--at', 'yesterday'], env);
    expect(badAt.code).toBe(2);
    expect(badAt.stderr).toMatch(/--at must be an ISO 8601 instant/u);
    expect(cli(['digest', '--kind', 'daily'], env).code).toBe(2);
  });

  it('GIVEN --send twice THEN one stored digest and the committee chat queued once', async () => {
    const vpub = await resolveAgencyId(t.db, 'VP UBND tỉnh');
    const member = await createOfficer(t.db, {
      name: 'Nguyễn Chỉ Đạo',
      agencyId: vpub!.id,
      role: 'committee',
      locale: 'vi',
    });
    await t.db.channelIdentity.create({
      data: { channel: 'telegram', chatId: '9001', officerId: member.id },
    });
    const first = cli(['digest', '--at', at, '--send'], env);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Digest 2024-W26: \d+ messages queued to 1 chats/u);
    const second = cli(['digest', '--at', at, '--send'], env);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/: 0 messages queued to 1 chats/u);
    expect(await t.db.digest.count()).toBe(1);
    const keys = (await t.db.delivery.findMany({ orderBy: { id: 'asc' } })).map((d) => d.dedupKey);
    expect(keys[0]).toBe('digest-weekly-2024-W26-telegram-9001-chart');
    expect(keys.at(-1)).toBe('digest-weekly-2024-W26-telegram-9001-xlsx');
  }, 90_000);
});
