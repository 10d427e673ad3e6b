/**
 * An officer's whole conversation on Telegram, against the fake Bot API server and the real PostgreSQL
 * and Redis: linking with an invite code, a reminder with buttons, a button press, typed replies with
 * and without diacritics, a refusal on another agency's task, a bad reply explained — in both locales.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { composeReminder } from '../../handlers/reminders/compose-reminder.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import { createInvite, createOfficer } from '../../store/officers.ts';
import { tasksByCode } from '../../store/tasks.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../fakes/telegram-api-server.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from '../support/app.ts';

const SEED = path.resolve(import.meta.dirname, '../../domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt');
const VI_USER = { id: 5001, first_name: 'Lan', language_code: 'vi' };
const EN_USER = { id: 5002, first_name: 'Minh', language_code: 'en' };

type Sent = { chat_id?: unknown; text?: unknown; reply_markup?: unknown };

describe('officer conversation on Telegram', () => {
  let fake: FakeTelegram;
  let app: TestApp;
  let viCode: string;
  let enCode: string;

  const textTo = (chatId: number, pattern: RegExp, timeoutMs = 15_000) =>
    fake.waitFor(
      (c) =>
        c.method === 'sendMessage' &&
        String((c.params as Sent).chat_id) === String(chatId) &&
        pattern.test(String((c.params as Sent).text)),
      timeoutMs,
    );
  const reportsOf = (code: string) =>
    app.database.db.statusReport.findMany({ where: { task: { code } }, orderBy: { id: 'asc' } });

  /** Each test's own set-up: the officer's chat linked with their invite code, unless it is already. */
  const ensureLinked = async (user: typeof VI_USER) => {
    const linked = await app.database.db.channelIdentity.findUnique({
      where: { channel_chatId: { channel: 'telegram', chatId: String(user.id) } },
    });
    if (linked) return;
    const vi = user === VI_USER;
    fake.injectText(user, `/start ${vi ? viCode : enCode}`);
    await textTo(user.id, vi ? /Xin chào Trần Thị Lan/u : /Hello Lê Minh/u);
  };

  /** Queues the T-7 reminder of task 2 to the Vietnamese officer (once: its outbox key is fixed) and waits for it. */
  const sendReminder = async () => {
    await ensureLinked(VI_USER);
    const [task] = await tasksByCode(app.database.db, '2');
    const message = composeReminder([{ task: task!, kind: 'T-7' }], { locale: 'vi', today: '2024-09-23' });
    await app.runtime.outbox.enqueue([
      {
        dedupKey: 'test-reminder-2',
        kind: 'reminder',
        officerId: null,
        to: { channel: 'telegram', chatId: String(VI_USER.id) },
        message,
        context: { taskIds: message.taskIds },
      },
    ]);
    return textTo(VI_USER.id, /^Nhắc việc Đề án 06:[\s\S]*#2 Xây dựng tối thiểu 20 dịch vụ công/u);
  };

  /** The message id of the reminder the buttons are pressed under. */
  const reminderMessageId = async () => {
    const reminder = await sendReminder();
    return (reminder.result as { message_id: number }).message_id;
  };

  beforeAll(async () => {
    fake = await startFakeTelegramServer({ token: TEST_BOT_TOKEN });
    app = await startTestApp({ telegram: fake });
    const db = app.database.db;
    await importPlan(db, { bytes: readFileSync(SEED), fileName: '003.txt', dryRun: false });
    const vpub = await resolveAgencyId(db, 'VP UBND tỉnh');
    const police = await resolveAgencyId(db, 'Công an tỉnh');
    const vi = await createOfficer(db, {
      name: 'Trần Thị Lan',
      agencyId: vpub!.id,
      role: 'officer',
      locale: 'vi',
    });
    const en = await createOfficer(db, {
      name: 'Lê Minh',
      agencyId: police!.id,
      role: 'officer',
      locale: 'en',
    });
    viCode = (await createInvite(db, { officerId: vi.id, purpose: 'officer', now: new Date() })).code;
    enCode = (await createInvite(db, { officerId: en.id, purpose: 'officer', now: new Date() })).code;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('GIVEN an unknown user THEN a short explanation and nothing else', async () => {
    fake.injectText({ id: 5999, first_name: 'X' }, 'xin chào');
    await textTo(5999, /chưa được liên kết/u);
  });

  it('GIVEN /start <code> THEN the chat is linked and greeted in the officer language with the tasks', async () => {
    fake.injectText(VI_USER, `/start ${viCode}`);
    await textTo(VI_USER.id, /Xin chào Trần Thị Lan \(Văn phòng Ủy ban nhân dân tỉnh\)/u);
    await textTo(VI_USER.id, /Nhiệm vụ của Văn phòng Ủy ban nhân dân tỉnh/u);
    fake.injectText(EN_USER, `/start ${enCode}`);
    await textTo(EN_USER.id, /Hello Lê Minh \(Công an tỉnh\)/u);
    fake.injectText({ id: 5998 }, `/start ${viCode}`);
    await textTo(5998, /đã được dùng/u);
  });

  it('GIVEN a group code sent in a group chat THEN the group, named by its title, receives digests', async () => {
    const { code } = await createInvite(app.database.db, {
      officerId: null,
      purpose: 'digest_group',
      now: new Date(),
    });
    fake.injectText(VI_USER, `/start ${code}`, {
      chatId: -100777,
      chatType: 'supergroup',
      chatTitle: 'Ban Chỉ đạo Đề án 06',
    });
    await textTo(-100777, /Nhóm "Ban Chỉ đạo Đề án 06" sẽ nhận báo cáo tổng hợp/u);
    const group = await app.database.db.channelIdentity.findUniqueOrThrow({
      where: { channel_chatId: { channel: 'telegram', chatId: '-100777' } },
    });
    expect(group).toMatchObject({ purpose: 'digest_group', title: 'Ban Chỉ đạo Đề án 06', officerId: null });
  });

  it('GIVEN a reminder THEN it carries the task, its deadline and report buttons', async () => {
    const sent = await sendReminder();
    expect(String((sent.params as Sent).text)).toMatch(/Quý III\/2024/u);
    const keyboard = JSON.stringify((sent.params as Sent).reply_markup);
    for (const payload of ['#2 xong', '#2 dang', '#2 vuong', '#2 cho', '#2 tiendo'])
      expect(keyboard).toContain(payload);
  });

  it('GIVEN the Done button pressed twice THEN it is acknowledged and recorded once', async () => {
    const messageId = await reminderMessageId();
    fake.injectCallback(VI_USER, '#2 xong', messageId, VI_USER.id);
    await fake.waitFor((c) => c.method === 'answerCallbackQuery', 10_000);
    await textTo(VI_USER.id, /Đã ghi nhận #2: Hoàn thành, 100%/u);
    fake.injectCallback(VI_USER, '#2 xong', messageId, VI_USER.id);
    await textTo(VI_USER.id, /#2: báo cáo này đã được ghi nhận trước đó/u);
    const reports = await reportsOf('2');
    expect(reports.map((r) => [r.status, r.progress])).toEqual([['done', 100]]);
  });

  it('GIVEN the In-progress button THEN it asks only for the percentage and records the answer', async () => {
    const messageId = await reminderMessageId();
    fake.injectCallback(VI_USER, '#2 dang', messageId, VI_USER.id);
    await textTo(VI_USER.id, /#2: tiến độ đạt bao nhiêu %/u).catch((error: unknown) => {
      throw new Error(
        `${String(error)}\n${fake
          .sent(VI_USER.id)
          .map((c) => String((c.params as Sent).text))
          .join('\n---\n')}`,
      );
    });
    fake.injectText(VI_USER, '70 đã chạy thử 12 dịch vụ');
    await textTo(VI_USER.id, /Đã ghi nhận #2: Đang triển khai, 70%, kết quả: đã chạy thử 12 dịch vụ/u).catch(
      (error: unknown) => {
        throw new Error(
          `${String(error)}\n${fake
            .sent(VI_USER.id)
            .map((c) => String((c.params as Sent).text))
            .join('\n---\n')}`,
        );
      },
    );
    const last = (await reportsOf('2')).at(-1);
    expect(last).toMatchObject({
      status: 'in_progress',
      progress: 70,
      result: 'đã chạy thử 12 dịch vụ',
      blocker: null,
    });
  });

  it('GIVEN typed reports with and without diacritics THEN each is recorded exactly', async () => {
    await ensureLinked(VI_USER);
    fake.injectText(VI_USER, '#2 dang lam 60% da lap 5/7 camera');
    await textTo(VI_USER.id, /Đã ghi nhận #2: Đang triển khai, 60%, kết quả: da lap 5\/7 camera/u);
    fake.injectText(VI_USER, '/baocao 2 vướng: chưa có kinh phí');
    await textTo(VI_USER.id, /Đã ghi nhận #2: Vướng mắc, vướng mắc: chưa có kinh phí/u);
    const reports = (await reportsOf('2')).slice(-2);
    expect(reports.map((r) => [r.status, r.progress, r.result, r.blocker])).toEqual([
      ['in_progress', 60, 'da lap 5/7 camera', null],
      ['blocked', null, null, 'chưa có kinh phí'],
    ]);
    const task = await app.database.db.task.findFirstOrThrow({ where: { code: '2' } });
    expect(task.status).toBe('blocked');
  });

  it('GIVEN a report on another agency task THEN it is refused and names the task agencies', async () => {
    await ensureLinked(VI_USER);
    const foreign = await app.database.db.task.findFirstOrThrow({
      where: {
        agencies: { none: { agency: { name: { in: ['Văn phòng Ủy ban nhân dân tỉnh'] } } } },
        collective: { isEmpty: true },
      },
      include: { agencies: { include: { agency: true } } },
    });
    const before = await app.database.db.statusReport.count();
    fake.injectText(VI_USER, `#${foreign.code} xong`);
    const lead = foreign.agencies.find((a) => a.role === 'lead')!.agency.name;
    await textTo(VI_USER.id, new RegExp(`Nhiệm vụ #${foreign.code} do .*${lead}.* chủ trì`, 'u'));
    expect(await app.database.db.statusReport.count()).toBe(before);
  });

  it('GIVEN a bad reply THEN a helpful explanation in each locale and nothing recorded', async () => {
    await ensureLinked(VI_USER);
    await ensureLinked(EN_USER);
    const before = await app.database.db.statusReport.count();
    fake.injectText(VI_USER, '#2 dnag 150%');
    await textTo(VI_USER.id, /Chưa ghi nhận báo cáo/u);
    fake.injectText(EN_USER, '#1 done 150%');
    await textTo(EN_USER.id, /Nothing was recorded/u);
    expect(await app.database.db.statusReport.count()).toBe(before);
    const inbound = await app.database.db.inboundMessage.findFirstOrThrow({
      where: { text: '#2 dnag 150%' },
    });
    expect(inbound.outcome).toBe('rejected');
  });

  it('GIVEN a citizen ID in a report THEN it is stored masked and the officer is told why', async () => {
    await ensureLinked(EN_USER);
    fake.injectText(EN_USER, '#1 in progress 30% checked citizen 079203001234');
    await textTo(EN_USER.id, /was masked/u);
    const report = (await reportsOf('1')).at(-1);
    expect(report?.result).not.toContain('079203001234');
    expect(report?.masked).toContain('citizen_id');
    const inbound = await app.database.db.inboundMessage.findFirstOrThrow({
      where: { userId: String(EN_USER.id) },
      orderBy: { id: 'desc' },
    });
    expect(JSON.stringify(inbound.payload)).not.toContain('079203001234');
  });

  it('GIVEN the same update delivered twice THEN it is processed once', async () => {
    await ensureLinked(EN_USER);
    const update = {
      update_id: 990001,
      message: {
        message_id: 777,
        date: Math.floor(Date.now() / 1000),
        chat: { id: EN_USER.id, type: 'private' as const, first_name: EN_USER.first_name },
        from: { ...EN_USER, is_bot: false },
        text: '#1 done',
      },
    };
    const before = (await reportsOf('1')).length;
    await app.runtime.telegram!.handleUpdate(update);
    await app.runtime.telegram!.handleUpdate(update);
    await textTo(EN_USER.id, /Recorded #1: Done/u);
    expect((await reportsOf('1')).length).toBe(before + 1);
    expect(await app.database.db.inboundMessage.count({ where: { platformId: '990001' } })).toBe(1);
  });
});
