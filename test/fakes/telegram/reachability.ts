/**
 * Chats the bot can no longer write to, answered as the real Bot API answers them, and the updates
 * Telegram sends when that changes:
 * - 403 for a user who blocked the bot or was deactivated, a group or supergroup that removed the bot, a
 *   user who never opened a chat with it; 400 "chat not found";
 * - a group upgraded to a supergroup: sends to the old id answer 400 "group chat was upgraded to a
 *   supergroup chat" with `parameters.migrate_to_chat_id`, and two service messages announce the move
 *   (`migrate_to_chat_id` in the old group, `migrate_from_chat_id` in the new supergroup);
 * - `my_chat_member` (ChatMemberUpdated) when the bot's status in a chat changes.
 */
import type { Chat, ChatMember, User } from 'telegraf/types';
import { makeChat } from './chats.ts';
import { type FakeUser, toUser, type UpdateInput } from './inject.ts';
import { nowSeconds } from './methods/common.ts';
import type { FakeState } from './state.ts';

/** The bot as a ChatMember with `status`. */
function botMember(bot: User, status: ChatMember['status']): ChatMember {
  if (status === 'kicked') return { status, user: bot, until_date: 0 };
  if (status === 'administrator') {
    return {
      status,
      user: bot,
      can_be_edited: false,
      is_anonymous: false,
      can_manage_chat: true,
      can_delete_messages: false,
      can_manage_video_chats: false,
      can_restrict_members: false,
      can_promote_members: false,
      can_change_info: false,
      can_invite_users: true,
      can_post_stories: false,
      can_edit_stories: false,
      can_delete_stories: false,
    };
  }
  return { status, user: bot } as ChatMember;
}

/**
 * A `my_chat_member` update: `from` changed the bot's status in `chatId` from `before` to `after`
 * (a private chat's user blocking the bot: member -> kicked; unblocking: kicked -> member).
 */
export function myChatMemberUpdate(
  state: FakeState,
  from: FakeUser,
  chatId: number,
  before: ChatMember['status'],
  after: ChatMember['status'],
): UpdateInput {
  const chat: Chat = state.chats.knows(chatId)
    ? state.chats.chat(chatId)
    : makeChat(
        chatId,
        chatId === from.id ? 'private' : undefined,
        chatId === from.id ? from.first_name : undefined,
      );
  state.chats.remember(chat);
  return {
    my_chat_member: {
      chat: chat as never,
      from: toUser(from),
      date: nowSeconds(),
      old_chat_member: botMember(state.bot, before),
      new_chat_member: botMember(state.bot, after),
    },
  };
}

/**
 * Upgrades group `groupId` to supergroup `supergroupId`: later sends to the old id are refused with
 * `migrate_to_chat_id`. Returns the two service-message updates Telegram sends (old group first).
 */
export function upgradeToSupergroup(
  state: FakeState,
  from: FakeUser,
  groupId: number,
  supergroupId: number,
): UpdateInput[] {
  const old = state.chats.knows(groupId) ? state.chats.chat(groupId) : makeChat(groupId, 'group');
  const title = 'title' in old ? old.title : 'Test group';
  state.migratedChats.set(groupId, supergroupId);
  const supergroup = makeChat(supergroupId, 'supergroup', title);
  state.chats.remember(supergroup);
  const user = toUser(from);
  return [
    { message: { chat: old, from: user, migrate_to_chat_id: supergroupId } as never },
    { message: { chat: supergroup, from: user, migrate_from_chat_id: groupId } as never },
  ];
}
