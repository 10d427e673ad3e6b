/**
 * What real Telegram clients send that a bot in groups and forums meets, end to end against the fake Bot
 * API server and the real PostgreSQL and Redis: anonymous group admins, channel posts and messages sent
 * on behalf of a channel, forum topics (answers stay in the topic; a deleted topic falls back to the
 * chat), albums, stickers and chatter in groups, replies to other members, forwarded messages, and text
 * typed decomposed (NFD) or with zero-width characters. Update shapes follow the Bot API's Message
 * (`sender_chat`, `is_topic_message`, `message_thread_id`, `media_group_id`, `forward_origin`); the facts
 * relied on are in docs/telegram.md.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import type { RecordedCall, UpdateInput } from '../fakes/telegram-api-server.ts';
import { type AdminChat, type ChatUser, messageIdOf, startAdminChat, textOf } from '../support/admin-chat.ts';
import { newAdminWithInvite } from '../support/new-admin-invite.ts';

const SEED_PATH = path.resolve(
  import.meta.dirname,
  '../../domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt',
);
/** A supergroup (not a forum), and a forum supergroup with topics. */
const GROUP = { id: -1001234567101, type: 'supergroup' as const, title: 'Tổ công tác 06' };
const FORUM = { id: -1001234567102, type: 'supergroup' as const, title: 'Ban Chỉ đạo — chủ đề' };
const CHANNEL = { id: -1001234567103, type: 'channel' as const, title: 'Kênh tin Đề án 06' };
/** The placeholder `from` of anonymous group admins and of messages sent on behalf of a channel. */
const GROUP_ANONYMOUS_BOT = {
  id: 1087968824,
  is_bot: true,
  first_name: 'Group',
  username: 'GroupAnonymousBot',
};
const CHANNEL_BOT = { id: 136817688, is_bot: true, first_name: 'Channel', username: 'Channel_Bot' };

type Params = { chat_id?: unknown; message_thread_id?: unknown; text?: unknown };
const params = (call: RecordedCall) => call.params as Params;
const now = () => Math.floor(Date.now() / 1000);
const photoSizes = (size: number) => {
  const id = () => ({
    file_id: `AgAC${randomBytes(24).toString('base64url')}`,
    file_unique_id: `AQAD${randomBytes(6).toString('base64url')}`,
  });
  return [
    { ...id(), width: 90, height: 68, file_size: Math.round(size / 60) },
    { ...id(), width: 1280, height: 960, file_size: size },
  ];
};

