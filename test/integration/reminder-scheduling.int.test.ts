/**
 * The planner against PostgreSQL and the real outbox: exactly once under re-runs, concurrent planners
 * and a crash between storing and queueing; suppression by a report; leave, deputies, successors,
 * officers without a chat, agencies without officers, per-plan policies and escalation routing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { vnInstant } from '../../domain/calendar/working-time.ts';
import {
  agencyId,
  CALENDAR_2025,
  createOfficerWithChat,
  createPlan,
  createTask,
  report,
} from '../../handlers/reminders/reminders.test-support.ts';
import { routeDayReminders } from '../../handlers/reminders/route-day-reminders.ts';
import {
  type ReminderSchedulerDeps,
  reminderRowKey,
  scheduleAndQueueReminders,
} from '../../handlers/reminders/schedule-and-queue-reminders.ts';
import { createPrismaClient } from '../../store/prisma-client.ts';
import { insertReminders } from '../../store/reminders.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createTestOutboxQueue,
  reminderSchedulerDeps,
  type TestOutboxQueue,
} from '../support/reminder-outbox.ts';

const DAY = '2025-03-20'; // a Thursday
const AT = vnInstant(DAY, '07:30');

describe('scheduleAndQueueReminders', () => {
  let t: TestDatabase;
  let outbox: TestOutboxQueue;
  let deps: ReminderSchedulerDeps;
  let police: number;
  let planId: number;

  beforeAll(() => {
    outbox = createTestOutboxQueue();
  });
  afterAll(async () => {
    await outbox.close();
  });
  beforeEach(async () => {
    t = await createTestDatabase();
    deps = reminderSchedulerDeps(t.db, outbox.queue);
    police = await agencyId(t.db, 'Công an tỉnh');
    planId = await createPlan(t.db);
  });
  afterEach(async () => {
    await t.drop();
  });

  const recipients = async () =>
    (await t.db.reminder.findMany({ include: { officer: true, task: true }, orderBy: { id: 'asc' } }))
      .map((r) => `${r.officer.name}:${r.task.code}:${r.kind}:${r.state}`)
      .sort();

  it('GIVEN two planners on separate connections at once THEN each reminder and message exists once', async () => {
    for (let i = 1; i <= 4; i++)
      await createOfficerWithChat(t.db, { name: `O${i}`, agencyId: police, chatId: `80${i}` });
    for (const code of ['1', '2', '3']) await createTask(t.db, planId, { code, due: DAY, lead: [police] });
    const other = createPrismaClient({ databaseUrl: t.url, maxConnections: 5 });
    try {
      const [a, b] = await Promise.all([
        scheduleAndQueueReminders(deps, AT),
        scheduleAndQueueReminders(reminderSchedulerDeps(other, outbox.queue), AT),
      ]);
      expect(a.remindersCreated + b.remindersCreated).toBe(12);
      expect(a.messages.created + b.messages.created).toBe(4);
    } finally {
      await other.$disconnect();
    }
    expect(await t.db.reminder.count({ where: { state: 'queued' } })).toBe(12);
    const deliveries = await t.db.delivery.findMany();
    expect(deliveries).toHaveLength(4);
    for (const d of deliveries)
      expect((d.payload as { context: { taskIds: number[] } }).context.taskIds).toHaveLength(3);
  });

  it('GIVEN a run that stored its reminders and died before queueing THEN the next run queues them', async () => {
    await createOfficerWithChat(t.db, { name: 'O1', agencyId: police, chatId: '801' });
    await createTask(t.db, planId, { code: '1', due: DAY, lead: [police] });
    // The crash: the rows of the day are stored, the outbox never reached.
    const plan = await routeDayReminders({ db: t.db, calendar: CALENDAR_2025 }, AT);
    await insertReminders(
      t.db,
      plan.reminders.map((r) => ({
        taskId: r.taskId,
        officerId: r.officerId!,
        kind: r.kind,
        day: DAY,
        sendAt: AT,
        dedupKey: reminderRowKey({ ...r, officerId: r.officerId! }, DAY),
        state: 'planned' as const,
      })),
    );
    expect(await t.db.delivery.count()).toBe(0);
    const rerun = await scheduleAndQueueReminders(deps, AT);
    expect(rerun.remindersCreated).toBe(0);
    expect(rerun.messages.created).toBe(1);
    expect(await recipients()).toEqual(['O1:1:T0:queued']);
  });

  it('GIVEN a report received this morning THEN that task is not reminded today, others are', async () => {
    const officer = await createOfficerWithChat(t.db, { name: 'O1', agencyId: police, chatId: '801' });
    const reported = await createTask(t.db, planId, { code: '1', due: DAY, lead: [police] });
    await createTask(t.db, planId, { code: '2', due: DAY, lead: [police] });
    await report(t.db, {
      taskId: reported,
      officerId: officer,
      day: DAY,
      time: '07:10',
      status: 'in_progress',
    });
    await scheduleAndQueueReminders(deps, AT);
    expect(await recipients()).toEqual(['O1:2:T0:queued']);
  });

  it('GIVEN an officer on leave with a deputy and a paused one without THEN the deputy and the colleagues get them', async () => {
    const deputy = await createOfficerWithChat(t.db, { name: 'Deputy', agencyId: police, chatId: '802' });
    await createOfficerWithChat(t.db, { name: 'OnLeave', agencyId: police, chatId: '801' });
    await t.db.officer.updateMany({
      where: { name: 'OnLeave' },
      data: { leaveUntil: new Date(`${DAY}T00:00:00Z`), deputyId: deputy },
    });
    await createTask(t.db, planId, { code: '1', due: DAY, lead: [police] });
    const health = await agencyId(t.db, 'Sở Y tế');
    await createOfficerWithChat(t.db, { name: 'Paused', agencyId: health, chatId: '803' });
    await createOfficerWithChat(t.db, { name: 'Colleague', agencyId: health, chatId: '804' });
    await t.db.officer.updateMany({ where: { name: 'Paused' }, data: { paused: true } });
    await createTask(t.db, planId, { code: '2', due: DAY, lead: [health] });
    await scheduleAndQueueReminders(deps, AT);
    expect(await recipients()).toEqual(['Colleague:2:T0:queued', 'Deputy:1:T0:queued']);
    // The day after the leave the officer is reminded again (T0 of a task due the next day).
    await createTask(t.db, planId, { code: '3', due: '2025-03-21', lead: [police] });
    await scheduleAndQueueReminders(deps, vnInstant('2025-03-21', '07:30'));
    expect(await recipients()).toContain('OnLeave:3:T0:queued');
  });

  it('GIVEN a task of Sở TT&TT THEN the officer of Sở KH&CN gets it', async () => {
    const ict = await agencyId(t.db, 'Sở TT&TT');
    const science = await agencyId(t.db, 'Sở Khoa học và Công nghệ');
    await createOfficerWithChat(t.db, { name: 'KHCN', agencyId: science, chatId: '801' });
    await createTask(t.db, planId, { code: '1', due: DAY, lead: [ict] });
    const out = await scheduleAndQueueReminders(deps, AT);
    expect(out.lines).toEqual([
      {
        task: '1',
        officer: 'KHCN',
        agency: 'Sở Khoa học và Công nghệ',
        channel: 'telegram',
        kind: 'T0',
        dueDate: DAY,
      },
    ]);
  });

  it('GIVEN an officer without a chat and an agency without officers THEN undeliverable rows and a line for nobody', async () => {
    await createOfficerWithChat(t.db, { name: 'NoChat', agencyId: police });
    const health = await agencyId(t.db, 'Sở Y tế');
    await createTask(t.db, planId, { code: '1', due: DAY, lead: [police] });
    await createTask(t.db, planId, { code: '2', due: DAY, lead: [health] });
    const dry = await scheduleAndQueueReminders(deps, AT, { dryRun: true });
    expect(dry.lines.map((l) => [l.task, l.officer, l.agency, l.channel])).toEqual([
      ['1', 'NoChat', 'Công an tỉnh', null],
      ['2', null, 'Sở Y tế', null],
    ]);
    expect(await t.db.reminder.count()).toBe(0);
    await scheduleAndQueueReminders(deps, AT);
    expect(await recipients()).toEqual(['NoChat:1:T0:undeliverable']);
    expect(await t.db.delivery.count()).toBe(0);
  });

  it('GIVEN a plan policy without T0 and an escalation THEN the policy applies and the head is told too', async () => {
    await createOfficerWithChat(t.db, { name: 'Focal', agencyId: police, chatId: '801' });
    await createOfficerWithChat(t.db, { name: 'Head', agencyId: police, chatId: '802', isHead: true });
    await t.db.plan.update({
      where: { id: planId },
      data: { reminderPolicy: { beforeDays: [14, 7], escalateAfter: 0 } },
    });
    await createTask(t.db, planId, { code: '1', due: DAY, lead: [police] });
    await createTask(t.db, planId, { code: '2', due: '2025-03-19', lead: [police] });
    await scheduleAndQueueReminders(deps, AT);
    expect(await recipients()).toEqual([
      'Focal:2:escalation:queued',
      'Focal:2:overdue:queued',
      'Head:2:escalation:queued',
    ]);
  });

  it('GIVEN a weekend or Tết day THEN nothing is planned', async () => {
    await createOfficerWithChat(t.db, { name: 'O1', agencyId: police, chatId: '801' });
    await createTask(t.db, planId, { code: '1', due: '2025-03-22', lead: [police] });
    await createTask(t.db, planId, { code: '2', due: '2025-01-30', lead: [police] });
    for (const day of ['2025-03-22', '2025-01-28', '2025-01-30']) {
      const out = await scheduleAndQueueReminders(deps, vnInstant(day, '07:30'));
      expect(out.lines, day).toEqual([]);
    }
    expect(await t.db.reminder.count()).toBe(0);
  });
});
