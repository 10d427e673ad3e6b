/**
 * The conversation: every inbound message from any channel comes here once stored (by the inbound intake)
 * and taken from the inbound queue, then routed: invite codes, commands, report buttons,
 * answers to the bot's questions, and typed status reports. Answers go through the outbox.
 */
import { t } from '../../locales/index.ts';
import { peekConversation, takeConversation } from '../../store/conversations.ts';
import { markChatUnreachable } from '../../store/deliveries.ts';
import { taskIdsOfSentMessage } from '../../store/delivery-context.ts';
import { findIdentity, INVITE_CODE_PATTERN, setOfficerLocale, touchIdentity } from '../../store/officers.ts';
import type { InboundHandler, InboundOutcome } from '../inbound.ts';
import { answerPending } from './answer-pending.ts';
import { linkAccount } from './link-account.ts';
import { listMyTasks } from './list-tasks.ts';
import { BUTTON_PAYLOAD, PENDING_KIND, type PendingReport, pressButton } from './press-button.ts';
import { reportProgress } from './report-progress.ts';
import { type ConversationDeps, Turn } from './turn.ts';

export type { ConversationDeps };

/** Extra commands (admin, committee) plug in here: return null when the command is not theirs. */
export type CommandRoute = (
  turn: Turn,
  command: string,
  args: string,
) => Promise<'processed' | 'rejected' | null>;

const COMMAND = /^\/([a-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/iu;

/**
 * The conversation handler. A message handled a second time (its first handling died half-way and the
 * inbound queue retries it) is idempotent: the report key and the reply dedupKeys come from the platform
 * id. Infrastructure failures and bugs are thrown to the inbound queue, which retries the message.
 */
export function createInboundHandler(
  deps: ConversationDeps,
  extraCommands: CommandRoute[] = [],
): InboundHandler {
  return {
    async handle(message, inboundId) {
      const now = deps.now();
      const identity = await findIdentity(deps.db, message.channel, message.chatId);
      const turn = new Turn(deps, message, inboundId, identity, now);
      return route(turn, extraCommands);
    },
  };
}

async function route(turn: Turn, extraCommands: CommandRoute[]): Promise<InboundOutcome> {
  const message = turn.message;
  const text = message.text.trim();
  const command = COMMAND.exec(text);
  const name = command?.[1]?.toLowerCase() ?? null;
  const args = command?.[2]?.trim() ?? '';

  if (message.kind === 'unfollow') {
    // Zalo: the officer left the OA. Mark the chat so that the outbox and the admins know; writing to the
    // OA again (touchIdentity) clears it.
    if (!turn.identity) return 'ignored';
    await markChatUnreachable(turn.db, message, turn.now);
    return 'processed';
  }
  if (name === 'start' && args) return linkAccount(turn, args);
  if (!turn.officer && message.kind === 'text' && INVITE_CODE_PATTERN.test(text.toUpperCase()))
    return linkAccount(turn, text);
  if (!turn.identity?.officer) {
    if (turn.identity?.purpose === 'digest_group') return 'ignored';
    await turn.reply(turn.m.unknownUser);
    return 'rejected';
  }
  const officer = turn.identity.officer;
  await touchIdentity(turn.db, turn.identity.id, turn.now);
  if (!officer.active) {
    await turn.reply(turn.m.inactive);
    return 'rejected';
  }
  if (message.kind === 'follow') {
    await turn.reply(turn.m.help);
    return 'processed';
  }
  const contextIds = message.replyToMessageId
    ? await taskIdsOfSentMessage(turn.db, message.channel, message.chatId, message.replyToMessageId)
    : [];

  if (name) {
    for (const extra of extraCommands) {
      const handled = await extra(turn, name, args);
      if (handled) return handled;
    }
    switch (name) {
      case 'start':
      case 'trogiup':
      case 'help':
        await turn.reply(turn.m.help);
        return 'processed';
      case 'nhiemvu':
      case 'tasks':
        return listMyTasks(turn, officer);
      case 'baocao':
      case 'report':
        if (args) return reportProgress(turn, text, contextIds);
        await turn.reply(turn.m.help);
        return 'processed';
      case 'ngonngu':
      case 'language': {
        const locale = args.toLowerCase();
        if (locale !== 'vi' && locale !== 'en') {
          await turn.reply(turn.m.languageUsage);
          return 'rejected';
        }
        await setOfficerLocale(turn.db, officer.id, locale);
        await turn.reply(t(locale).languageChanged);
        return 'processed';
      }
      default:
        await turn.reply(turn.m.unknownCommand);
        return 'rejected';
    }
  }
  // An uploaded file (`__file__`) or a reply to one of our messages (`__reply__`) may belong to a
  // feature (an admin's plan file, an answer to a request for explanation) before the defaults below.
  if (message.kind === 'file' || (message.kind === 'text' && message.replyToMessageId)) {
    const special = message.kind === 'file' ? '__file__' : '__reply__';
    for (const extra of extraCommands) {
      const handled = await extra(turn, special, text);
      if (handled) return handled;
    }
  }
  if (BUTTON_PAYLOAD.test(text)) return pressButton(turn, text, contextIds);
  if (message.kind === 'file') {
    await turn.reply(turn.m.fileNotAllowed);
    return 'rejected';
  }
  const chat = { channel: message.channel, chatId: message.chatId, kind: PENDING_KIND };
  if (await peekConversation(turn.db, chat, turn.now)) {
    const pending = (await takeConversation(turn.db, chat, turn.now)) as PendingReport | null;
    if (pending) return answerPending(turn, pending, text);
  }
  return reportProgress(turn, text, contextIds);
}
