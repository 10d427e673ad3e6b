import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../handlers/channel.ts';
import { toIncomingMessage } from './to-incoming-message.ts';

const NOW = new Date('2026-03-02T01:30:00Z');
const DATE = 1_772_400_000; // 2026-03-01T21:20:00Z
const LAN = { id: 4242, is_bot: false, first_name: 'Lan', last_name: 'Nguyễn', language_code: 'vi' };
const PRIVATE = { id: 4242, type: 'private', first_name: 'Lan' };
const GROUP = { id: -1001234, type: 'supergroup', title: 'Tổ công tác 06' };

const message = (fields: object, chat: object = PRIVATE) => ({
  update_id: 900,
  message: { message_id: 17, date: DATE, chat, from: LAN, ...fields },
});
const convert = (update: unknown, botUsername?: string) =>
  toIncomingMessage(update, { now: NOW, ...(botUsername ? { botUsername } : {}) });

describe('toIncomingMessage', () => {
  it('GIVEN a private text message THEN every field of the port is filled', () => {
    const update = message({ text: 'xong' });
    expect(convert(update)).toEqual<IncomingMessage>({
      channel: 'telegram',
      platformId: '900',
      chatId: '4242',
      userId: '4242',
      userName: 'Lan Nguyễn',
      languageCode: 'vi',
      kind: 'text',
      text: 'xong',
      messageId: '17',
      isGroup: false,
      receivedAt: new Date(DATE * 1000),
      raw: update,
    });
  });

  it.each([
    ['a deep-link start', '/start ABC123', undefined, '/start ABC123'],
    ['a report command', '/baocao 12 xong', undefined, '/baocao 12 xong'],
    ['a command with our @name', '/baocao@De06Bot 12 xong', 'de06bot', '/baocao 12 xong'],
    ['a bare command with @name', '/trogiup@De06Bot', undefined, '/trogiup'],
    ['an @mention that is not a command', '@De06Bot xong', 'de06bot', '@De06Bot xong'],
  ])('GIVEN %s THEN the text is %j', (_name, text, bot, expected) => {
    expect(convert(message({ text }), bot)).toMatchObject({ kind: 'text', text: expected });
  });

  it('GIVEN a command addressed to another bot THEN null', () => {
    expect(convert(message({ text: '/baocao@OtherBot 12 xong' }), 'De06Bot')).toBeNull();
  });

  it('GIVEN a reply to one of our messages THEN replyToMessageId is that message', () => {
    const update = message({
      text: 'đang 50%',
      reply_to_message: { message_id: 9, date: DATE, chat: PRIVATE },
    });
    expect(convert(update)).toMatchObject({ replyToMessageId: '9', text: 'đang 50%' });
  });

  it('GIVEN a message in a supergroup THEN isGroup, and chat and user ids differ', () => {
    expect(convert(message({ text: '#12 xong' }, GROUP))).toMatchObject({
      chatId: '-1001234',
      userId: '4242',
      isGroup: true,
    });
  });

  it('GIVEN a button press THEN kind button with the callback data, id and the message it was under', () => {
    const update = {
      update_id: 901,
      callback_query: {
        id: '777',
        chat_instance: '1',
        from: { id: 4242, is_bot: false, first_name: 'Lan', username: 'lan_ca' },
        message: { message_id: 55, date: DATE, chat: GROUP, text: 'Nhắc hạn' },
        data: '#12 xong',
      },
    };
    expect(convert(update)).toEqual<IncomingMessage>({
      channel: 'telegram',
      platformId: '901',
      chatId: '-1001234',
      userId: '4242',
      userName: 'Lan',
      kind: 'button',
      text: '#12 xong',
      callbackId: '777',
      replyToMessageId: '55',
      isGroup: true,
      receivedAt: NOW,
      raw: update,
    });
  });

  it('GIVEN a document with a caption THEN kind file with the file reference', () => {
    const document = {
      file_id: 'BQAC-1',
      file_unique_id: 'u1',
      file_name: 'bao-cao.xlsx',
      mime_type: 'application/vnd.ms-excel',
      file_size: 2048,
    };
    expect(convert(message({ document, caption: '#12 xong' }))).toMatchObject({
      kind: 'file',
      text: '#12 xong',
      file: { fileId: 'BQAC-1', fileName: 'bao-cao.xlsx', mimeType: 'application/vnd.ms-excel', size: 2048 },
    });
  });

  it('GIVEN a document without name or caption THEN a fallback name and empty text', () => {
    const converted = convert(message({ document: { file_id: 'BQAC-2', file_unique_id: 'u2' } }));
    expect(converted).toMatchObject({
      kind: 'file',
      text: '',
      file: { fileId: 'BQAC-2', fileName: 'document-17' },
    });
    expect(converted?.file).not.toHaveProperty('mimeType');
  });

  it('GIVEN a photo THEN its largest size as a file', () => {
    const photo = [
      { file_id: 'small', file_unique_id: 's', width: 90, height: 60, file_size: 900 },
      { file_id: 'large', file_unique_id: 'l', width: 1280, height: 853, file_size: 90_000 },
    ];
    expect(convert(message({ photo }))).toMatchObject({
      kind: 'file',
      file: { fileId: 'large', fileName: 'photo-17.jpg', mimeType: 'image/jpeg', size: 90_000 },
    });
  });

  it('GIVEN an edited message THEN the same message id, its edit time and the new text', () => {
    const edited = { ...message({ text: '#12 đang 50%' }).message, edit_date: DATE + 60 };
    expect(convert({ update_id: 901, edited_message: edited })).toMatchObject({
      platformId: '901',
      messageId: '17',
      kind: 'text',
      text: '#12 đang 50%',
      editedAt: new Date((DATE + 60) * 1000),
    });
  });

  it.each([
    [
      'a photo',
      { photo: [{ file_id: 'p', file_unique_id: 'u', width: 1, height: 1, file_size: 5 }] },
      'photo',
      'p',
    ],
    [
      'a video',
      { video: { file_id: 'v', file_unique_id: 'u', width: 1, height: 1, duration: 3 } },
      'video',
      'v',
    ],
    [
      'a voice note',
      { voice: { file_id: 'o', file_unique_id: 'u', duration: 2, mime_type: 'audio/ogg' } },
      'voice',
      'o',
    ],
    ['a document', { document: { file_id: 'd', file_unique_id: 'u', file_name: 'a.pdf' } }, 'document', 'd'],
  ])('GIVEN %s with a caption THEN a file whose text is the caption', (_name, fields, kind, fileId) => {
    expect(convert(message({ ...fields, caption: '#12 đang 60%' }))).toMatchObject({
      kind: 'file',
      text: '#12 đang 60%',
      file: { fileId, kind },
    });
  });

  it.each([
    [
      'a sticker',
      { sticker: { file_id: 'st', file_unique_id: 'u', type: 'regular', width: 1, height: 1 } },
      'sticker',
    ],
    [
      'a video note',
      { video_note: { file_id: 'n', file_unique_id: 'u', length: 1, duration: 1 } },
      'video_note',
    ],
    ['a location', { location: { latitude: 13.77, longitude: 109.22 } }, 'location'],
    ['a contact', { contact: { phone_number: '+84900000000', first_name: 'A' } }, 'contact'],
  ])('GIVEN %s THEN an unreadable message of that kind', (_name, fields, unreadable) => {
    expect(convert(message(fields))).toMatchObject({ kind: 'unreadable', text: '', unreadable });
  });

  it.each([
    ['my_chat_member', { update_id: 2, my_chat_member: { chat: PRIVATE, from: LAN, date: DATE } }],
    ['a service message (new chat title)', message({ new_chat_title: 'x' })],
    ['a message from a bot', message({ text: 'hi', from: { ...LAN, is_bot: true } })],
    ['a message without sender', message({ text: 'hi', from: undefined })],
    [
      'a callback without message (inline mode)',
      { update_id: 3, callback_query: { id: '1', from: LAN, data: 'x', inline_message_id: 'i' } },
    ],
    [
      'a callback without data (game)',
      {
        update_id: 4,
        callback_query: { id: '1', from: LAN, message: { message_id: 1, date: 0, chat: PRIVATE } },
      },
    ],
    ['no update_id', { message: message({ text: 'x' }).message }],
    ['a string update_id', { ...message({ text: 'x' }), update_id: '900' }],
    ['a string chat id', message({ text: 'x' }, { id: '4242', type: 'private' })],
    ['a text that is not a string', message({ text: 42 })],
    ['null', null],
    ['an array', [1, 2]],
  ])('GIVEN %s THEN null', (_name, update) => {
    expect(convert(update)).toBeNull();
  });
});

