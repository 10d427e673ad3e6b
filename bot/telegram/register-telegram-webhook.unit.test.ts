import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeTelegram,
  postUpdateToWebhook,
  startFakeTelegramServer,
} from '../../test/fakes/telegram-api-server.ts';
import { createTelegramBot, type TelegramBot } from './create-telegram-bot.ts';
import { RecordingIntake, RecordingLogger } from './recorders.test-support.ts';
import { registerTelegramWebhook, setTelegramWebhook } from './register-telegram-webhook.ts';

const SECRET = 'webhook_Secret-0123456789';
const LAN = { id: 4242, first_name: 'Lan', language_code: 'vi' };
const DATE = 1_772_400_000;

const textUpdate = (updateId: number, text: string) => ({
  update_id: updateId,
  message: {
    message_id: 7,
    date: DATE,
    chat: { id: 4242, type: 'private', first_name: 'Lan' },
    from: { is_bot: false, ...LAN },
    text,
  },
});

let fake: FakeTelegram;
let intake: RecordingIntake;
let logger: RecordingLogger;
let telegram: TelegramBot;
let app: FastifyInstance;
let url: string;

beforeEach(async () => {
  fake = await startFakeTelegramServer({ botUsername: 'De06Bot', webhookRetryDelayMs: 20 });
  intake = new RecordingIntake();
  logger = new RecordingLogger();
  telegram = createTelegramBot({ token: fake.token, apiRoot: fake.apiRoot, intake, logger });
  app = Fastify({ logger: false });
  registerTelegramWebhook(app, { path: '/webhooks/telegram', secretToken: SECRET, bot: telegram, logger });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/webhooks/telegram`;
});

afterEach(async () => {
  await app.close();
  await fake.close();
});

const json = (body: Buffer) => JSON.parse(body.toString('utf8')) as unknown;

describe('registerTelegramWebhook', () => {
  it('GIVEN the right secret THEN 200 {ok:true} and the update is handled', async () => {
    const answer = await postUpdateToWebhook(url, textUpdate(500, '#12 xong'), SECRET);
    expect(answer.status).toBe(200);
    expect(json(answer.body)).toEqual({ ok: true });
    expect(intake.messages).toHaveLength(1);
    expect(intake.messages[0]).toMatchObject({ platformId: '500', kind: 'text', text: '#12 xong' });
  });

  it.each([
    ['a wrong secret', 'webhook_Secret-0123456780'],
    ['a secret of another length', 'x'],
    ['no secret', undefined],
  ])('GIVEN %s THEN 401 and nothing is handled', async (_name, secret) => {
    const answer = await postUpdateToWebhook(url, textUpdate(501, 'xong'), secret);
    expect(answer.status).toBe(401);
    expect(intake.messages).toHaveLength(0);
    expect(fake.calls).toHaveLength(0);
  });

  it.each([
    ['no update_id', { message: textUpdate(1, 'x').message }],
    ['a string update_id', { update_id: '502' }],
    ['an array', [textUpdate(502, 'x')]],
  ])('GIVEN a body with %s THEN 400 and nothing is handled', async (_name, body) => {
    const answer = await postUpdateToWebhook(url, body, SECRET);
    expect(answer.status).toBe(400);
    expect(intake.messages).toHaveLength(0);
  });

  it('GIVEN the same update twice THEN both reach the intake with the same platformId', async () => {
    const update = textUpdate(503, 'xong');
    expect((await postUpdateToWebhook(url, update, SECRET)).status).toBe(200);
    expect((await postUpdateToWebhook(url, update, SECRET)).status).toBe(200);
    expect(intake.messages.map((m) => m.platformId)).toEqual(['503', '503']);
  });

  it('GIVEN an update that cannot be stored THEN 500, so that Telegram delivers the update again', async () => {
    intake.onAccept = () => {
      throw new Error('database down');
    };
    const answer = await postUpdateToWebhook(url, textUpdate(504, 'xong'), SECRET);
    expect(answer.status).toBe(500);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'telegram webhook: update failed' }),
    );
    intake.onAccept = () => undefined;
    expect((await postUpdateToWebhook(url, textUpdate(504, 'xong'), SECRET)).status).toBe(200);
  });

  it('GIVEN a body over 1 MiB THEN 413 and nothing is handled', async () => {
    const answer = await postUpdateToWebhook(url, textUpdate(505, 'x'.repeat(1024 * 1024)), SECRET);
    expect(answer.status).toBe(413);
    expect(intake.messages).toHaveLength(0);
  });

  it('GIVEN a webhook set through setTelegramWebhook THEN the fake delivers to the route, a button press included', async () => {
    const sent = await telegram.bot.telegram.sendMessage(4242, 'Nhắc hạn #12', {
      reply_markup: { inline_keyboard: [[{ text: 'Xong', callback_data: '#12 xong' }]] },
    });
    await setTelegramWebhook(telegram.bot.telegram, { url, secretToken: SECRET });
    const set = fake.calls.find((c) => c.method === 'setWebhook');
    expect(set?.params).toMatchObject({
      url,
      secret_token: SECRET,
      drop_pending_updates: false,
      allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'],
    });
    fake.injectCallback(LAN, '#12 xong', sent.message_id);
    const [message] = await intake.received(1);
    expect(message).toMatchObject({
      kind: 'button',
      text: '#12 xong',
      replyToMessageId: String(sent.message_id),
    });
    const answered = await fake.waitFor((c) => c.method === 'answerCallbackQuery');
    expect(answered.status).toBe(200);
  });

  it('GIVEN a button press too old to answer, delivered twice THEN both are handled without warnings', async () => {
    const sent = await telegram.bot.telegram.sendMessage(4242, 'Nhắc hạn #12', {
      reply_markup: { inline_keyboard: [[{ text: 'Xong', callback_data: '#12 xong' }]] },
    });
    const update = {
      update_id: 506,
      callback_query: {
        id: 'cb-506',
        chat_instance: '1',
        from: { is_bot: false, ...LAN },
        message: sent,
        data: '#12 xong',
      },
    };
    expect((await postUpdateToWebhook(url, update, SECRET)).status).toBe(200);
    expect((await postUpdateToWebhook(url, update, SECRET)).status).toBe(200);
    expect(intake.messages.map((m) => m.callbackId)).toEqual(['cb-506', 'cb-506']);
    expect(logger.entries.filter((e) => e.level !== 'info')).toEqual([]);
  });
});
