/**
 * Telegram updates that change whether (and where) the bot can write to a chat, as the channel port's
 * {@link IncomingMessage}:
 * - `my_chat_member` (Bot API ChatMemberUpdated): the bot's own status in a chat changed. `kicked` (a
 *   private chat's user blocked the bot, or the bot was removed from a group) and `left` -> `unfollow`;
 *   `member`, `administrator` (unblocked, added back) and a `restricted` member that is still a member ->
 *   `follow`. A change that keeps the bot in (member -> administrator) or out converts to null.
 * - the service messages of a group upgraded to a supergroup: `migrate_to_chat_id` (sent in the old group)
 *   and `migrate_from_chat_id` (sent in the new supergroup) -> `moved` from the old id to the new one.
 * Pure and total: anything malformed converts to null.
 */
import { z } from 'zod';
import type { IncomingMessage } from '../../handlers/channel.ts';

const loose = z.looseObject;
const id = z.number().int();
const chatSchema = loose({ id, type: z.string(), title: z.string().optional() });
const userSchema = loose({ id, is_bot: z.boolean().optional(), language_code: z.string().optional() });
const memberSchema = loose({ status: z.string(), is_member: z.boolean().optional() });

const chatMemberUpdatedSchema = loose({
  chat: chatSchema,
  from: userSchema,
  date: z.number().int().nonnegative(),
  old_chat_member: memberSchema,
  new_chat_member: memberSchema,
});

const migrationSchema = loose({
  chat: chatSchema,
  date: z.number().int().nonnegative(),
  from: userSchema.optional(),
  migrate_to_chat_id: id.optional(),
  migrate_from_chat_id: id.optional(),
});

/** True when a ChatMember status (Bot API) lets the bot write to the chat. */
function isIn(member: z.infer<typeof memberSchema>): boolean {
  if (member.status === 'restricted') return member.is_member === true;
  return member.status === 'member' || member.status === 'administrator' || member.status === 'creator';
}

const isGroup = (type: string) => type === 'group' || type === 'supergroup';

/** A `my_chat_member` payload as `follow`/`unfollow`, or null when reachability did not change. */
export function fromMyChatMember(payload: unknown, platformId: string, raw: unknown): IncomingMessage | null {
  const parsed = chatMemberUpdatedSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { chat, from, date } = parsed.data;
  const before = isIn(parsed.data.old_chat_member);
  const after = isIn(parsed.data.new_chat_member);
  if (before === after) return null;
  return {
    channel: 'telegram',
    platformId,
    chatId: String(chat.id),
    userId: String(from.id),
    ...(from.language_code ? { languageCode: from.language_code } : {}),
    ...(chat.title ? { chatTitle: chat.title } : {}),
    kind: after ? 'follow' : 'unfollow',
    text: '',
    isGroup: isGroup(chat.type),
    receivedAt: new Date(date * 1000),
    raw,
  };
}

/** A migration service message as `moved` (old chat id -> new chat id), or null when it is none. */
export function fromMigration(payload: unknown, platformId: string, raw: unknown): IncomingMessage | null {
  const parsed = migrationSchema.safeParse(payload);
  if (!parsed.success) return null;
  const { chat, from, date, migrate_to_chat_id: to, migrate_from_chat_id: fromId } = parsed.data;
  const move =
    to !== undefined
      ? { old: chat.id, next: to }
      : fromId !== undefined
        ? { old: fromId, next: chat.id }
        : undefined;
  if (!move) return null;
  return {
    channel: 'telegram',
    platformId,
    chatId: String(move.old),
    userId: String(from?.id ?? move.old),
    kind: 'moved',
    text: '',
    movedToChatId: String(move.next),
    ...(chat.title ? { chatTitle: chat.title } : {}),
    isGroup: true,
    receivedAt: new Date(date * 1000),
    raw,
  };
}
