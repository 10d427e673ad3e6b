import type { Chat, InlineKeyboardMarkup, Message } from 'telegraf/types';
import type { StoredMessage } from '../chats.ts';
import { checkReachable } from '../check-reachable.ts';
import { badRequest, forbidden } from '../errors.ts';
import { optBool, optInt, optJson, optString, type Params } from '../params.ts';
import type { FakeState } from '../state.ts';

type ReplyMessage = NonNullable<Message.CommonMessage['reply_to_message']>;

/** Current time in Unix seconds, the unit of every Telegram `date`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Reads `chat_id` as a number; usernames (`@channel`) are unknown to the fake. */
export function readChatId(params: Params): number {
  const raw = optString(params, 'chat_id');
  if (raw === undefined || raw === '') throw badRequest('chat_id is empty');
  if (!/^-?\d+$/.test(raw)) throw badRequest('chat not found');
  return Number(raw);
}

/** The chat a message is sent to, enforcing "chat not found" (when configured) and blocked users. */
export function targetChat(state: FakeState, params: Params): Chat {
  const chatId = readChatId(params);
  if (state.options.requireKnownChat && !state.chats.knows(chatId)) throw badRequest('chat not found');
  checkReachable(state, chatId);
  if (state.blockedChats.has(chatId)) {
    throw forbidden(chatId > 0 ? 'bot was blocked by the user' : 'bot was kicked from the group chat');
  }
  return state.chats.chat(chatId);
}

/** Validates `reply_markup`; returns it only when Telegram echoes it (inline keyboards). */
export function readReplyMarkup(params: Params): InlineKeyboardMarkup | undefined {
  const markup = optJson(params, 'reply_markup');
  if (markup === undefined) return undefined;
  if (typeof markup !== 'object' || markup === null)
    throw badRequest("can't parse reply keyboard markup JSON object");
  if (!('inline_keyboard' in markup)) return undefined;
  const rows = (markup as InlineKeyboardMarkup).inline_keyboard;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  }
  for (const button of rows.flat()) {
    if (typeof button.text !== 'string' || button.text === '') throw badRequest('BUTTON_TEXT_INVALID');
    if ('callback_data' in button) {
      const size = Buffer.byteLength(String(button.callback_data));
      if (size < 1 || size > 64) throw badRequest('BUTTON_DATA_INVALID');
    }
  }
  return markup as InlineKeyboardMarkup;
}

/** Strips a stored message for use as `reply_to_message` (which never nests). */
export function asReply(message: StoredMessage): ReplyMessage {
  return { ...message, reply_to_message: undefined } as ReplyMessage;
}

/** Resolves `reply_parameters` (or the older `reply_to_message_id`) against the chat's history. */
export function readReplyTo(state: FakeState, params: Params, chatId: number): ReplyMessage | undefined {
  const replyParameters = optJson(params, 'reply_parameters') as
    | { message_id?: number; allow_sending_without_reply?: boolean }
    | undefined;
  const messageId = replyParameters?.message_id ?? optInt(params, 'reply_to_message_id');
  if (messageId === undefined) return undefined;
  const original = state.chats.get(chatId, messageId);
  if (original) return asReply(original);
  if (replyParameters?.allow_sending_without_reply || optBool(params, 'allow_sending_without_reply'))
    return undefined;
  throw badRequest('message to be replied not found');
}

/**
 * `message_thread_id`: a forum topic of the chat, open (created with `createForumTopic` on the fake and
 * not deleted); anything else answers 400 "message thread not found", as Telegram does for a deleted
 * topic or an id that is not a topic (a reply thread, the General topic).
 */
function readThread(state: FakeState, params: Params, chatId: number): number | undefined {
  const thread = optInt(params, 'message_thread_id');
  if (thread === undefined) return undefined;
  if (!state.forumTopics.get(chatId)?.has(thread)) throw badRequest('message thread not found');
  return thread;
}

/** Fields shared by every message the bot sends. */
export function outgoingBase(state: FakeState, chat: Chat, params: Params): Message.CommonMessage {
  const thread = readThread(state, params, chat.id);
  const reply = readReplyTo(state, params, chat.id);
  const markup = readReplyMarkup(params);
  return {
    message_id: state.chats.nextMessageId(chat.id),
    from: state.bot,
    chat,
    date: nowSeconds(),
    ...(thread !== undefined ? { message_thread_id: thread, is_topic_message: true } : {}),
    ...(reply ? { reply_to_message: reply } : {}),
    ...(markup ? { reply_markup: markup } : {}),
  };
}

/** Finds a message the bot may edit, with Telegram's errors otherwise. */
export function editableMessage(state: FakeState, params: Params): StoredMessage {
  if (optString(params, 'inline_message_id')) throw badRequest('MESSAGE_ID_INVALID');
  const chatId = readChatId(params);
  const messageId = optInt(params, 'message_id');
  if (messageId === undefined) throw badRequest('message identifier is not specified');
  const message = state.chats.get(chatId, messageId);
  if (!message) throw badRequest('message to edit not found');
  if (message.from?.id !== state.bot.id) throw badRequest("message can't be edited");
  return message;
}
