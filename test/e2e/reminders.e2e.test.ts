/**
 * Reminders end to end: the whole service in-process against the fake Telegram server, real PostgreSQL
 * and Redis. An officer links their chat, the day's planning job runs in the planning worker, and the
 * grouped reminder arrives once, with report buttons for each task; re-planning sends nothing more;
 * /nghiphep records leave in chat.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnInstant } from '../../domain/calendar/working-time.ts';
import { planAndQueueReminders } from '../../handlers/reminders/plan-reminders-for-day.ts';
import { agencyId, createPlan, createTask } from '../../handlers/reminders/reminders.test-support.ts';
import { PLANNING_QUEUE } from '../../jobs/catalog.ts';
import { redisConnectionOptions } from '../../jobs/queues.ts';
import { addPlanningJob, type PlanningQueue } from '../../jobs/reminders/planning-queue.ts';
import { createInvite, createOfficer } from '../../store/officers.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from '../support/app.ts';
import { TEST_REDIS_URL } from '../support/redis.ts';

const DAY = '2025-03-20';
const USER = { id: 6101, first_name: 'Hà', language_code: 'vi' };
type Sent = { chat_id?: unknown; text?: unknown; reply_markup?: unknown; disable_notification?: unknown };

describe('reminders on Telegram', () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let planning: PlanningQueue;
  let officerId: number;

  const reminders = () =>
    fake
      .sent(USER.id)
      .filter((c) => c.method === 'sendMessage' && /^Nhắc việc/u.test(String((c.params as Sent).text)));
  const textTo = (pattern: RegExp) =>
    fake.waitFor(
      (c) =>
        c.method === 'sendMessage' &&
        String((c.params as Sent).chat_id) === String(USER.id) &&
        pattern.test(String((c.params as Sent).text)),
      15_000,
    );

  beforeAll(async () => {
    fake = await startFakeTelegramServer({ token: TEST_BOT_TOKEN });
    // Before the day's planning time: the start-up catch-up has nothing to run.
    app = await startTestApp({ telegram: fake, now: vnInstant(DAY, '06:00') });
    const db = app.database.db;
    const police = await agencyId(db, 'Công an tỉnh');
    const planId = await createPlan(db);
    await createTask(db, planId, { code: '1', due: DAY, lead: [police] });
    await createTask(db, planId, { code: '2', due: '2025-03-27', lead: [police] });
    officerId = (
      await createOfficer(db, { name: 'Nguyễn Thu Hà', agencyId: police, role: 'officer', locale: 'vi' })
    ).id;
    const { code } = await createInvite(db, { officerId, purpose: 'officer', now: app.now.value });
    fake.injectText(USER, `/start ${code}`);
    await textTo(/Xin chào Nguyễn Thu Hà/u);
    planning = new Queue(PLANNING_QUEUE, {
      connection: redisConnectionOptions(TEST_REDIS_URL),
      prefix: String(app.runtime.queues.outbox.opts.prefix),
    });
  }, 60_000);

  afterAll(async () => {
    await planning?.close();
    await app?.close();
    await fake?.close();
  });

  it('GIVEN the planning job of the day THEN one grouped reminder arrives with buttons for each task', async () => {
    app.now.value = vnInstant(DAY, '07:31');
    expect(await addPlanningJob(planning, DAY)).toBe(true);
    const sent = await textTo(/^Nhắc việc Đề án 06: 2 nhiệm vụ/u);
    const text = String((sent.params as Sent).text);
    expect(text).toMatch(/#1 Nhiệm vụ 1[\s\S]*#2 Nhiệm vụ 2/u);
    const keyboard = JSON.stringify((sent.params as Sent).reply_markup);
    for (const payload of ['#1 xong', '#1 dang', '#2 xong', '#2 vuong']) expect(keyboard).toContain(payload);
    expect(await addPlanningJob(planning, DAY)).toBe(false);
    // The Reminder rows follow their delivery: sent once the message went out.
    const deadline = Date.now() + 10_000;
    let states: string[] = [];
    while (Date.now() < deadline) {
      states = (await app.database.db.reminder.findMany({ select: { state: true } })).map((r) => r.state);
      if (states.length > 0 && states.every((s) => s === 'sent')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states)).toEqual(new Set(['sent']));
  });

  it('GIVEN the day planned again THEN nothing more is sent', async () => {
    const again = await planAndQueueReminders(
      { db: app.database.db, outbox: app.runtime.outbox, sendTime: '08:30', channels: new Set(['telegram']) },
      app.now.value,
    );
    expect(again.messages).toEqual({ created: 0, duplicates: 1 });
    // A later answer in the same chat: anything queued before it has had its turn.
    fake.injectText(USER, '/nghiphep 21/03/2025');
    await textTo(/Đã ghi nhận nghỉ phép đến hết ngày 21\/03\/2025/u);
    expect(reminders()).toHaveLength(1);
    const officer = await app.database.db.officer.findUniqueOrThrow({ where: { id: officerId } });
    expect(officer.leaveUntil?.toISOString().slice(0, 10)).toBe('2025-03-21');
  });

  it('GIVEN /nghiphep with a bad date or a stranger as deputy THEN the usage or the reason, nothing recorded', async () => {
    fake.injectText(USER, '/nghiphep 31/02/2025');
    await textTo(/"31\/02\/2025" không phải ngày hợp lệ/u);
    fake.injectText(USER, '/nghiphep 25/03/2025 Trần Văn Không Có');
    await textTo(/Không tìm thấy cán bộ "Trần Văn Không Có"/u);
    fake.injectText(USER, '/nghiphep off');
    await textTo(/Đã kết thúc nghỉ phép/u);
    const officer = await app.database.db.officer.findUniqueOrThrow({ where: { id: officerId } });
    expect(officer.leaveUntil).toBeNull();
  });
});
