import { randomBytes } from 'node:crypto';
import type { Chat, Message, Update, User } from 'telegraf/types';
import { makeChat, type StoredMessage } from './chats.ts';
import { commandEntities } from './html.ts';
import { asReply, nowSeconds } from './methods/common.ts';
import type { FakeState } from './state.ts';

type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** Update kinds (`message`, `callback_query`, ...). */
export type UpdateKind = Exclude<KeysOfUnion<Update>, 'update_id'>;

/**
 * An update without `update_id`, with a shallow-partial payload. For `message`-like payloads the fake fills
 * `message_id` (next in the chat) and `date` when missing; `callback_query` gets an `id` and `chat_instance`.
 */
export type UpdateInput = { [K in UpdateKind]?: Partial<Extract<Update, Record<K, unknown>>[K]> };

/** The user sending an injected message or pressing a button. */
export interface FakeUser {
  readonly id: number;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly username?: string;
  readonly language_code?: string;
}

/** Where an injected text goes; default: the private chat with the user. */
export interface InjectTextOptions {
  readonly chatId?: number;
  readonly replyToMessageId?: number;
  readonly chatType?: Chat['type'];
  /** Group title or, for private chats, the name shown. */
  readonly chatTitle?: string;
}

const MESSAGE_KINDS = ['message', 'edited_message', 'channel_post', 'edited_channel_post'] as const;

/** A full User object from the test's shorthand. */
export function toUser(from: FakeUser): User {
  return { is_bot: false, first_name: 'User', ...from };
}

/** A text message from a user, with bot_command entities, stored in the chat history. */
export function textUpdate(
  state: FakeState,
  from: FakeUser,
  text: string,
  opts: InjectTextOptions = {},
): UpdateInput {
  const chatId = opts.chatId ?? from.id;
  const name = opts.chatTitle ?? (chatId === from.id ? (from.first_name ?? 'User') : undefined);
  const chat = makeChat(chatId, opts.chatType ?? (chatId === from.id ? 'private' : undefined), name);
  state.chats.remember(chat);
  let reply: ReturnType<typeof asReply> | undefined;
  if (opts.replyToMessageId !== undefined) {
    const original = state.chats.get(chatId, opts.replyToMessageId);
    if (!original) throw new Error(`injectText: no message ${opts.replyToMessageId} in chat ${chatId}`);
    reply = asReply(original);
  }
  const entities = commandEntities(text);
  const message: Message.TextMessage = {
    message_id: state.chats.nextMessageId(chatId),
    from: toUser(from),
    chat: state.chats.chat(chatId),
    date: nowSeconds(),
    text,
    ...(entities.length > 0 ? { entities } : {}),
    ...(reply ? { reply_to_message: reply } : {}),
  };
  state.chats.put(message);
  return { message: message as NonNullable<UpdateInput['message']> };
}

/** A button press on a message the chat already holds (normally one the bot sent with an inline keyboard). */
export function callbackUpdate(
  state: FakeState,
  from: FakeUser,
  data: string,
  messageId: number,
  chatId = from.id,
): UpdateInput {
  const message = state.chats.get(chatId, messageId);
  if (!message) throw new Error(`injectCallback: no message ${messageId} in chat ${chatId}`);
  return { callback_query: { from: toUser(from), message, data } };
}

/** Fills ids and dates, stores messages and registers callback queries before the update is queued. */
export function completeUpdate(state: FakeState, input: UpdateInput): Omit<Update, 'update_id'> {
  const update: Record<string, unknown> = { ...input };
  delete update['update_id'];
  for (const kind of MESSAGE_KINDS) {
    const payload = update[kind] as Partial<StoredMessage> | undefined;
    if (!payload?.chat) continue;
    state.chats.remember(payload.chat);
    const message = {
      ...payload,
      message_id: payload.message_id ?? state.chats.nextMessageId(payload.chat.id),
      date: payload.date ?? nowSeconds(),
    } as StoredMessage;
    if (kind === 'message' || kind === 'channel_post') state.chats.put(message);
    update[kind] = message;
  }
  const query = update['callback_query'] as { id?: string; chat_instance?: string } | undefined;
  if (query) {
    state.sequence += 1;
    const id = query.id ?? `${BigInt(state.bot.id) * 1_000_000n + BigInt(state.sequence)}`;
    update['callback_query'] = { chat_instance: randomBytes(8).readBigInt64BE().toString(), ...query, id };
    state.callbackQueries.set(id, { answered: false });
  }
  return update as Omit<Update, 'update_id'>;
}
