/**
 * `remind --dry-run --json` and `deliveries --json` as a process: the documented JSON contracts, and a
 * dry run writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyId,
  createOfficerWithChat,
  createPlan,
  createTask,
} from '../handlers/reminders/reminders.test-support.ts';
import { runCli } from '../test/support/cli.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/db.ts';

const cli = (args: string[], env: Record<string, string>) => runCli(args, env);

describe('npm run cli -- remind / deliveries', () => {
  let t: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await createTestDatabase();
    env = { DATABASE_URL: t.url };
    const police = await agencyId(t.db, 'Công an tỉnh');
    const health = await agencyId(t.db, 'Sở Y tế');
    const planId = await createPlan(t.db);
    await createOfficerWithChat(t.db, { name: 'Linked', agencyId: police, chatId: '9001' });
    await createOfficerWithChat(t.db, { name: 'Unlinked', agencyId: police });
    await createTask(t.db, planId, { code: '12', due: '2025-03-20', lead: [police] });
    await createTask(t.db, planId, { code: '13', due: '2025-03-27', lead: [health] });
  });
  afterAll(async () => {
    await t.drop();
  });

  it('GIVEN remind --dry-run --json THEN the documented lines, nobody for an agency without officers, nothing written', async () => {
    const run = cli(['remind', '--at', '2025-03-20T07:30:00+07:00', '--dry-run', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        task: '12',
        officer: 'Linked',
        agency: 'Công an tỉnh',
        channel: 'telegram',
        kind: 'T0',
        dueDate: '2025-03-20',
      },
      {
        task: '12',
        officer: 'Unlinked',
        agency: 'Công an tỉnh',
        channel: null,
        kind: 'T0',
        dueDate: '2025-03-20',
      },
      { task: '13', officer: null, agency: 'Sở Y tế', channel: null, kind: 'T-7', dueDate: '2025-03-27' },
    ]);
    expect(await t.db.reminder.count()).toBe(0);
    expect(await t.db.delivery.count()).toBe(0);
  });

  it('GIVEN a bad --at THEN a usage error', () => {
    const run = cli(['remind', '--at', '20/03/2025', '--dry-run'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--at takes an ISO instant/u);
  });

  it('GIVEN deliveries --failed --json THEN state, attempts and a scrubbed error, never the message', async () => {
    await t.db.delivery.create({
      data: {
        dedupKey: 'cli-test-1',
        kind: 'reminder',
        channel: 'telegram',
        chatId: '9001',
        payload: { to: { channel: 'telegram', chatId: '9001' }, message: { text: 'SECRET BODY' } },
        state: 'failed',
        attempts: 8,
        lastError:
          'POST https://api.telegram.org/bot123456789:AAHtestTokenForTheFakeBotApiServer/sendMessage 500',
      },
    });
    const run = cli(['deliveries', '--failed', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      expect.objectContaining({
        kind: 'reminder',
        channel: 'telegram',
        state: 'failed',
        attempts: 8,
        officer: null,
      }),
    ]);
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ['attempts', 'channel', 'createdAt', 'id', 'kind', 'lastError', 'officer', 'sentAt', 'state'].sort(),
    );
    expect(run.stdout).not.toContain('SECRET BODY');
    expect(run.stdout).not.toContain('AAHtestToken');
  });
});
