import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Input, Telegraf, Telegram, TelegramError } from 'telegraf';
import type { Message } from 'telegraf/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeTelegram,
  type FakeTelegramOptions,
  postUpdateToWebhook,
  startFakeTelegramServer,
  type UploadedFile,
} from './telegram-api-server.ts';

const USER = { id: 4242, first_name: 'Lan', language_code: 'vi' };
let fake: FakeTelegram;
let telegram: Telegram;

async function start(options: FakeTelegramOptions = {}): Promise<void> {
  fake = await startFakeTelegramServer(options);
  telegram = new Telegram(fake.token, { apiRoot: fake.apiRoot });
}

async function apiError(call: Promise<unknown>): Promise<TelegramError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TelegramError);
  return error as TelegramError;
}

beforeEach(async () => start());
afterEach(async () => fake.close());

describe('envelope and routing', () => {
  it('GIVEN the default token THEN getMe returns the bot user', async () => {
    const me = await telegram.getMe();
    expect(me).toMatchObject({ id: 123456, is_bot: true, username: 'test_bot' });
    expect(fake.calls[0]).toMatchObject({ method: 'getMe', status: 200, via: 'http' });
  });

  it('GIVEN a wrong token THEN 401 Unauthorized', async () => {
    const other = new Telegram('999:WRONG', { apiRoot: fake.apiRoot });
    const error = await apiError(other.getMe());
    expect(error.code).toBe(401);
    expect(error.description).toBe('Unauthorized');
  });

  it('GIVEN an unknown method, a urlencoded body and the /test path THEN real envelopes', async () => {
    const unknown = await fetch(`${fake.apiRoot}/bot${fake.token}/sendTelepathy`, { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    const form = await fetch(`${fake.apiRoot}/bot${fake.token}/test/SENDMESSAGE`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'chat_id=7&text=xin%20ch%C3%A0o',
    });
    expect(await form.json()).toMatchObject({ ok: true, result: { text: 'xin chào', chat: { id: 7 } } });
    expect(fake.sent(7)[0]?.method).toBe('sendMessage');
  });
});

describe('sendMessage', () => {
  it('GIVEN a text THEN the call is recorded and a realistic Message returned', async () => {
    const first = await telegram.sendMessage(USER.id, 'Hạn nộp báo cáo: 15/05', {
      reply_markup: { inline_keyboard: [[{ text: 'Đã xong', callback_data: 'done:1' }]] },
    });
    const second = await telegram.sendMessage(USER.id, 'Nhắc lần 2');
    expect(first).toMatchObject({
      message_id: 1,
      from: { id: 123456, is_bot: true },
      chat: { id: USER.id, type: 'private' },
      text: 'Hạn nộp báo cáo: 15/05',
      reply_markup: { inline_keyboard: [[{ text: 'Đã xong', callback_data: 'done:1' }]] },
    });
    expect(second.message_id).toBe(2);
    expect(Math.abs(first.date - Date.now() / 1000)).toBeLessThan(5);
    expect(fake.sent(USER.id).map((c) => c.params['text'])).toEqual(['Hạn nộp báo cáo: 15/05', 'Nhắc lần 2']);
    expect(fake.sent(1)).toEqual([]);
  });

  it('GIVEN HTML THEN tags become entities; bad HTML and overlong text are 400', async () => {
    const message = await telegram.sendMessage(-1001234567890, '<b>Quý I</b> &amp; <i>2024</i>', {
      parse_mode: 'HTML',
    });
    expect(message.text).toBe('Quý I & 2024');
    expect(message.chat.type).toBe('supergroup');
    expect(message.entities).toEqual([
      { type: 'bold', offset: 0, length: 5 },
      { type: 'italic', offset: 8, length: 4 },
    ]);
    const unbalanced = await apiError(telegram.sendMessage(1, '<b>x', { parse_mode: 'HTML' }));
    expect(unbalanced.code).toBe(400);
    expect(unbalanced.description).toMatch(/^Bad Request: can't parse entities: /);
    const unknownTag = await apiError(telegram.sendMessage(1, '<div>x</div>', { parse_mode: 'HTML' }));
    expect(unknownTag.description).toContain('Unsupported start tag "div"');
    const tooLong = await apiError(telegram.sendMessage(1, 'a'.repeat(4097)));
    expect(tooLong.description).toBe('Bad Request: message is too long');
    await expect(telegram.sendMessage(1, 'a'.repeat(4096))).resolves.toMatchObject({ message_id: 1 });
    const empty = await apiError(telegram.sendMessage(1, '  '));
    expect(empty.description).toBe('Bad Request: message text is empty');
  });

  it('GIVEN a blocked chat THEN 403 bot was blocked by the user', async () => {
    fake.blockChat(USER.id);
    const error = await apiError(telegram.sendMessage(USER.id, 'x'));
    expect(error.code).toBe(403);
    expect(error.description).toBe('Forbidden: bot was blocked by the user');
  });
});

describe('failures and flood limits', () => {
  it('GIVEN failNext 429 THEN TelegramError carries parameters.retry_after', async () => {
    fake.failNext(1, { status: 429, retryAfter: 7 });
    const error = await apiError(telegram.sendMessage(USER.id, 'x'));
    expect(error.code).toBe(429);
    expect(error.description).toBe('Too Many Requests: retry after 7');
    expect(error.parameters).toEqual({ retry_after: 7 });
    expect(fake.http429Count).toBe(1);
    await expect(telegram.sendMessage(USER.id, 'x')).resolves.toMatchObject({ message_id: 1 });
  });

  it('GIVEN failNext 500, 403 and a delay THEN each is answered as scripted', async () => {
    fake.failNext(1, { status: 500 });
    fake.failNext(1, { status: 403, description: 'Forbidden: bot was blocked by the user' });
    fake.failNext(1, { delayMs: 150 });
    expect((await apiError(telegram.sendMessage(1, 'x'))).code).toBe(500);
    expect((await apiError(telegram.sendMessage(1, 'x'))).code).toBe(403);
    const started = Date.now();
    await telegram.sendMessage(1, 'x');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('GIVEN perChatPerSecond 1 THEN a second send to one chat within 1 s is 429', async () => {
    await fake.close();
    await start({ perChatPerSecond: 1 });
    await telegram.sendMessage(1, 'a');
    const error = await apiError(telegram.sendMessage(1, 'b'));
    expect(error.code).toBe(429);
    expect(error.parameters?.retry_after).toBe(1);
    await telegram.sendMessage(2, 'other chat is fine');
    expect(fake.http429Count).toBe(1);
    expect(fake.sent()).toHaveLength(2);
  });

  it('GIVEN globalRatePerSecond 3 THEN the 4th and 5th concurrent sends are 429', async () => {
    await fake.close();
    await start({ globalRatePerSecond: 3, retryAfterSeconds: 2 });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((chat) => telegram.sendMessage(chat, 'x')));
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(2);
    for (const r of rejected) expect((r.reason as TelegramError).parameters?.retry_after).toBe(2);
    expect(fake.http429Count).toBe(2);
  });
});

describe('editing and callback queries', () => {
  it('GIVEN identical content THEN editMessageText is 400 message is not modified', async () => {
    const sent = await telegram.sendMessage(USER.id, 'Tiến độ: 50%');
    const error = await apiError(
      telegram.editMessageText(USER.id, sent.message_id, undefined, 'Tiến độ: 50%'),
    );
    expect(error.code).toBe(400);
    expect(error.description).toMatch(/^Bad Request: message is not modified/);
    const edited = await telegram.editMessageText(USER.id, sent.message_id, undefined, 'Tiến độ: 80%');
    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'Tiến độ: 80%' });
    expect(typeof edited === 'object' && edited.edit_date).toBeGreaterThan(0);
    const missing = await apiError(telegram.editMessageText(USER.id, 99, undefined, 'x'));
    expect(missing.description).toBe('Bad Request: message to edit not found');
  });

  it('GIVEN a callback query THEN it can be answered once only', async () => {
    const sent = await telegram.sendMessage(USER.id, 'Xác nhận?');
    fake.injectCallback(USER, 'yes', sent.message_id);
    const [update] = await telegram.getUpdates(0, 100, 0, undefined);
    const queryId = update && 'callback_query' in update ? update.callback_query.id : '';
    await expect(telegram.answerCbQuery(queryId, 'OK')).resolves.toBe(true);
    const again = await apiError(telegram.answerCbQuery(queryId));
    expect(again.description).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
  });
});

describe('getUpdates', () => {
  it('GIVEN injected updates THEN offset confirms and limit caps', async () => {
    const first = fake.injectText(USER, 'một');
    fake.injectText(USER, 'hai');
    fake.injectText(USER, 'ba');
    expect((await telegram.getUpdates(0, 2, 0, undefined)).map((u) => u.update_id)).toEqual([
      first,
      first + 1,
    ]);
    const rest = await telegram.getUpdates(0, 100, first + 2, undefined);
    expect(rest.map((u) => u.update_id)).toEqual([first + 2]);
    const message = (rest[0] as { message: Message.TextMessage }).message;
    expect(message).toMatchObject({ message_id: 3, text: 'ba', chat: { id: USER.id, type: 'private' } });
    expect(await telegram.getUpdates(0, 100, first + 3, undefined)).toEqual([]);
  });

  it('GIVEN a long poll THEN it is held until an update arrives', async () => {
    const started = Date.now();
    const poll = telegram.getUpdates(10, 100, 0, undefined);
    setTimeout(() => fake.injectText(USER, '/start'), 100);
    const updates = await poll;
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(updates[0]).toMatchObject({
      message: { entities: [{ type: 'bot_command', offset: 0, length: 6 }] },
    });
  });

  it('GIVEN two pollers THEN the first is terminated with 409', async () => {
    const first = telegram.getUpdates(10, 100, 0, undefined);
    await fake.waitFor(() => true, 50).catch(() => undefined);
    const second = telegram.getUpdates(0, 100, 0, undefined);
    expect((await apiError(first)).code).toBe(409);
    await expect(second).resolves.toEqual([]);
  });

  it('GIVEN a webhook THEN getUpdates is 409 Conflict', async () => {
    await telegram.setWebhook('https://bot.example.vn/telegram');
    const error = await apiError(telegram.getUpdates(0, 100, 0, undefined));
    expect(error.code).toBe(409);
    expect(error.description).toContain("can't use getUpdates method while webhook is active");
    expect(await telegram.getWebhookInfo()).toMatchObject({ url: 'https://bot.example.vn/telegram' });
    await telegram.deleteWebhook();
    await expect(telegram.getUpdates(0, 100, 0, undefined)).resolves.toEqual([]);
  });
});

describe('Telegraf bot in polling mode', () => {
  it('GIVEN an injected text and a button press THEN the handlers run and answer', async () => {
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
    bot.start((ctx) =>
      ctx.reply(`Chào ${ctx.from.first_name}`, {
        reply_markup: { inline_keyboard: [[{ text: 'Xong', callback_data: 'done' }]] },
      }),
    );
    bot.action('done', async (ctx) => {
      await ctx.answerCbQuery('Đã ghi nhận');
      await ctx.editMessageText('Đã hoàn thành');
    });
    const launched = bot.launch();
    try {
      fake.injectText(USER, '/start');
      const reply = await fake.waitFor((c) => c.method === 'sendMessage', 3000);
      expect(reply.params).toMatchObject({ chat_id: USER.id, text: 'Chào Lan' });
      const messageId = (reply.result as Message.TextMessage).message_id;
      fake.injectCallback(USER, 'done', messageId);
      const answered = await fake.waitFor((c) => c.method === 'answerCallbackQuery', 3000);
      expect(answered.status).toBe(200);
      await fake.waitFor((c) => c.method === 'editMessageText' && c.status === 200, 3000);
    } finally {
      bot.stop('test over');
      await launched;
    }
    expect(fake.calls.map((c) => c.method)).toContain('deleteWebhook');
  });
});

describe('files', () => {
  it('GIVEN sendDocument with a buffer THEN filename and bytes are recorded', async () => {
    const bytes = Buffer.from('PK fake xlsx bytes');
    const message = await telegram.sendDocument(USER.id, Input.fromBuffer(bytes, 'tien-do-Q1.xlsx'), {
      caption: 'Báo cáo quý I',
    });
    expect(message.document).toMatchObject({
      file_name: 'tien-do-Q1.xlsx',
      mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      file_size: bytes.length,
    });
    expect(message.caption).toBe('Báo cáo quý I');
    const recorded = fake.sent(USER.id)[0]!.params['document'] as UploadedFile;
    expect(recorded.filename).toBe('tien-do-Q1.xlsx');
    expect(recorded.bytes.equals(bytes)).toBe(true);
    const again = await telegram.sendDocument(USER.id, message.document.file_id);
    expect(again.document.file_id).toBe(message.document.file_id);
    const long = await apiError(
      telegram.sendDocument(USER.id, Input.fromBuffer(bytes), { caption: 'x'.repeat(1025) }),
    );
    expect(long.description).toBe('Bad Request: message caption is too long');
  });

  it('GIVEN sendPhoto with a PNG THEN its size is read from the header', async () => {
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(1600, 16);
    png.writeUInt32BE(900, 20);
    const message = await telegram.sendPhoto(-200, Input.fromBuffer(png, 'chart.png'));
    expect(message.photo.at(-1)).toMatchObject({ width: 1600, height: 900, file_size: 33 });
    expect(message.chat.type).toBe('group');
    expect((fake.sent()[0]!.params['photo'] as UploadedFile).filename).toBe('chart.png');
  });
});

describe('webhook mode', () => {
  it('GIVEN a webhook with a secret THEN updates are POSTed with the header and reply methods run', async () => {
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
    bot.on('callback_query', (ctx) => ctx.answerCbQuery('ok'));
    bot.on('text', (ctx) => ctx.reply(`echo ${ctx.message.text}`));
    const handle = bot.webhookCallback('/hook', { secretToken: 's3cret_token' });
    const server = createServer((req, res) => void handle(req, res));
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      await telegram.setWebhook(url, { secret_token: 's3cret_token' });
      fake.injectText(USER, 'báo cáo');
      await fake.waitFor((c) => c.method === 'sendMessage' && c.params['text'] === 'echo báo cáo', 3000);
      const sent = await telegram.sendMessage(USER.id, 'Chọn');
      fake.injectCallback(USER, 'x', sent.message_id);
      const viaReply = await fake.waitFor((c) => c.method === 'answerCallbackQuery', 3000);
      expect(viaReply).toMatchObject({ via: 'webhook-reply', status: 200 });
      expect(await telegram.getWebhookInfo()).toMatchObject({ url, pending_update_count: 0 });
      const forged = await postUpdateToWebhook(url, { update_id: 1, message: { text: 'x' } }, 'wrong');
      expect(forged.status).toBe(403);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('GIVEN an unreachable webhook THEN getWebhookInfo reports the error and the update stays pending', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await new Promise((resolve) => probe.once('listening', resolve));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/hook`;
    await new Promise((resolve) => probe.close(resolve));
    await telegram.setWebhook(url);
    fake.injectText(USER, 'xin chào');
    let info = await telegram.getWebhookInfo();
    for (let i = 0; i < 50 && info.last_error_message === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      info = await telegram.getWebhookInfo();
    }
    expect(info).toMatchObject({ url, pending_update_count: 1, last_error_message: 'Connection refused' });
  });
});

describe('lifecycle', () => {
  it('GIVEN a pending long poll THEN close() answers it and leaves no sockets or servers', async () => {
    const tcp = () => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
    await fake.close();
    const baseline = tcp();
    await start();
    const poll = telegram.getUpdates(30, 100, 0, undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await fake.close();
    await expect(poll).resolves.toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
    for (let i = 0; i < 50 && tcp() > baseline; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(tcp()).toBeLessThanOrEqual(baseline);
  });

  it('GIVEN reset() THEN calls, counters and history are cleared', async () => {
    fake.failNext(1, { status: 429, retryAfter: 1 });
    await apiError(telegram.sendMessage(1, 'x'));
    fake.reset();
    expect(fake.calls).toEqual([]);
    expect(fake.http429Count).toBe(0);
    await expect(telegram.sendMessage(1, 'x')).resolves.toMatchObject({ message_id: 1 });
  });
});

describe('forum topics', () => {
  it('GIVEN a topic THEN messages in it carry its thread, sends to it succeed until it is deleted', async () => {
    const forum = -1001000000777;
    const topic = fake.createForumTopic(USER, forum, 'Báo cáo');
    fake.injectText(USER, 'xin chào', { chatId: forum, chatType: 'supergroup', threadId: topic });
    const [update] = await telegram.getUpdates(0, 10, 0, undefined);
    expect((update as { message: Message.TextMessage }).message).toMatchObject({
      message_thread_id: topic,
      is_topic_message: true,
      reply_to_message: { message_id: topic, forum_topic_created: { name: 'Báo cáo' } },
    });
    const sent = await telegram.sendMessage(forum, 'ok', { message_thread_id: topic });
    expect(sent).toMatchObject({ message_thread_id: topic, is_topic_message: true });
    fake.deleteForumTopic(forum, topic);
    const error = await apiError(telegram.sendMessage(forum, 'ok', { message_thread_id: topic }));
    expect([error.code, error.description]).toEqual([400, 'Bad Request: message thread not found']);
    await expect(telegram.sendMessage(forum, 'ok')).resolves.toMatchObject({ chat: { id: forum } });
  });
});
