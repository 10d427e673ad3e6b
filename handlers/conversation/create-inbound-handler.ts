/**
 * The conversation: every inbound message from any channel comes here once stored (by the inbound intake)
 * and taken from the inbound queue, then routed: invite codes, commands, report buttons,
 * answers to the bot's questions, and typed status reports. Answers go through the outbox.
 */
import { findIdentity } from '../../store/officers.ts';
import type { IncomingMessage } from '../channel.ts';
import type { CommandDeps } from '../commands/chat-command.ts';
import type { InboundHandler } from '../inbound.ts';
import { routeMessage } from './route-message.ts';
import { type ConversationDeps, Turn } from './turn.ts';

export type { ConversationDeps };

/** Dependencies of commands that the composition root does not provide: files cannot be downloaded. */
const NO_COMMAND_DEPS: CommandDeps = {
  files: { fetch: (channel) => Promise.reject(new Error(`no file download on ${channel}`)) },
  enabledChannels: () => new Set(),
};

/**
 * The conversation handler. A message handled a second time (its first handling died half-way and the
 * inbound queue retries it) is idempotent: the report key and the reply dedupKeys come from the platform
 * id, and commands that create something run at most once per inbound message. Infrastructure failures
 * and bugs are thrown to the inbound queue, which retries the message.
 */
export function createInboundHandler(
  deps: ConversationDeps,
  commandDeps: CommandDeps = NO_COMMAND_DEPS,
): InboundHandler {
  return {
    async handle(message, inboundId) {
      const now = deps.now();
      const turn = await turnOf(deps, message, inboundId, now);
      return routeMessage(turn, commandDeps);
    },
  };
}

/**
 * The turn of a message, acting as its sender: in a private chat the chat's identity; in a group chat the
 * sender's own private-chat identity (a Telegram private chat's id is the user's id), whatever the group
 * is linked to. Permissions belong to the person, never to the chat.
 */
async function turnOf(
  deps: ConversationDeps,
  message: IncomingMessage,
  inboundId: number,
  now: Date,
): Promise<Turn> {
  const chatIdentity = await findIdentity(deps.db, message.channel, message.chatId, now);
  if (!message.isGroup) return new Turn(deps, message, inboundId, chatIdentity, now);
  const person = await findIdentity(deps.db, message.channel, message.userId, now);
  const identity = person?.purpose === 'officer' ? person : null;
  return new Turn(deps, message, inboundId, identity, now, chatIdentity);
}
