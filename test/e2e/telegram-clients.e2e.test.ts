/**
 * What real Telegram clients send, end to end against the fake Bot API server and the real PostgreSQL
 * and Redis: every report command the reply grammar reads, captions on photos, videos and voice notes
 * (the file kept as evidence), edited messages, stickers and other messages without text, group chats
 * where a command acts as its sender, and commands that must never run twice.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REPORT_COMMAND_NAMES } from '../../domain/reply/report-commands.ts';
import type { IncomingMessage } from '../../handlers/channel.ts';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { setConversation, takeConversation } from '../../store/conversations.ts';
import { createOfficer } from '../../store/officers.ts';
import type { RecordedCall } from '../fakes/telegram-api-server.ts';
import { type AdminChat, type ChatUser, startAdminChat, textOf } from '../support/admin-chat.ts';
import { newAdminWithInvite } from '../support/new-admin-invite.ts';
import { waitUntil } from '../support/wait-until.ts';

const SEED_PATH = path.resolve(
  import.meta.dirname,
  '../../domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt',
);
const GROUP = { chatId: -1001234567001, chatType: 'supergroup' as const, chatTitle: 'Tổ công tác 06' };

describe('Telegram as clients use it', () => {
  let chat: AdminChat;
  let admin: ChatUser;
  let adminEn: ChatUser;
  let officer: ChatUser;
  const db = () => chat.app.database.db;
  const task = (code: string) => db().task.findFirstOrThrow({ where: { code } });
  /** The chat message id Telegram gave the update's message (read back from the stored payload). */
  const messageIdOfUpdate = async (updateId: number) => {
    const inbound = await db().inboundMessage.findFirstOrThrow({ where: { platformId: String(updateId) } });
    return (inbound.payload as { message: { message_id: number } }).message.message_id;
  };
  const toGroup = (pattern: RegExp, since: number) =>
    chat.fake.waitFor(
      (c) =>
        c.method === 'sendMessage' &&
        chat.fake.calls.indexOf(c) >= since &&
        String((c.params as { chat_id?: unknown }).chat_id) === String(GROUP.chatId) &&
        pattern.test(textOf(c)),
      20_000,
    );
  const sentToGroupSince = (since: number): RecordedCall[] =>
    chat.fake.calls
      .slice(since)
      .filter((c) => String((c.params as { chat_id?: unknown }).chat_id) === String(GROUP.chatId));

  beforeAll(async () => {
    chat = await startAdminChat();
    await importPlan(db(), { bytes: readFileSync(SEED_PATH), fileName: '003.txt', dryRun: false });
    admin = await chat.user(7101, 'Phạm Quản Trị', 'Công an tỉnh', 'admin');
    adminEn = await chat.user(7102, 'Admin Two', 'Công an tỉnh', 'admin', 'en');
    officer = await chat.user(7103, 'Trần Thị Lan', 'VP UBND tỉnh', 'officer');
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  });

  it('GIVEN every report command the grammar reads THEN each records the report, none is "unknown"', async () => {
    for (const [i, name] of REPORT_COMMAND_NAMES.entries()) {
      const progress = 10 + i;
      await chat.ask(
        officer,
        `/${name} 2 đang ${progress}%`,
        new RegExp(`Đã ghi nhận #2: Đang triển khai, ${progress}%`, 'u'),
      );
    }
    expect((await task('2')).progress).toBe(10 + REPORT_COMMAND_NAMES.length - 1);
    expect(chat.fake.sent(officer.id).some((c) => /Không hiểu lệnh/u.test(textOf(c)))).toBe(false);
  });

  it('GIVEN a bracketed figure and a negated obstacle as people type them THEN both are recorded', async () => {
    await chat.ask(officer, '#2 đang thực hiện (60%)', /Đã ghi nhận #2: Đang triển khai, 60%\./u);
    expect((await task('2')).progress).toBe(60);
    await chat.ask(
      officer,
      '#2 khong co vuong mac, dang trien khai 50%',
      /Đã ghi nhận #2: Đang triển khai, 50%\./u,
    );
    const task2 = await task('2');
    expect([task2.status, task2.progress]).toEqual(['in_progress', 50]);
  });

  it('GIVEN an admin invite code redeemed in a group THEN it is refused, stays unused, and no member gains a role', async () => {
    const newAdmin = await newAdminWithInvite(db(), admin, 'Quản Trị Mới');
    const { code } = newAdmin;
    const member = { id: 8801, first_name: 'Thành viên', language_code: 'vi' };
    const since = chat.fake.calls.length;
    chat.fake.injectText(member, `/start ${code}`, GROUP);
    await toGroup(/Mã mời cán bộ chỉ dùng trong tin nhắn riêng/u, since);
    chat.fake.injectText(member, code, GROUP);
    const invite = await db().inviteCode.findUniqueOrThrow({ where: { code } });
    expect(invite.usedAt).toBeNull();
    const canbo = chat.fake.calls.length;
    chat.fake.injectText({ id: 8802, first_name: 'Khác', language_code: 'vi' }, '/canbo', GROUP);
    await toGroup(/chưa liên kết tài khoản/u, canbo);
    expect(sentToGroupSince(since).some((c) => /Cán bộ \(\d+\)/u.test(textOf(c)))).toBe(false);
    expect(await db().channelIdentity.count({ where: { chatId: String(GROUP.chatId) } })).toBe(0);
    // The same code still links the admin's own private chat.
    await chat.ask({ ...member, officerId: newAdmin.officerId }, `/start ${code}`, /Xin chào Quản Trị Mới/u);
  });

  it('GIVEN a group linked to an admin by an old link THEN a member acts as themself, and the audit names the admin who acted', async () => {
    const agencyId = (await db().officer.findUniqueOrThrow({ where: { id: admin.officerId } })).agencyId;
    const legacy = await createOfficer(db(), { name: 'Quản Trị Cũ', agencyId, role: 'admin', locale: 'vi' });
    const groupId = String(GROUP.chatId - 1);
    await db().channelIdentity.create({
      data: { channel: 'telegram', chatId: groupId, userId: '1', officerId: legacy.id, purpose: 'officer' },
    });
    const inGroup = { ...GROUP, chatId: GROUP.chatId - 1 };
    const stranger = { id: 8803, first_name: 'Người lạ', language_code: 'vi' };
    const waitGroup = (pattern: RegExp, since: number) =>
      chat.fake.waitFor(
        (c) =>
          c.method === 'sendMessage' &&
          chat.fake.calls.indexOf(c) >= since &&
          String((c.params as { chat_id?: unknown }).chat_id) === groupId &&
          pattern.test(textOf(c)),
        20_000,
      );
    let since = chat.fake.calls.length;
    chat.fake.injectText(stranger, '/canbo', inGroup);
    await waitGroup(/chưa liên kết tài khoản/u, since);
    since = chat.fake.calls.length;
    chat.fake.injectText(officer, '/canbo', inGroup);
    await waitGroup(/chỉ dành cho: Tổ công tác \(quản trị\)\./u, since);
    since = chat.fake.calls.length;
    chat.fake.injectText(admin, `/moi ${officer.officerId}`, inGroup);
    await waitGroup(/^Mã mời của Trần Thị Lan/u, since);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: 'officer.invite' },
      orderBy: { id: 'desc' },
    });
    expect(audit).toMatchObject({ actorId: admin.officerId, actorLabel: 'Phạm Quản Trị' });
    const lists = chat.fake.calls.filter(
      (c) =>
        String((c.params as { chat_id?: unknown }).chat_id) === groupId && /Cán bộ \(\d+\)/u.test(textOf(c)),
    );
    expect(lists).toHaveLength(0);
  });

  it('GIVEN a photo with a report caption THEN the report is recorded with the photo as evidence, shown by /nhiemvu', async () => {
    const since = chat.fake.calls.length;
    const updateId = chat.fake.injectMedia(officer, {
      kind: 'photo',
      caption: '#2 đang 65% đã lắp camera',
      fileSize: 120_000,
    });
    await chat.next(officer, /Đã ghi nhận #2: Đang triển khai, 65%, kết quả: đã lắp camera/u, since);
    const inbound = await db().inboundMessage.findFirstOrThrow({ where: { platformId: String(updateId) } });
    const photo = (inbound.payload as { message: { photo: Array<{ file_id: string }> } }).message.photo;
    const report = await db().statusReport.findFirstOrThrow({ where: { inboundMessageId: inbound.id } });
    expect(report).toMatchObject({
      evidenceFileId: photo.at(-1)!.file_id,
      evidenceKind: 'photo',
      evidenceSize: 120_000,
    });
    await chat.ask(officer, '/nhiemvu', /#2 [\s\S]*📎 minh chứng: ảnh \(117 KB\)/u);
  });

  it('GIVEN a video and a voice note with captions THEN each is a report with its evidence kind', async () => {
    let since = chat.fake.calls.length;
    chat.fake.injectMedia(officer, { kind: 'video', caption: '#2 đang 66%', fileSize: 2_400_000 });
    await chat.next(officer, /Đã ghi nhận #2: Đang triển khai, 66%/u, since);
    since = chat.fake.calls.length;
    chat.fake.injectMedia(officer, { kind: 'voice', caption: '#2 dang 67%', fileSize: 24_000 });
    await chat.next(officer, /Đã ghi nhận #2: Đang triển khai, 67%/u, since);
    const kinds = await db().statusReport.findMany({
      where: { progress: { in: [66, 67] }, task: { code: '2' } },
      orderBy: { id: 'asc' },
      select: { evidenceKind: true, evidenceSize: true },
    });
    expect(kinds).toEqual([
      { evidenceKind: 'video', evidenceSize: 2_400_000 },
      { evidenceKind: 'voice', evidenceSize: 24_000 },
    ]);
  });

  it('GIVEN an edited report THEN the report is replaced, its history kept, and the officer told', async () => {
    let since = chat.fake.calls.length;
    const updateId = chat.fake.injectText(officer, '#2 đang 30%');
    await chat.next(officer, /Đã ghi nhận #2: Đang triển khai, 30%/u, since);
    expect((await task('2')).progress).toBe(30);
    const messageId = await messageIdOfUpdate(updateId);
    since = chat.fake.calls.length;
    chat.fake.injectEdit(officer, messageId, '#2 đang 50%');
    await chat.next(officer, /Tin nhắn đã sửa: báo cáo trước đó được thay/u, since);
    expect((await task('2')).progress).toBe(50);
    const history = await db().statusReport.findMany({
      where: { sourceMessage: `${officer.id}:${messageId}` },
      orderBy: { id: 'asc' },
    });
    expect(history.map((r) => [r.progress, r.supersededAt !== null])).toEqual([
      [30, true],
      [50, false],
    ]);
  });

  it('GIVEN an edited admin command THEN it is not run again', async () => {
    const before = await db().officer.count();
    let since = chat.fake.calls.length;
    const updateId = chat.fake.injectText(admin, '/canbo them Nguyễn Văn Sửa | Sở Y tế');
    await chat.next(admin, /^Đã thêm cán bộ \d+\. Nguyễn Văn Sửa/u, since);
    const messageId = await messageIdOfUpdate(updateId);
    since = chat.fake.calls.length;
    const edit = chat.fake.injectEdit(admin, messageId, '/canbo them Nguyễn Văn Sửa Lại | Sở Y tế');
    await expect
      .poll(
        async () => (await db().inboundMessage.findFirst({ where: { platformId: String(edit) } }))?.outcome,
        {
          timeout: 20_000,
        },
      )
      .toBe('ignored');
    expect(await db().officer.count()).toBe(before + 1);
  });

  it('GIVEN a sticker, a location, a contact or a voice note without caption THEN a short answer on how to report', async () => {
    const cases = [
      [{ kind: 'sticker' }, /Bot chưa đọc được nhãn dán\. Hãy gõ báo cáo/u],
      [{ kind: 'location' }, /Bot chưa đọc được vị trí/u],
      [{ kind: 'contact' }, /Bot chưa đọc được danh bạ/u],
      [{ kind: 'voice' }, /Bot chưa đọc được ghi âm/u],
    ] as const;
    for (const [media, pattern] of cases) {
      const since = chat.fake.calls.length;
      chat.fake.injectMedia(officer, media);
      await chat.next(officer, pattern, since);
    }
    const since = chat.fake.calls.length;
    chat.fake.injectMedia(adminEn, { kind: 'sticker' });
    await chat.next(adminEn, /The bot cannot read stickers\. Type your report/u, since);
  });

  it('GIVEN an admin plan file with a caption THEN it is still previewed for import', async () => {
    const since = chat.fake.calls.length;
    chat.fake.injectDocument(admin, {
      fileName: 'phu-luc-003.txt',
      bytes: readFileSync(SEED_PATH),
      mimeType: 'text/plain',
      caption: 'Kế hoạch cập nhật',
    });
    await chat.next(admin, /^Xem trước tệp kế hoạch ".*": 42 nhiệm vụ/u, since);
  });

  it('GIVEN one pending step taken by many at once THEN exactly one gets it', async () => {
    const key = { channel: 'telegram' as const, chatId: '424242', kind: 'confirm-test' };
    await setConversation(db(), key, { n: 1 }, new Date(Date.now() + 60_000));
    const taken = await Promise.all(
      Array.from({ length: 8 }, () => takeConversation(db(), key, new Date(), z.object({ n: z.number() }))),
    );
    expect(taken.filter((t) => t !== null)).toEqual([{ n: 1 }]);
  });

  it('GIVEN a command that creates an officer redelivered after its handling died THEN it never runs twice', async () => {
    const update = {
      update_id: 990101,
      message: {
        message_id: 9101,
        date: Math.floor(Date.now() / 1000),
        chat: { id: admin.id, type: 'private' as const, first_name: admin.first_name },
        from: { id: admin.id, is_bot: false, first_name: admin.first_name, language_code: 'vi' },
        text: '/canbo them Lê Văn Một Lần | Sở Y tế',
      },
    };
    const count = () => db().officer.count({ where: { name: 'Lê Văn Một Lần' } });
    const where = { channel: 'telegram' as const, platformId: '990101' };
    await chat.app.runtime.telegram!.handleUpdate(update);
    await waitUntil(async () => (await count()) === 1, 'the officer created once', 30_000);
    const inbound = await waitUntil(
      () => db().inboundMessage.findFirst({ where: { ...where, outcome: { not: 'received' } } }),
      'the command handled',
      30_000,
    );
    // The inbound queue hands the stored message to the handler again (its first handling died after the
    // command, before the outcome was written).
    const message = {
      ...(inbound.message as object),
      text: inbound.text ?? '',
      raw: inbound.payload,
      receivedAt: inbound.receivedAt,
    } as IncomingMessage;
    await chat.app.runtime.handler.handle(message, inbound.id);
    expect(await count()).toBe(1);
    // It died in the middle of the command: handled again, it asks to check instead of running it again.
    await db().commandRun.update({ where: { inboundId: inbound.id }, data: { finishedAt: null } });
    await chat.app.runtime.handler.handle(message, inbound.id);
    expect(await count()).toBe(1);
    await chat.next(admin, /Lệnh này đã được nhận trước đó nên không chạy lại/u, 0);
  });
});
