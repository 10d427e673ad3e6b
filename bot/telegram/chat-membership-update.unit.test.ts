import { describe, expect, it } from 'vitest';
import { toIncomingMessage } from './to-incoming-message.ts';

const NOW = new Date('2026-03-02T01:30:00Z');
const DATE = 1_772_400_000;
const LAN = { id: 4242, is_bot: false, first_name: 'Lan', language_code: 'vi' };
const BOT = { id: 123456, is_bot: true, first_name: 'Bot' };
const PRIVATE = { id: 4242, type: 'private', first_name: 'Lan' };
const GROUP = { id: -5001, type: 'group', title: 'Ban Chỉ đạo' };
const SUPERGROUP = { id: -1005001, type: 'supergroup', title: 'Ban Chỉ đạo' };

const member = (status: string, extra: object = {}) => ({ status, user: BOT, ...extra });
const chatMember = (chat: object, before: object, after: object) =>
  toIncomingMessage(
    {
      update_id: 7,
      my_chat_member: { chat, from: LAN, date: DATE, old_chat_member: before, new_chat_member: after },
    },
    { now: NOW },
  );

describe('my_chat_member', () => {
  it.each([
    [
      'a user blocks the bot',
      PRIVATE,
      member('member'),
      member('kicked', { until_date: 0 }),
      'unfollow',
      false,
    ],
    [
      'a user unblocks the bot',
      PRIVATE,
      member('kicked', { until_date: 0 }),
      member('member'),
      'follow',
      false,
    ],
    ['the bot is removed from a group', GROUP, member('member'), member('left'), 'unfollow', true],
    [
      'the bot is banned from a supergroup',
      SUPERGROUP,
      member('administrator'),
      member('kicked'),
      'unfollow',
      true,
    ],
    ['the bot is added to a group', GROUP, member('left'), member('member'), 'follow', true],
    [
      'the bot is made admin of a group it had left',
      GROUP,
      member('left'),
      member('administrator'),
      'follow',
      true,
    ],
    [
      'the bot is restricted but stays a member',
      GROUP,
      member('left'),
      member('restricted', { is_member: true }),
      'follow',
      true,
    ],
  ])('GIVEN %s THEN %s', (_what, chat, before, after, kind, isGroup) => {
    expect(chatMember(chat, before, after)).toMatchObject({
      channel: 'telegram',
      platformId: '7',
      chatId: String((chat as { id: number }).id),
      userId: '4242',
      kind,
      isGroup,
      receivedAt: new Date(DATE * 1000),
    });
  });

  it.each([
    ['member -> administrator (still in)', member('member'), member('administrator')],
    ['kicked -> left (still out)', member('kicked'), member('left')],
  ])('GIVEN %s THEN null', (_what, before, after) => {
    expect(chatMember(GROUP, before, after)).toBeNull();
  });

  it('GIVEN a malformed my_chat_member THEN null', () => {
    expect(toIncomingMessage({ update_id: 8, my_chat_member: { chat: GROUP } }, { now: NOW })).toBeNull();
  });
});

describe('group upgraded to a supergroup', () => {
  it('GIVEN migrate_to_chat_id in the old group THEN moved from the old id to the new one', () => {
    const update = {
      update_id: 9,
      message: { message_id: 3, date: DATE, chat: GROUP, from: LAN, migrate_to_chat_id: -1005001 },
    };
    expect(toIncomingMessage(update, { now: NOW })).toMatchObject({
      kind: 'moved',
      chatId: '-5001',
      movedToChatId: '-1005001',
      isGroup: true,
    });
  });

  it('GIVEN migrate_from_chat_id in the new supergroup THEN the same move', () => {
    const update = {
      update_id: 10,
      message: { message_id: 1, date: DATE, chat: SUPERGROUP, from: LAN, migrate_from_chat_id: -5001 },
    };
    expect(toIncomingMessage(update, { now: NOW })).toMatchObject({
      kind: 'moved',
      chatId: '-5001',
      movedToChatId: '-1005001',
    });
  });
});
