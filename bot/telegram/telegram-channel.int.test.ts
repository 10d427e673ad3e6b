import type { InlineKeyboardMarkup, Message } from 'telegraf/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegramServer } from '../../test/fakes/telegram-api-server.ts';
import { TelegramChannel } from './telegram-channel.ts';

let fake: FakeTelegram;
let channel: TelegramChannel;
const to = { channel: 'telegram' as const, chatId: '4242' };

const markupOf = (params: Record<string, unknown>): InlineKeyboardMarkup | undefined => {
  const raw = params['reply_markup'];
  return (typeof raw === 'string' ? JSON.parse(raw) : raw) as InlineKeyboardMarkup | undefined;
};

beforeAll(async () => {
  fake = await startFakeTelegramServer();
  channel = new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, partIntervalMs: 0 });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());

describe('TelegramChannel', () => {
  it('sends plain text verbatim as escaped HTML, with buttons and silence', async () => {
    const text = 'Hạn <b>30/6</b> & "quý II" > nay';
    const result = await channel.send(to, {
      text,
      silent: true,
      buttons: [[{ label: 'Xong', payload: '#12 xong' }]],
    });
    expect(result).toEqual({ ok: true, platformMessageId: expect.any(String) });
    const call = fake.sent(4242)[0]!;
    expect((call.result as Message.TextMessage).text).toBe(text);
    expect(call.params['parse_mode']).toBe('HTML');
    expect(call.params['disable_notification']).toBe(true);
    expect(markupOf(call.params)?.inline_keyboard).toEqual([[{ text: 'Xong', callback_data: '#12 xong' }]]);
  });

  it('refuses a button payload over 64 bytes as a programming error', async () => {
    const message = { text: 'x', buttons: [[{ label: 'Ok', payload: 'đ'.repeat(33) }]] };
    await expect(channel.send(to, message)).rejects.toThrow(RangeError);
    expect(fake.calls).toHaveLength(0);
  });

  it('splits a 10 000-character text at lines, buttons only on the last part', async () => {
    const lines = Array.from({ length: 250 }, (_, i) => `${String(i).padStart(3, '0')} ${'<&>'.repeat(12)}`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(9_999);
    const result = await channel.send(to, { text, buttons: [[{ label: 'Xem', payload: 'view' }]] });
    const sent = fake.sent(4242);
    expect(sent.length).toBe(3);
    const texts = sent.map((c) => (c.result as Message.TextMessage).text);
    for (const part of texts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(texts.join('\n')).toBe(text);
    expect(sent.map((c) => markupOf(c.params) !== undefined)).toEqual([false, false, true]);
    const last = sent[2]?.result as Message.TextMessage;
    expect(result).toEqual({ ok: true, platformMessageId: String(last.message_id) });
  });

  it('sends a document with its filename and an image as a photo with caption', async () => {
    const bytes = Buffer.from('%PDF-1.4 test');
    const result = await channel.send(to, {
      text: '',
      attachments: [
        {
          kind: 'document',
          filename: 'bao-cao-tuan.pdf',
          mimeType: 'application/pdf',
          base64: bytes.toString('base64'),
        },
        {
          kind: 'image',
          filename: 'chart.png',
          mimeType: 'image/png',
          base64: bytes.toString('base64'),
          caption: 'Biểu đồ <tuần>',
        },
      ],
    });
    expect(result.ok).toBe(true);
    const [doc, photo] = [fake.sent(4242)[0]!, fake.sent(4242)[1]!];
    expect(doc.method).toBe('sendDocument');
    expect((doc.result as Message.DocumentMessage).document.file_name).toBe('bao-cao-tuan.pdf');
    expect(photo.method).toBe('sendPhoto');
    expect((photo.result as Message.PhotoMessage).caption).toBe('Biểu đồ <tuần>');
  });

  it('edits a message; identical content is success; a vanished message is sent anew', async () => {
    const first = await channel.send(to, { text: 'v1' });
    if (!first.ok) throw new Error('send failed');
    const edited = await channel.send(to, { text: 'v2', replaceMessageId: first.platformMessageId });
    expect(edited).toEqual({ ok: true, platformMessageId: first.platformMessageId });
    const same = await channel.send(to, { text: 'v2', replaceMessageId: first.platformMessageId });
    expect(same).toEqual({ ok: true, platformMessageId: first.platformMessageId });
    const gone = await channel.send(to, { text: 'v3', replaceMessageId: '9999' });
    expect(gone.ok && gone.platformMessageId !== '9999').toBe(true);
    expect(fake.sent(4242).map((c) => c.method)).toEqual(['sendMessage', 'editMessageText', 'sendMessage']);
  });

  it('maps Bot API errors to delivery outcomes without ever showing the token', async () => {
    fake.failNext(1, { status: 429, retryAfter: 3 });
    const limited = await channel.send(to, { text: 'a' });
    expect(limited).toMatchObject({ ok: false, reason: 'rate-limited', retryAfterMs: 3000 });
    fake.failNext(1, { status: 500 });
    expect(await channel.send(to, { text: 'a' })).toMatchObject({ ok: false, reason: 'transient' });
    fake.failNext(1, { status: 400, description: 'Bad Request: can not parse entities' });
    expect(await channel.send(to, { text: 'a' })).toMatchObject({ ok: false, reason: 'permanent' });
    fake.blockChat(4242);
    const blocked = await channel.send(to, { text: 'a' });
    expect(blocked).toMatchObject({ ok: false, reason: 'not-reachable' });
    const wrong = new TelegramChannel({
      token: '999999:WRONG_TOKEN_abcdefghijklmnop',
      apiRoot: fake.apiRoot,
    });
    const auth = await wrong.send(to, { text: 'a' });
    expect(auth).toMatchObject({ ok: false, reason: 'auth' });
    const down = new TelegramChannel({ token: fake.token, apiRoot: 'http://127.0.0.1:1' });
    const network = await down.send(to, { text: 'a' });
    expect(network).toMatchObject({ ok: false, reason: 'transient' });
    for (const r of [limited, blocked, auth, network]) expect(JSON.stringify(r)).not.toContain(fake.token);
  });

  it('times out a hanging request as transient', async () => {
    const slow = new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, requestTimeoutMs: 200 });
    fake.failNext(1, { delayMs: 2000 });
    const result = await slow.send(to, { text: 'a' });
    expect(result).toMatchObject({ ok: false, reason: 'transient' });
    expect(JSON.stringify(result)).not.toContain(fake.token);
  });

  it('GIVEN a forum topic THEN the message goes to it; a deleted topic falls back to the chat, once per send', async () => {
    const forum = -1001000000888;
    const topic = fake.createForumTopic({ id: 4242, first_name: 'Lan' }, forum, 'Báo cáo');
    const address = { channel: 'telegram' as const, chatId: String(forum) };
    const sent = await channel.send(address, { text: 'Đã ghi nhận', threadId: String(topic) });
    expect(sent.ok).toBe(true);
    expect(fake.sent(forum).map((c) => c.params['message_thread_id'])).toEqual([topic]);
    fake.deleteForumTopic(forum, topic);
    const long = `${'dòng\n'.repeat(900)}hết`;
    const fallback = await channel.send(address, { text: long, threadId: String(topic) });
    expect(fallback.ok).toBe(true);
    const calls = fake.calls.filter(
      (c) => c.method === 'sendMessage' && String(c.params['chat_id']) === String(forum),
    );
    // The refused part once, then every part without the thread.
    expect(calls.slice(1).map((c) => [c.status, c.params['message_thread_id'] ?? null])).toEqual([
      [400, topic],
      [200, null],
      [200, null],
    ]);
  });
});
