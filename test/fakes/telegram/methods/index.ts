import type { MethodHandler } from '../state.ts';
import {
  answerCallbackQuery,
  deleteMyCommands,
  getMe,
  getMyCommands,
  sendChatAction,
  setMyCommands,
} from './bot.ts';
import { sendDocument, sendPhoto } from './files.ts';
import { getFile } from './get-file.ts';
import { deleteMessage, editMessageReplyMarkup, editMessageText, sendMessage } from './messages.ts';
import { deleteWebhook, getUpdates, getWebhookInfo, setWebhook } from './updates.ts';

/** Every method the fake serves, by its canonical (camelCase) name. */
export const METHODS: Readonly<Record<string, MethodHandler>> = {
  getMe,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  sendMessage,
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
  sendDocument,
  sendPhoto,
  sendChatAction,
  getFile,
};

/** Methods that post a message and therefore count against flood limits. */
export const SENDING_METHODS: ReadonlySet<string> = new Set(['sendMessage', 'sendDocument', 'sendPhoto']);

const BY_LOWER_NAME = new Map(
  Object.entries(METHODS).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

/** Bot API method names are case-insensitive. */
export function findMethod(name: string): { name: string; handler: MethodHandler } | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}
