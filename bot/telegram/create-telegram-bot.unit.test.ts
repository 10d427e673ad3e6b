import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegramServer } from '../../test/fakes/telegram-api-server.ts';
import { createTelegramBot, TELEGRAM_HANDLER_TIMEOUT_MS, type TelegramBot } from './create-telegram-bot.ts';
import { RecordingIntake, RecordingLogger } from './recorders.test-support.ts';

const LAN = { id: 4242, first_name: 'Lan', language_code: 'vi' };
const NOW = new Date('2026-03-02T01:30:00Z');

let fake: FakeTelegram;
let intake: RecordingIntake;
let logger: RecordingLogger;
let telegram: TelegramBot;

beforeEach(async () => {
  fake = await startFakeTelegramServer({ botUsername: 'De06Bot' });
  intake = new RecordingIntake();
  logger = new RecordingLogger();
  telegram = createTelegramBot({
    token: fake.token,
    apiRoot: fake.apiRoot,
    intake,
    logger,
    now: () => NOW,
    storeRetryMs: 20,
  });
});

afterEach(async () => {
  await telegram.stop();
  await fake.close();
});

describe('createTelegramBot: configuration', () => {
  it('GIVEN a new bot THEN webhook replies are off and the handler timeout is under 60 s', () => {
    expect(telegram.bot.telegram.webhookReply).toBe(false);
    expect(TELEGRAM_HANDLER_TIMEOUT_MS).toBeLessThan(60_000);
  });

  it('GIVEN a bot that never polled THEN stop() resolves', async () => {
    await expect(telegram.stop()).resolves.toBeUndefined();
    expect(fake.calls).toHaveLength(0);
  });
});

describe('createTelegramBot: long polling', () => {
  it('GIVEN a text command THEN the intake gets a normalised message, @name removed', async () => {
    telegram.startPolling();
    const updateId = fake.injectText(LAN, '/baocao@De06Bot 12 xong');
    const [message] = await intake.received(1);
    expect(message).toMatchObject({
      channel: 'telegram',
      platformId: String(updateId),
      chatId: '4242',
      userId: '4242',
      userName: 'Lan',
      languageCode: 'vi',
      kind: 'text',
      text: '/baocao 12 xong',
      isGroup: false,
    });
    expect(message?.receivedAt).toBeInstanceOf(Date);
    const poll = await fake.waitFor((c) => c.method === 'getUpdates');
    expect(poll.params['allowed_updates']).toEqual([
      'message',
      'edited_message',
      'callback_query',
      'my_chat_member',
    ]);
    const deleteWebhook = fake.calls.find((c) => c.method === 'deleteWebhook');
    expect(deleteWebhook?.params['drop_pending_updates']).toBe(false);
  });

  it('GIVEN a button press THEN the query is answered at once and kind is button', async () => {
    const sent = await telegram.bot.telegram.sendMessage(4242, 'Nhắc hạn #12', {
      reply_markup: { inline_keyboard: [[{ text: 'Xong', callback_data: '#12 xong' }]] },
    });
    telegram.startPolling();
    fake.injectCallback(LAN, '#12 xong', sent.message_id);
    const [message] = await intake.received(1);
    const answered = await fake.waitFor((c) => c.method === 'answerCallbackQuery');
    expect(answered.status).toBe(200);
    expect(message).toMatchObject({
      kind: 'button',
      text: '#12 xong',
      replyToMessageId: String(sent.message_id),
      chatId: '4242',
      receivedAt: NOW,
    });
    expect(message?.callbackId).toEqual(expect.any(String));
  });

  it('GIVEN an update that cannot be stored THEN it is stored again before the next update is taken', async () => {
    let failures = 2;
    intake.onAccept = (message) => {
      if (message.text === 'first' && failures-- > 0) throw new Error('database down');
    };
    telegram.startPolling();
    fake.injectText(LAN, 'first');
    await intake.received(3);
    fake.injectText(LAN, 'second');
    const messages = await intake.received(4);
    expect(messages.map((m) => m.text)).toEqual(['first', 'first', 'first', 'second']);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'telegram update not stored; trying again' }),
    );
  });

  it('GIVEN an update the bot does not handle THEN the intake is not called', async () => {
    telegram.startPolling();
    fake.injectUpdate({
      my_chat_member: {
        chat: { id: 4242, type: 'private', first_name: 'Lan' },
        from: { is_bot: false, ...LAN },
        date: 1_772_400_000,
        // Out before and after (kicked -> left): reachability did not change, nothing to handle.
        old_chat_member: {
          status: 'kicked',
          user: { id: 123456, is_bot: true, first_name: 'Bot' },
          until_date: 0,
        },
        new_chat_member: { status: 'left', user: { id: 123456, is_bot: true, first_name: 'Bot' } },
      },
    });
    fake.injectText(LAN, 'after');
    const messages = await intake.received(1);
    expect(messages.map((m) => m.text)).toEqual(['after']);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        msg: 'telegram update ignored',
        obj: expect.objectContaining({ type: 'my_chat_member' }),
      }),
    );
  });

  it('GIVEN stop() right after startPolling THEN it resolves and polling ends', async () => {
    telegram.startPolling();
    await telegram.stop();
    const polls = fake.calls.filter((c) => c.method === 'getUpdates').length;
    fake.injectText(LAN, 'too late');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.calls.filter((c) => c.method === 'getUpdates')).toHaveLength(polls);
    expect(intake.messages).toHaveLength(0);
    await expect(telegram.stop()).resolves.toBeUndefined();
  });
});
