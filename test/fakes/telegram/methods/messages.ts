import type { InlineKeyboardMarkup, Message } from 'telegraf/types';
import type { StoredMessage } from '../chats.ts';
import { badRequest } from '../errors.ts';
import { type ParsedText, parseFormatted } from '../html.ts';
import { optString, type Params } from '../params.ts';
import { type MethodHandler, ok } from '../state.ts';
import {
  editableMessage,
  nowSeconds,
  outgoingBase,
  readChatId,
  readReplyMarkup,
  targetChat,
} from './common.ts';

/** Longest message text after entity parsing, in UTF-16 code units. */
export const MAX_TEXT_LENGTH = 4096;

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

function readText(params: Params): ParsedText {
  const source = optString(params, 'text') ?? '';
  const parsed = parseFormatted(source, optString(params, 'parse_mode'));
  if (parsed.text === '') throw badRequest('message text is empty');
  if (parsed.text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long');
  return parsed;
}

function withText(message: Message.CommonMessage, parsed: ParsedText): Message.TextMessage {
  return {
    ...message,
    text: parsed.text,
    ...(parsed.entities.length > 0 ? { entities: parsed.entities } : {}),
  };
}

function sameContent(a: StoredMessage, b: StoredMessage): boolean {
  const view = (m: StoredMessage) =>
    JSON.stringify(['text' in m ? [m.text, m.entities ?? []] : null, m.reply_markup?.inline_keyboard ?? []]);
  return view(a) === view(b);
}

function replaceEdited(
  state: Parameters<MethodHandler>[0]['state'],
  before: StoredMessage,
  after: StoredMessage,
) {
  if (sameContent(before, after)) throw badRequest(NOT_MODIFIED);
  const edited = { ...after, edit_date: nowSeconds() };
  state.chats.put(edited);
  return ok(edited);
}

const withoutMarkup = <M extends StoredMessage>(message: M, markup: InlineKeyboardMarkup | undefined): M => {
  const { reply_markup: _dropped, ...rest } = message;
  return (markup ? { ...rest, reply_markup: markup } : rest) as M;
};

/** sendMessage: text 1..4096 after parsing, HTML checked, reply and inline keyboard echoed. */
export const sendMessage: MethodHandler = ({ params, state }) => {
  const chat = targetChat(state, params);
  const parsed = readText(params);
  const message = withText(outgoingBase(state, chat, params), parsed);
  state.chats.put(message);
  return ok(message);
};

/** editMessageText: 400 "message is not modified" when text, entities and keyboard are unchanged. */
export const editMessageText: MethodHandler = ({ params, state }) => {
  const message = editableMessage(state, params);
  if (!('text' in message)) throw badRequest('there is no text in the message to edit');
  const parsed = readText(params);
  const base: Message.TextMessage = { ...message, text: parsed.text };
  delete base.entities;
  return replaceEdited(state, message, withoutMarkup(withText(base, parsed), readReplyMarkup(params)));
};

/** editMessageReplyMarkup: replaces (or removes) the inline keyboard. */
export const editMessageReplyMarkup: MethodHandler = ({ params, state }) => {
  const message = editableMessage(state, params);
  return replaceEdited(state, message, withoutMarkup(message, readReplyMarkup(params)));
};

/** deleteMessage: true, or 400 "message to delete not found". */
export const deleteMessage: MethodHandler = ({ params, state }) => {
  const chatId = readChatId(params);
  const messageId = Number(optString(params, 'message_id'));
  if (!state.chats.delete(chatId, messageId)) throw badRequest('message to delete not found');
  return ok(true);
};
