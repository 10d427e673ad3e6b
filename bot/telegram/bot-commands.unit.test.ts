import { Telegram } from 'telegraf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegramServer } from '../../test/fakes/telegram-api-server.ts';
import { publishCommands, TELEGRAM_COMMANDS } from './bot-commands.ts';

let fake: FakeTelegram;
let telegram: Telegram;

beforeEach(async () => {
  fake = await startFakeTelegramServer();
  telegram = new Telegram(fake.token, { apiRoot: fake.apiRoot });
});

afterEach(async () => fake.close());

describe('publishCommands', () => {
  it('GIVEN the menus THEN setMyCommands is called for Vietnamese and for the default language', async () => {
    await publishCommands(telegram);
    const calls = fake.calls.filter((c) => c.method === 'setMyCommands');
    expect(calls.map((c) => [c.status, c.params['language_code']])).toEqual([
      [200, 'vi'],
      [200, undefined],
    ]);
    const vi = await telegram.getMyCommands({ language_code: 'vi' });
    expect(vi.map((c) => `/${c.command} ${c.description}`)).toEqual([
      '/nhiemvu Nhiệm vụ của tôi',
      '/baocao Báo cáo tiến độ',
      '/trogiup Hướng dẫn',
      '/ngonngu Ngôn ngữ',
      '/xingiahan Xin gia hạn',
      '/nghiphep Nghỉ phép',
    ]);
    const english = await telegram.getMyCommands();
    expect(english.map((c) => c.command)).toEqual(['tasks', 'report', 'help', 'language', 'extend', 'leave']);
  });

  it('GIVEN each menu THEN Vietnamese commands and English aliases pair up one to one', () => {
    const [vi, en] = TELEGRAM_COMMANDS;
    expect(vi?.commands).toHaveLength(en?.commands.length ?? -1);
  });
});
