/**
 * The conversation: every inbound message from any channel comes here. It is stored raw first (a
 * redelivered update is recognised and dropped), then routed: invite codes, commands, report buttons,
 * answers to the bot's questions, and typed status reports. Answers go through the outbox.
 */
import { maskSensitive } from '../../domain/reply/mask-sensitive.ts';
import { t } from '../../locales/index.ts';
import { peekConversation, takeConversation } from '../../store/conversations.ts';
import { markChatUnreachable } from '../../store/deliveries.ts';
import { taskIdsOfSentMessage } from '../../store/delivery-context.ts';
import { moveChat } from '../../store/identities.ts';
import { findUnfinishedInbound, recordInbound, setInboundOutcome } from '../../store/inbound.ts';
import { findIdentity, INVITE_CODE_PATTERN, setOfficerLocale, touchIdentity } from '../../store/officers.ts';
import type { IncomingMessage } from '../channel.ts';
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

/** The raw payload as stored: the same masking as the text (citizens' data never reaches the table). */
function maskedPayload(message: IncomingMessage): unknown {
  const { text, masked } = maskSensitive(message.text);
  if (masked.length === 0) return message.raw;
  const json = JSON.stringify(message.raw ?? {});
  const inJson = (s: string) => JSON.stringify(s).slice(1, -1);
  return JSON.parse(json.split(inJson(message.text)).join(inJson(text)));
}

export function createInboundHandler(
  deps: ConversationDeps,
  extraCommands: CommandRoute[] = [],
): InboundHandler {
  return {
    async handle(message) {
      // A redelivery of a message whose first handling died half-way (outcome never written) is handled
      // again; the report key and the reply dedupKeys keep that idempotent. Finished ones are duplicates.
      const inboundId =
        (await recordInbound(deps.db, message, maskedPayload(message))) ??
        (await findUnfinishedInbound(deps.db, message.channel, message.platformId));
      if (inboundId === null) return 'duplicate';
      const now = deps.now();
      const identity = await findIdentity(deps.db, message.channel, message.chatId);
      const turn = new Turn(deps, message, inboundId, identity, now);
      let outcome: InboundOutcome;
      try {
        outcome = await route(turn, extraCommands);
        await setInboundOutcome(deps.db, inboundId, outcome === 'duplicate' ? 'ignored' : outcome);
      } catch (error) {
        deps.logger?.error({ err: error, inboundId }, 'inbound message failed');
        await setInboundOutcome(
          deps.db,
          inboundId,
          'failed',
          error instanceof Error ? error.message : String(error),
        );
        outcome = 'rejected';
      }
      return outcome;
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
    // Zalo: the officer left the OA; Telegram: the user blocked the bot or the bot left the group. Mark
    // the chat so that the outbox and the admins know; writing again (touchIdentity) clears it.
    if (!turn.identity) return 'ignored';
    await markChatUnreachable(turn.db, message, turn.now);
    await turn.deps
      .onChatUnreachable?.()
      .catch((error: unknown) =>
        turn.deps.logger?.warn({ err: error }, 'could not tell the admins about an unreachable chat'),
      );
    return 'processed';
  }
  if (message.kind === 'moved') {
    // A Telegram group upgraded to a supergroup: the chat (and what is queued for it) follows its new id.
    if (!message.movedToChatId) return 'ignored';
    const moved = await moveChat(turn.db, message.channel, message.chatId, message.movedToChatId);
    return moved ? 'processed' : 'ignored';
  }
  if (message.kind === 'follow' && message.isGroup) {
    // The bot was added back to a group: reachable again.
    if (!turn.identity) return 'ignored';
    await touchIdentity(turn.db, turn.identity.id, turn.now);
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