/** Shapes real clients send (Bot API Message fields; see docs/telegram.md). */
describe('toIncomingMessage with what real clients send', () => {
  const BOT = { id: 777000111, is_bot: true, first_name: 'Đề án 06', username: 'De06Bot' };
  const withBot = (update: unknown) => toIncomingMessage(update, { now: NOW, botId: BOT.id });
  const ANONYMOUS = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
  const CHANNEL = { id: -1009876, type: 'channel', title: 'Kênh tin' };

  it('GIVEN a message of an anonymous group admin THEN it is kept, marked as sent by the group', () => {
    const update = message({ text: '/canbo', from: ANONYMOUS, sender_chat: GROUP }, GROUP);
    expect(convert(update)).toMatchObject({ sentAsGroup: true, isGroup: true, text: '/canbo' });
  });

  it('GIVEN a message sent on behalf of a channel, or a channel post THEN null', () => {
    const linked = { id: 136817688, is_bot: true, first_name: 'Channel', username: 'Channel_Bot' };
    expect(convert(message({ text: '#12 xong', from: linked, sender_chat: CHANNEL }, GROUP))).toBeNull();
    const post = { message_id: 5, date: DATE, chat: CHANNEL, sender_chat: CHANNEL, text: '#12 xong' };
    expect(convert({ update_id: 901, channel_post: post })).toBeNull();
    expect(convert({ update_id: 902, edited_channel_post: { ...post, edit_date: DATE + 5 } })).toBeNull();
  });

  it('GIVEN a message in a forum topic THEN threadId; a reply thread or the topic root is not one', () => {
    const root = {
      message_id: 40,
      date: DATE,
      chat: GROUP,
      from: LAN,
      forum_topic_created: { name: 'Báo cáo' },
    };
    const inTopic = message(
      { text: '/nhiemvu', message_thread_id: 40, is_topic_message: true, reply_to_message: root },
      GROUP,
    );
    const converted = withBot(inTopic);
    expect(converted).toMatchObject({ threadId: '40' });
    expect(converted?.replyToMessageId).toBeUndefined();
    const replyThread = message({ text: 'ok', message_thread_id: 41 }, GROUP);
    expect(withBot(replyThread)?.threadId).toBeUndefined();
  });

  it('GIVEN a reply THEN replyToMessageId only when the replied message is the bot’s', () => {
    const ours = { message_id: 9, date: DATE, chat: GROUP, from: BOT, text: 'Nhắc việc' };
    const theirs = { message_id: 10, date: DATE, chat: GROUP, from: LAN, text: 'hello' };
    expect(withBot(message({ text: 'xong', reply_to_message: ours }, GROUP))).toMatchObject({
      replyToMessageId: '9',
    });
    expect(
      withBot(message({ text: 'xong', reply_to_message: theirs }, GROUP))?.replyToMessageId,
    ).toBeUndefined();
  });

  it('GIVEN album items and a forwarded message THEN mediaGroupId and forwarded', () => {
    const photo = [{ file_id: 'AgAC1', file_unique_id: 'u1', width: 90, height: 90, file_size: 900 }];
    expect(convert(message({ photo, media_group_id: '1357' }))).toMatchObject({
      kind: 'file',
      mediaGroupId: '1357',
    });
    const origin = { type: 'user', date: DATE - 60, sender_user: { id: 5, is_bot: false, first_name: 'B' } };
    expect(convert(message({ text: '#12 xong', forward_origin: origin }))).toMatchObject({ forwarded: true });
  });

  it('GIVEN decomposed Vietnamese and zero-width characters THEN the text reads as typed in NFC', () => {
    const nfd = '#12 đang triển khai 60%'.normalize('NFD');
    expect(convert(message({ text: `\u200B${nfd}\uFEFF` }))).toMatchObject({
      text: '#12 đang triển khai 60%',
    });
    const photo = [{ file_id: 'AgAC1', file_unique_id: 'u1', width: 90, height: 90 }];
    expect(convert(message({ photo, caption: `xo\u200Bng ${'vướng'.normalize('NFD')}` }))).toMatchObject({
      text: 'xong vướng',
    });
  });
});
