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
  /**
   * A forum topic (its `message_thread_id`, from `createForumTopic`): the message carries the thread id and
   * `is_topic_message`, and replies to the topic's root message unless it replies to another one.
   */
  readonly threadId?: number;
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
  const replyTo = opts.replyToMessageId ?? opts.threadId;
  if (replyTo !== undefined) {
    const original = state.chats.get(chatId, replyTo);
    if (!original) throw new Error(`injectText: no message ${replyTo} in chat ${chatId}`);
    reply = asReply(original);
  }
  const entities = commandEntities(text);
  const message: Message.TextMessage = {
    message_id: state.chats.nextMessageId(chatId),
    from: toUser(from),
    chat: state.chats.chat(chatId),
    date: nowSeconds(),
    ...(opts.threadId !== undefined ? { message_thread_id: opts.threadId, is_topic_message: true } : {}),
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

/** Media a user sends, shaped as the Bot API documents each kind (sizes are made up but plausible). */
export type MediaInput =
  | { kind: 'photo'; caption?: string; fileSize?: number }
  | { kind: 'video'; caption?: string; fileSize?: number }
  | { kind: 'voice'; caption?: string; fileSize?: number }
  | { kind: 'sticker' }
  | { kind: 'location' }
  | { kind: 'contact' };

const fileIds = (prefix: string) => {
  const unique = randomBytes(6).toString('base64url');
  return { file_id: `${prefix}${randomBytes(24).toString('base64url')}`, file_unique_id: `AQAD${unique}` };
};

/** The Message fields of one media kind: `photo` is PhotoSize[] (smallest first), the others one object. */
function mediaFields(media: MediaInput): Record<string, unknown> {
  switch (media.kind) {
    case 'photo': {
      const size = media.fileSize ?? 120_000;
      return {
        photo: [
          { ...fileIds('AgAC'), width: 90, height: 68, file_size: Math.round(size / 60) },
          { ...fileIds('AgAC'), width: 320, height: 240, file_size: Math.round(size / 8) },
          { ...fileIds('AgAC'), width: 1280, height: 960, file_size: size },
        ],
      };
    }
    case 'video':
      return {
        video: {
          ...fileIds('BAAC'),
          width: 1280,
          height: 720,
          duration: 12,
          mime_type: 'video/mp4',
          file_size: media.fileSize ?? 2_400_000,
        },
      };
    case 'voice':
      return {
        voice: {
          ...fileIds('AwAC'),
          duration: 7,
          mime_type: 'audio/ogg',
          file_size: media.fileSize ?? 24_000,
        },
      };
    case 'sticker':
      return {
        sticker: {
          ...fileIds('CAAC'),
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          emoji: '👍',
          set_name: 'HotCherry',
          file_size: 21_000,
        },
      };
    case 'location':
      return { location: { latitude: 13.7765, longitude: 109.2237 } };
    case 'contact':
      return { contact: { phone_number: '+84900000001', first_name: 'Hùng', user_id: 7001 } };
  }
}

/** A media message from a user (a caption, when given, with its bot_command entities), stored in the chat. */
export function mediaUpdate(
  state: FakeState,
  from: FakeUser,
  media: MediaInput,
  opts: InjectTextOptions = {},
): UpdateInput {
  const base = textUpdate(state, from, '', opts).message as unknown as Record<string, unknown>;
  delete base['text'];
  delete base['entities'];
  const caption = 'caption' in media ? media.caption : undefined;
  const entities = caption ? commandEntities(caption) : [];
  const message = {
    ...base,
    ...mediaFields(media),
    ...(caption ? { caption } : {}),
    ...(entities.length > 0 ? { caption_entities: entities } : {}),
  } as unknown as StoredMessage;
  state.chats.put(message);
  return { message: message as NonNullable<UpdateInput['message']> };
}

/**
 * An `edited_message` update: the stored message `messageId` of the chat with its new text (or new
 * caption, for a media message), the same `message_id` and an `edit_date`, as Telegram sends an edit.
 */
export function editUpdate(
  state: FakeState,
  messageId: number,
  newText: string,
  chatId: number,
): UpdateInput {
  const original = state.chats.get(chatId, messageId) as unknown as Record<string, unknown> | undefined;
  if (!original) throw new Error(`injectEdit: no message ${messageId} in chat ${chatId}`);
  const entities = commandEntities(newText);
  const isCaption = !('text' in original);
  const edited = {
    ...original,
    ...(isCaption ? { caption: newText } : { text: newText }),
    edit_date: Math.max(nowSeconds(), Number(original['date']) + 1),
  } as Record<string, unknown>;
  delete edited[isCaption ? 'caption_entities' : 'entities'];
  if (entities.length > 0) edited[isCaption ? 'caption_entities' : 'entities'] = entities;
  state.chats.put(edited as unknown as StoredMessage);
  return { edited_message: edited as NonNullable<UpdateInput['edited_message']> };
}

/**
 * A forum topic created in supergroup `chatId` by `from`: the `forum_topic_created` service message is
 * stored as the topic's root, and its message id is the topic's `message_thread_id` (Bot API ForumTopic).
 */
export function createForumTopic(state: FakeState, from: FakeUser, chatId: number, name: string): number {
  const chat = { ...makeChat(chatId, 'supergroup'), is_forum: true } as Chat;
  state.chats.remember(chat);
  const threadId = state.chats.nextMessageId(chatId);
  const root = {
    message_id: threadId,
    from: toUser(from),
    chat: state.chats.chat(chatId),
    date: nowSeconds(),
    message_thread_id: threadId,
    forum_topic_created: { name, icon_color: 7322096 },
    is_topic_message: true,
  } as unknown as StoredMessage;
  state.chats.put(root);
  const topics = state.forumTopics.get(chatId) ?? new Set<number>();
  topics.add(threadId);
  state.forumTopics.set(chatId, topics);
  return threadId;
}
