import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegramServer } from '../../test/fakes/telegram-api-server.ts';
import { createTelegramBot, TELEGRAM_HANDLER_TIMEOUT_MS, type TelegramBot } from './create-telegram-bot.ts';
import { RecordingHandler, RecordingLogger } from './recorders.test-support.ts';

const LAN = { id: 4242, first_name: 'Lan', language_code: 'vi' };
const NOW = new Date('2026-03-02T01:30:00Z');

let fake: FakeTelegram;
let handler: RecordingHandler;
let logger: RecordingLogger;
let telegram: TelegramBot;

beforeEach(async () => {
  fake = await startFakeTelegramServer({ botUsername: 'De06Bot' });
  handler = new RecordingHandler();
  logger = new RecordingLogger();
  telegram = createTelegramBot({ token: fake.token, apiRoot: fake.apiRoot, handler, logger, now: () => NOW });
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
  it('GIVEN a text command THEN the handler gets a normalised message, @name removed', async () => {
    telegram.startPolling();
    const updateId = fake.injectText(LAN, '/baocao@De06Bot 12 xong');
    const [message] = await handler.received(1);
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

  it('GIVEN a button press THEN the query is answered before the handler runs, and kind is button', async () => {
    const sent = await telegram.bot.telegram.sendMessage(4242, 'Nhắc hạn #12', {
      reply_markup: { inline_keyboard: [[{ text: 'Xong', callback_data: '#12 xong' }]] },
    });
    let answeredBeforeHandling = false;
    handler.onHandle = () => {
      answeredBeforeHandling = fake.calls.some((c) => c.method === 'answerCallbackQuery' && c.status === 200);
      return 'processed';
    };
    telegram.startPolling();
    fake.injectCallback(LAN, '#12 xong', sent.message_id);
    const [message] = await handler.received(1);
    expect(answeredBeforeHandling).toBe(true);
    expect(message).toMatchObject({
      kind: 'button',
      text: '#12 xong',
      replyToMessageId: String(sent.message_id),
      chatId: '4242',
      receivedAt: NOW,
    });
    expect(message?.callbackId).toEqual(expect.any(String));
  });

  it('GIVEN a handler that throws THEN the error is logged and the next update is still delivered', async () => {
    handler.onHandle = (message) => {
      if (message.text === 'first') throw new Error('database down');
      return 'processed';
    };
    telegram.startPolling();
    fake.injectText(LAN, 'first');
    await handler.received(1);
    fake.injectText(LAN, 'second');
    const messages = await handler.received(2);
    expect(messages.map((m) => m.text)).toEqual(['first', 'second']);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'telegram update failed' }),
    );
  });

  it('GIVEN an update the bot does not handle THEN the handler is not called', async () => {
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
    const messages = await handler.received(1);
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
    expect(handler.messages).toHaveLength(0);
    await expect(telegram.stop()).resolves.toBeUndefined();
  });
});
