import type { BotCommand } from 'telegraf/types';
import { badRequest } from '../errors.ts';
import { optJson, optString, type Params } from '../params.ts';
import { type MethodHandler, ok } from '../state.ts';
import { targetChat } from './common.ts';

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

/** getMe: the bot user with the getMe-only flags. */
export const getMe: MethodHandler = ({ state }) =>
  ok({
    ...state.bot,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  });

function commandsKey(params: Params): string {
  const scope = (optJson(params, 'scope') as { type?: string } | undefined)?.type ?? 'default';
  return `${scope}|${optString(params, 'language_code') ?? ''}`;
}

/** setMyCommands: validates names (1-32 of a-z 0-9 _) and descriptions (1-256), per scope and language. */
export const setMyCommands: MethodHandler = ({ params, state }) => {
  const commands = optJson(params, 'commands');
  if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
  if (commands.length > 100) throw badRequest('too many commands specified');
  for (const command of commands as BotCommand[]) {
    if (!/^[a-z0-9_]{1,32}$/.test(String(command.command))) throw badRequest('BOT_COMMAND_INVALID');
    const description = String(command.description ?? '');
    if (description.length < 1 || description.length > 256)
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
  }
  state.commands.set(commandsKey(params), commands as BotCommand[]);
  return ok(true);
};

/** getMyCommands: what setMyCommands stored for the same scope and language, else []. */
export const getMyCommands: MethodHandler = ({ params, state }) =>
  ok(state.commands.get(commandsKey(params)) ?? []);

/** deleteMyCommands: forgets the commands of a scope and language. */
export const deleteMyCommands: MethodHandler = ({ params, state }) => {
  state.commands.delete(commandsKey(params));
  return ok(true);
};

/** sendChatAction: true for a known action. */
export const sendChatAction: MethodHandler = ({ params, state }) => {
  targetChat(state, params);
  if (!CHAT_ACTIONS.has(optString(params, 'action') ?? ''))
    throw badRequest('wrong parameter action in request');
  return ok(true);
};

/** answerCallbackQuery: each delivered query can be answered once; text up to 200 characters. */
export const answerCallbackQuery: MethodHandler = ({ params, state }) => {
  const query = state.callbackQueries.get(optString(params, 'callback_query_id') ?? '');
  if (!query || query.answered) {
    throw badRequest('query is too old and response timeout expired or query ID is invalid');
  }
  if ((optString(params, 'text') ?? '').length > 200) throw badRequest('MESSAGE_TOO_LONG');
  query.answered = true;
  return ok(true);
};
