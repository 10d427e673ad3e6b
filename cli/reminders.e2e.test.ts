/**
 * `remind --dry-run --json` and `deliveries --json` as a process: the documented JSON contracts, and a
 * dry run writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, workCalendarOf } from '../app/config.ts';
import { CHANNELS } from '../handlers/channel.ts';
import {
  agencyId,
  createOfficerWithChat,
  createPlan,
  createTask,
} from '../handlers/reminders/reminders.test-support.ts';
import { scheduleAndQueueReminders } from '../handlers/reminders/schedule-and-queue-reminders.ts';
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

/**
 * Issue 15 item 8: the CLI plans with the service's working-day calendar (WORK_EXTRA_DAYS_OFF,
 * WORK_EXTRA_WORKING_DAYS), not the bare default one.
 */
describe('npm run cli -- remind with WORK_EXTRA_* days', () => {
  let t: TestDatabase;
  let base: Record<string, string>;
  beforeAll(async () => {
    t = await createTestDatabase();
    base = { DATABASE_URL: t.url };
    const police = await agencyId(t.db, 'Công an tỉnh');
    const planId = await createPlan(t.db, 'calendar-plan');
    await createOfficerWithChat(t.db, { name: 'Linked', agencyId: police, chatId: '9101' });
    // Thursday 20/3/2025 and Saturday 22/3/2025.
    await createTask(t.db, planId, { code: '20', due: '2025-03-20', lead: [police] });
    await createTask(t.db, planId, { code: '22', due: '2025-03-22', lead: [police] });
  });
  afterAll(async () => {
    await t.drop();
  });

  const dryRun = (at: string, env: Record<string, string>) => {
    const run = cli(['remind', '--at', at, '--dry-run', '--json'], { ...base, ...env });
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as Array<{ task: string; kind: string }>;
  };
  /** What the service's planner plans with the same environment (its calendar from the same config). */
  const servicePlans = async (at: string, env: Record<string, string>) => {
    const parsed = parseConfig({ ...base, ...env });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const outcome = await scheduleAndQueueReminders(
      {
        db: t.db,
        outbox: { enqueue: () => Promise.reject(new Error('dry run')) },
        sendTime: parsed.config.reminderSendTime,
        calendar: workCalendarOf(parsed.config),
        channels: new Set(CHANNELS),
      },
      new Date(at),
      { dryRun: true },
    );
    return JSON.parse(JSON.stringify(outcome.lines)) as unknown;
  };

  it('GIVEN no extra days THEN Thursday 20/3 has its T0 and Saturday 22/3 plans nothing', () => {
    expect(dryRun('2025-03-20T07:30:00+07:00', {}).map((l) => `${l.task}:${l.kind}`)).toContain('20:T0');
    expect(dryRun('2025-03-22T07:30:00+07:00', {})).toEqual([]);
  }, 120_000);

  it('GIVEN WORK_EXTRA_DAYS_OFF=2025-03-20 THEN that day plans nothing and the T0 moves as the service moves it', async () => {
    const env = { WORK_EXTRA_DAYS_OFF: '2025-03-20' };
    expect(dryRun('2025-03-20T07:30:00+07:00', env)).toEqual([]);
    const dayBefore = dryRun('2025-03-19T07:30:00+07:00', env);
    expect(dayBefore.map((l) => `${l.task}:${l.kind}`)).toContain('20:T0');
    expect(dayBefore).toEqual(await servicePlans('2025-03-19T07:30:00+07:00', env));
    // Without the day off, 19/3 is not the T0 of task 20.
    expect(dryRun('2025-03-19T07:30:00+07:00', {}).map((l) => `${l.task}:${l.kind}`)).not.toContain('20:T0');
  }, 120_000);

  it('GIVEN WORK_EXTRA_WORKING_DAYS=2025-03-22 (a make-up Saturday) THEN that Saturday plans, as the service does', async () => {
    const env = { WORK_EXTRA_WORKING_DAYS: '2025-03-22' };
    const saturday = dryRun('2025-03-22T07:30:00+07:00', env);
    expect(saturday.map((l) => `${l.task}:${l.kind}`)).toContain('22:T0');
    expect(saturday).toEqual(await servicePlans('2025-03-22T07:30:00+07:00', env));
  }, 120_000);
});
