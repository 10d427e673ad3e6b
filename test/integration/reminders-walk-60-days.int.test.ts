/**
 * The 60-day walk of domain/reminder/walk-60-days.test.ts, through the store and the real outbox: a
 * synthetic plan in PostgreSQL, officers linked on Telegram, the planner run every simulated morning
 * (twice: re-planning a day adds nothing), reports recorded as officers would send them. The expected
 * reminders and messages are complete: any extra or missing one fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/calendar/civil-date.ts';
import { vnInstant } from '../../domain/calendar/working-time.ts';
import {
  agencyId,
  createOfficerWithChat,
  createPlan,
  createTask,
  report,
} from '../../handlers/reminders/reminders.test-support.ts';
import { scheduleAndQueueReminders } from '../../handlers/reminders/schedule-and-queue-reminders.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createTestOutboxQueue,
  reminderSchedulerDeps,
  type TestOutboxQueue,
} from '../support/reminder-outbox.ts';

// [day, officer, task, kind]: P = Công an tỉnh, K = Sở KH&CN (successor of Sở TT&TT), Y = Sở Y tế.
const EXPECTED: Array<[string, string, string, string]> = [
  ['2025-01-10', 'P', 'D', 'monthly'],
  ['2025-01-13', 'P', 'A', 'T-7'],
  ['2025-01-14', 'P', 'D', 'monthly'],
  ['2025-01-15', 'P', 'A', 'T-3'],
  ['2025-01-15', 'P', 'C', 'T-14'],
  ['2025-01-17', 'P', 'A', 'T0'],
  ['2025-01-20', 'P', 'A', 'overdue'],
  ['2025-01-21', 'Y', 'C', 'support-input'],
  ['2025-01-22', 'K', 'B', 'T-14'],
  ['2025-01-22', 'P', 'C', 'T-7'],
  ['2025-01-24', 'P', 'C', 'T0'],
  ['2025-02-03', 'K', 'B', 'T-3'],
  ['2025-02-04', 'K', 'B', 'T-1'],
  ['2025-02-04', 'P', 'A', 'overdue'],
  ['2025-02-05', 'K', 'B', 'T0'],
  ['2025-02-07', 'P', 'A', 'escalation'],
  ['2025-02-07', 'P', 'A', 'overdue'],
  ['2025-02-10', 'P', 'D', 'monthly'],
  ['2025-02-11', 'Y', 'D', 'support-input'],
  ['2025-02-14', 'P', 'D', 'monthly'],
  ['2025-03-10', 'P', 'D', 'monthly'],
];

describe('60-day walk through the store (Tết 2025)', () => {
  let t: TestDatabase;
  let outbox: TestOutboxQueue;
  const officers = new Map<number, string>();
  const tasks = new Map<number, string>();
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestDatabase();
    outbox = createTestOutboxQueue();
    const db = t.db;
    const police = await agencyId(db, 'Công an tỉnh');
    const ict = await agencyId(db, 'Sở Thông tin và Truyền thông');
    const science = await agencyId(db, 'Sở Khoa học và Công nghệ');
    const health = await agencyId(db, 'Sở Y tế');
    const planId = await createPlan(db);
    for (const [name, agency, chat] of [
      ['P', police, '7001'],
      ['K', science, '7002'],
      ['Y', health, '7003'],
    ] as const) {
      ids[name] = await createOfficerWithChat(db, { name: `Cán bộ ${name}`, agencyId: agency, chatId: chat });
      officers.set(ids[name]!, name);
    }
    for (const spec of [
      { code: 'A', due: '2025-01-18', lead: [police] }, // due on a Saturday
      { code: 'B', due: '2025-02-05', lead: [ict], status: 'not_started' as const }, // named agency merged away
      { code: 'C', due: '2025-01-29', lead: [police], support: [health] }, // due on mùng 1 Tết
      { code: 'D', lead: [police], support: [health] }, // ongoing: the monthly cycle
      { code: 'F', due: '2025-02-20', lead: [police], status: 'done' as const },
      { code: 'G', due: '2025-01-20', lead: [police], paused: true },
    ]) {
      ids[spec.code] = await createTask(db, planId, spec);
      tasks.set(ids[spec.code]!, spec.code);
    }
  }, 60_000);

  afterAll(async () => {
    await outbox?.close();
    await t?.drop();
  });

  it('GIVEN the plan and the reports THEN exactly the expected reminders and one message per officer and day', async () => {
    const db = t.db;
    const deps = reminderSchedulerDeps(db, outbox.queue);
    const reports: Record<string, Array<[string, string, 'in_progress' | 'done', string?]>> = {
      '2025-01-21': [['C', 'Y', 'in_progress', 'đã góp ý dự thảo']], // support input for the lead
      '2025-01-23': [['A', 'P', 'in_progress']], // silences A's overdue reminder of the day
      '2025-02-03': [['C', 'P', 'done']],
      '2025-02-06': [['B', 'K', 'done']],
      '2025-02-10': [['A', 'P', 'done']],
    };
    for (let i = 0, day = '2025-01-10'; i < 60; i++, day = addDays(day, 1)) {
      // Status reports come in before the morning's planning, support input in the day (after it).
      const today = reports[day] ?? [];
      const send = async (morning: boolean) => {
        for (const [task, officer, status, result] of today.filter(
          ([, , , r]) => (r === undefined) === morning,
        ))
          await report(db, {
            taskId: ids[task]!,
            officerId: ids[officer]!,
            day,
            status,
            time: morning ? '07:00' : '10:00',
            ...(result ? { result } : {}),
          });
      };
      await send(true);
      const at = vnInstant(day, '07:30');
      const first = await scheduleAndQueueReminders(deps, at);
      const again = await scheduleAndQueueReminders(deps, at);
      expect(again.remindersCreated, day).toBe(0);
      expect(again.messages.created, day).toBe(0);
      expect(again.lines).toEqual(first.lines);
      await send(false);
    }

    const rows = await db.reminder.findMany({ orderBy: [{ dueDay: 'asc' }, { id: 'asc' }] });
    const seen = rows
      .map((r) => [
        r.dueDay.toISOString().slice(0, 10),
        officers.get(r.officerId),
        tasks.get(r.taskId),
        r.kind,
      ])
      .sort((a, b) => a.join().localeCompare(b.join()));
    expect(seen).toEqual([...EXPECTED].sort((a, b) => a.join().localeCompare(b.join())));
    expect(rows.every((r) => r.state === 'queued' && r.deliveryId !== null)).toBe(true);

    const deliveries = await db.delivery.findMany({ orderBy: { id: 'asc' } });
    const expectedMessages = new Map<string, Set<string>>();
    for (const [day, officer, task] of EXPECTED) {
      const key = `reminders-${ids[officer]}-${day.replaceAll('-', '')}`;
      expectedMessages.set(key, (expectedMessages.get(key) ?? new Set()).add(task));
    }
    expect(deliveries.map((d) => d.dedupKey).sort()).toEqual([...expectedMessages.keys()].sort());
    for (const d of deliveries) {
      const payload = d.payload as {
        context: { taskIds: number[] };
        message: { text: string; silent?: boolean };
      };
      expect(new Set(payload.context.taskIds.map((id) => tasks.get(id))), d.dedupKey).toEqual(
        expectedMessages.get(d.dedupKey),
      );
      expect(d.chatId).toBe(String(7000 + ['P', 'K', 'Y'].indexOf(officers.get(d.officerId!)!) + 1));
    }
    const text = (officer: string, day: string) => {
      const d = deliveries.find((x) => x.dedupKey === `reminders-${ids[officer]}-${day.replaceAll('-', '')}`);
      return d!.payload as {
        message: { text: string; silent?: boolean; buttons?: unknown[] };
        notBefore: string;
      };
    };
    // Early reminders go silent; the send time is REMINDER_SEND_TIME of the day.
    expect(text('K', '2025-01-22').message.silent).toBe(true);
    expect(text('P', '2025-01-15').message.silent).toBeUndefined();
    expect(text('P', '2025-01-15').notBefore).toBe(vnInstant('2025-01-15', '08:30').toISOString());
    // The lead sees what the cooperating agency sent since the last reminder.
    // (sent on 21/1 after the support request: shown on 22/1, not again on 24/1)
    expect(text('P', '2025-01-22').message.text).toMatch(/Sở Y tế: kết quả: đã góp ý dự thảo/u);
    expect(text('P', '2025-01-24').message.text).not.toMatch(/đã góp ý/u);
    // Escalation and overdue of one task make one block with one row of buttons per task.
    expect(text('P', '2025-02-07').message.text.match(/#A /gu)).toHaveLength(1);
  });
});