describe('Telegram as real clients send it: groups, topics, albums, forwards, anonymous admins, channels', () => {
  let chat: AdminChat;
  let admin: ChatUser;
  let officer: ChatUser;
  const db = () => chat.app.database.db;
  const task = (code: string) => db().task.findFirstOrThrow({ where: { code } });
  const fromOf = (user: ChatUser) => ({
    id: user.id,
    is_bot: false,
    first_name: user.first_name,
    language_code: user.language_code,
  });
  /** The first message to `chatId` sent after call index `since` whose text matches. */
  const nextIn = (chatId: number, pattern: RegExp, since: number) =>
    chat.fake.waitFor(
      (c) =>
        c.method === 'sendMessage' &&
        c.response.ok &&
        chat.fake.calls.indexOf(c) >= since &&
        String(params(c).chat_id) === String(chatId) &&
        pattern.test(textOf(c)),
      20_000,
    );
  const sentTo = (chatId: number, since: number) =>
    chat.fake.calls
      .slice(since)
      .filter((c) => c.method === 'sendMessage' && String(params(c).chat_id) === String(chatId));
  /** The stored inbound row of an update once handled (its outcome no longer `received`). */
  const handled = async (updateId: number) => {
    await expect
      .poll(
        async () =>
          (await db().inboundMessage.findFirst({ where: { platformId: String(updateId) } }))?.outcome ??
          'received',
        { timeout: 20_000 },
      )
      .not.toBe('received');
    return db().inboundMessage.findFirstOrThrow({ where: { platformId: String(updateId) } });
  };
  const inject = (message: Record<string, unknown>) =>
    chat.fake.injectUpdate({ message } as unknown as UpdateInput);

  beforeAll(async () => {
    chat = await startAdminChat();
    await importPlan(db(), { bytes: readFileSync(SEED_PATH), fileName: '003.txt', dryRun: false });
    admin = await chat.user(7201, 'Phạm Quản Trị', 'Công an tỉnh', 'admin');
    officer = await chat.user(7203, 'Trần Thị Lan', 'VP UBND tỉnh', 'officer');
  }, 60_000);

  afterAll(async () => {
    await chat?.close();
  });

  it('GIVEN an anonymous group admin’s command or invite code THEN no role acts, the code stays unused, and they are told to write as themselves', async () => {
    const { code } = await newAdminWithInvite(db(), admin, 'Quản Trị Ẩn');
    const asGroup = (text: string) =>
      inject({ chat: GROUP, from: GROUP_ANONYMOUS_BOT, sender_chat: GROUP, date: now(), text });
    let since = chat.fake.calls.length;
    asGroup('/canbo');
    await nextIn(GROUP.id, /Bot không biết ai gửi tin nhắn này/u, since);
    since = chat.fake.calls.length;
    asGroup(`/start ${code}`);
    await nextIn(GROUP.id, /Bot không biết ai gửi tin nhắn này/u, since);
    const chatter = await handled(asGroup('mọi người cập nhật nhé'));
    expect(chatter.outcome).toBe('ignored');
    expect((await db().inviteCode.findUniqueOrThrow({ where: { code } })).usedAt).toBeNull();
    expect(await db().channelIdentity.count({ where: { chatId: String(GROUP.id) } })).toBe(0);
    expect(sentTo(GROUP.id, 0).some((c) => /Cán bộ \(\d+\)/u.test(textOf(c)))).toBe(false);
  });

  it('GIVEN channel posts and a message sent on behalf of a channel THEN they are ignored without error and no report is stored', async () => {
    const reportsBefore = await db().statusReport.count();
    const since = chat.fake.calls.length;
    const post = { message_id: 31, date: now(), chat: CHANNEL, sender_chat: CHANNEL, text: '#2 xong' };
    await chat.app.runtime.telegram!.handleUpdate({ update_id: 990201, channel_post: post } as never);
    await chat.app.runtime.telegram!.handleUpdate({
      update_id: 990202,
      edited_channel_post: { ...post, edit_date: now() + 1, text: '#2 đang 90%' },
    } as never);
    // The linked channel's post forwarded into its discussion group, and a member posting as the channel.
    await chat.app.runtime.telegram!.handleUpdate({
      update_id: 990203,
      message: {
        message_id: 32,
        date: now(),
        chat: GROUP,
        from: CHANNEL_BOT,
        sender_chat: CHANNEL,
        is_automatic_forward: true,
        text: '#2 xong',
      },
    } as never);
    // A message the bot handles after them, in the same group: it is answered, they never were.
    const after = chat.fake.calls.length;
    chat.fake.injectText(officer, '/trogiup', {
      chatId: GROUP.id,
      chatType: 'supergroup',
      chatTitle: GROUP.title,
    });
    await nextIn(GROUP.id, /\/baocao/u, after);
    expect(await db().statusReport.count()).toBe(reportsBefore);
    expect((await task('2')).status).not.toBe('done');
    const stored = await db().inboundMessage.count({
      where: { platformId: { in: ['990201', '990202', '990203'] } },
    });
    expect(stored).toBe(0);
    expect(sentTo(CHANNEL.id, since)).toHaveLength(0);
  });

  it('GIVEN a command in a forum topic THEN the answer goes to that topic, and to the chat when the topic is gone', async () => {
    const topic = chat.fake.createForumTopic(fromOf(officer), FORUM.id, 'Báo cáo tiến độ');
    const inTopic = {
      chatId: FORUM.id,
      chatType: 'supergroup' as const,
      chatTitle: FORUM.title,
      threadId: topic,
    };
    let since = chat.fake.calls.length;
    const updateId = chat.fake.injectText(officer, '/nhiemvu', inTopic);
    const answer = await nextIn(FORUM.id, /#2 /u, since);
    expect(params(answer).message_thread_id).toBe(topic);
    expect((answer.result as { is_topic_message?: boolean }).is_topic_message).toBe(true);
    const inbound = await handled(updateId);
    const delivery = await db().delivery.findFirstOrThrow({
      where: { dedupKey: { startsWith: `reply-telegram-${inbound.platformId}-` } },
    });
    expect((delivery.payload as { message: { threadId?: string } }).message.threadId).toBe(String(topic));

    // The topic is deleted while the bot answers in it: Telegram says "message thread not found".
    chat.fake.deleteForumTopic(FORUM.id, topic);
    since = chat.fake.calls.length;
    chat.fake.injectText(officer, '/nhiemvu', inTopic);
    const fallback = await nextIn(FORUM.id, /#2 /u, since);
    expect(params(fallback).message_thread_id).toBeUndefined();
    const refused = chat.fake.calls
      .slice(since)
      .filter((c) => c.method === 'sendMessage' && c.status === 400);
    expect(
      refused.map((c) => [params(c).message_thread_id, (c.response as { description?: string }).description]),
    ).toEqual([[topic, 'Bad Request: message thread not found']]);
  });

  it('GIVEN an album with the report as the first photo’s caption THEN one report with that photo as evidence, one answer, the other photos not answered', async () => {
    const group = `13${Date.now()}`;
    const first = photoSizes(150_000);
    const item = (caption?: string, photo = photoSizes(140_000)) =>
      inject({
        chat: { id: officer.id, type: 'private', first_name: officer.first_name },
        from: fromOf(officer),
        date: now(),
        media_group_id: group,
        photo,
        ...(caption ? { caption } : {}),
      });
    const since = chat.fake.calls.length;
    const ids = [item('#2 đang 71% đã lắp camera', first), item(), item()];
    const rows = await Promise.all(ids.map(handled));
    await nextIn(officer.id, /Đã ghi nhận #2: Đang triển khai, 71%/u, since);
    expect(rows.map((r) => r.outcome)).toEqual(['processed', 'ignored', 'ignored']);
    const reports = await db().statusReport.findMany({
      where: { inboundMessageId: { in: rows.map((r) => r.id) } },
    });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      progress: 71,
      evidenceFileId: first.at(-1)!.file_id,
      evidenceKind: 'photo',
    });
    const answers = sentTo(officer.id, since);
    expect(answers).toHaveLength(1);

    // An album without any caption: one answer for the album, not one per photo.
    const bare = `14${Date.now()}`;
    const plain = () =>
      inject({
        chat: { id: officer.id, type: 'private', first_name: officer.first_name },
        from: fromOf(officer),
        date: now(),
        media_group_id: bare,
        photo: photoSizes(90_000),
      });
    const before = chat.fake.calls.length;
    const bareRows = await Promise.all([plain(), plain(), plain()].map(handled));
    await nextIn(officer.id, /Bot chưa đọc được ảnh/u, before);
    expect(bareRows.map((r) => r.outcome)).toEqual(['rejected', 'ignored', 'ignored']);
    expect(sentTo(officer.id, before).filter((c) => /Bot chưa đọc được/u.test(textOf(c)))).toHaveLength(1);
  });

  it('GIVEN a sticker, a voice note and chatter in a group THEN no answer; a sticker replying to the bot is answered', async () => {
    const inGroup = { chatId: GROUP.id, chatType: 'supergroup' as const, chatTitle: GROUP.title };
    const progressBefore = (await task('2')).progress;
    const since = chat.fake.calls.length;
    const quiet = [
      chat.fake.injectMedia(officer, { kind: 'sticker' }, inGroup),
      chat.fake.injectMedia(officer, { kind: 'voice' }, inGroup),
      chat.fake.injectMedia(officer, { kind: 'photo' }, inGroup),
      chat.fake.injectText(officer, '#2 xong', inGroup),
      chat.fake.injectText(officer, 'Chiều nay họp lúc 14h nhé', inGroup),
    ];
    const rows = await Promise.all(quiet.map(handled));
    expect(rows.map((r) => r.outcome)).toEqual(['ignored', 'ignored', 'ignored', 'ignored', 'ignored']);
    expect(sentTo(GROUP.id, since)).toHaveLength(0);
    expect((await task('2')).progress).toBe(progressBefore);

    // A bot message in the group, then a sticker replying to it: answered there.
    chat.fake.injectText(officer, '/trogiup', inGroup);
    const help = await nextIn(GROUP.id, /\/baocao/u, since);
    const after = chat.fake.calls.length;
    chat.fake.injectMedia(officer, { kind: 'sticker' }, { ...inGroup, replyToMessageId: messageIdOf(help) });
    await nextIn(GROUP.id, /Bot chưa đọc được nhãn dán/u, after);
  });

  it('GIVEN a reply to the bot’s reminder in a group THEN it is read as a report; a reply to a member is not', async () => {
    const inGroup = { chatId: GROUP.id, chatType: 'supergroup' as const, chatTitle: GROUP.title };
    const task2 = await task('2');
    const since = chat.fake.calls.length;
    await chat.app.runtime.outbox.enqueue([
      {
        dedupKey: `test-group-reminder-${Date.now()}`,
        kind: 'reminder',
        officerId: null,
        to: { channel: 'telegram', chatId: String(GROUP.id) },
        message: { text: `Nhắc việc Đề án 06: #2 ${task2.title}` },
        context: { taskIds: [task2.id] },
      },
    ]);
    const reminder = await nextIn(GROUP.id, /^Nhắc việc Đề án 06/u, since);
    // A member's message, and a reply to it: people talking to each other.
    const member = { id: 8901, first_name: 'Thành viên', language_code: 'vi' };
    const memberUpdate = chat.fake.injectText(member, 'Ai cập nhật #2 chưa?', inGroup);
    const memberRow = await handled(memberUpdate);
    const memberMessageId = (memberRow.payload as { message: { message_id: number } }).message.message_id;
    const toMember = chat.fake.injectText(officer, 'đang 95%', {
      ...inGroup,
      replyToMessageId: memberMessageId,
    });
    expect((await handled(toMember)).outcome).toBe('ignored');
    expect((await task('2')).progress).not.toBe(95);
    const after = chat.fake.calls.length;
    chat.fake.injectText(officer, 'đang 82%', { ...inGroup, replyToMessageId: messageIdOf(reminder) });
    await nextIn(GROUP.id, /Đã ghi nhận #2: Đang triển khai, 82%/u, after);
    expect((await task('2')).progress).toBe(82);
  });

  it('GIVEN a forwarded report THEN it is not recorded as the forwarder’s, who is asked to type it', async () => {
    const progressBefore = (await task('2')).progress;
    const since = chat.fake.calls.length;
    const updateId = inject({
      chat: { id: officer.id, type: 'private', first_name: officer.first_name },
      from: fromOf(officer),
      date: now(),
      forward_origin: {
        type: 'user',
        date: now() - 3600,
        sender_user: { id: 8902, is_bot: false, first_name: 'Đồng nghiệp' },
      },
      text: '#2 xong',
    });
    await nextIn(officer.id, /Bot không ghi nhận tin nhắn chuyển tiếp/u, since);
    const row = await handled(updateId);
    expect(row.outcome).toBe('rejected');
    expect(await db().statusReport.count({ where: { inboundMessageId: row.id } })).toBe(0);
    expect((await task('2')).progress).toBe(progressBefore);
    // The same text typed by the officer is a report.
    await chat.ask(officer, '#2 đang 83%', /Đã ghi nhận #2: Đang triển khai, 83%/u);
  });

  it('GIVEN text typed decomposed (NFD) or with zero-width characters THEN it reads as the composed text', async () => {
    const nfd = '#2 đang triển khai 84% đã lắp đặt xong'.normalize('NFD');
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    await chat.ask(officer, nfd, /Đã ghi nhận #2: Đang triển khai, 84%, kết quả: đã lắp đặt xong/u);
    await chat.ask(
      officer,
      '\u200B/bao\u200Bcao 2 đang\u2060 85%\uFEFF',
      /Đã ghi nhận #2: Đang triển khai, 85%/u,
    );
    const caption = `#2 ${'vướng mắc'.normalize('NFD')}\u200C: chưa có kinh phí`;
    const since = chat.fake.calls.length;
    chat.fake.injectMedia(officer, { kind: 'photo', caption });
    await nextIn(officer.id, /Đã ghi nhận #2: Vướng mắc/u, since);
    const stored = await db().inboundMessage.findFirstOrThrow({
      where: { text: { contains: 'chưa có kinh phí' } },
      orderBy: { id: 'desc' },
    });
    expect(stored.text).toBe(stored.text!.normalize('NFC'));
    expect(stored.text).not.toMatch(/[\u200B-\u200D\u2060\uFEFF]/u);
  });
});
