/**
 * The conversation: every inbound message from any channel comes here. It is stored raw first (a
 * redelivered update is recognised and dropped), then routed: invite codes, commands, report buttons,
 * answers to the bot's questions, and typed status reports. Answers go through the outbox.
 */
import { maskSensitive } from '../../domain/reply/mask-sensitive.ts';
import { findUnfinishedInbound, recordInbound, setInboundOutcome } from '../../store/inbound.ts';
import { findIdentity } from '../../store/officers.ts';
import type { IncomingMessage } from '../channel.ts';
import type { CommandDeps } from '../commands/chat-command.ts';
import type { InboundHandler, InboundOutcome } from '../inbound.ts';
import { routeMessage } from './route-message.ts';
import { type ConversationDeps, Turn } from './turn.ts';

export type { ConversationDeps };

/** The raw payload as stored: the same masking as the text (citizens' data never reaches the table). */
function maskedPayload(message: IncomingMessage): unknown {
  const { text, masked } = maskSensitive(message.text);
  if (masked.length === 0) return message.raw;
  const json = JSON.stringify(message.raw ?? {});
  const inJson = (s: string) => JSON.stringify(s).slice(1, -1);
  return JSON.parse(json.split(inJson(message.text)).join(inJson(text)));
}

/** Dependencies of commands that the composition root does not provide: files cannot be downloaded. */
const NO_COMMAND_DEPS: CommandDeps = {
  files: { fetch: (channel) => Promise.reject(new Error(`no file download on ${channel}`)) },
  enabledChannels: () => new Set(),
};

export function createInboundHandler(
  deps: ConversationDeps,
  commandDeps: CommandDeps = NO_COMMAND_DEPS,
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
      const turn = await turnOf(deps, message, inboundId, now);
      let outcome: InboundOutcome;
      try {
        outcome = await routeMessage(turn, commandDeps);
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
  const chatIdentity = await findIdentity(deps.db, message.channel, message.chatId);
  if (!message.isGroup) return new Turn(deps, message, inboundId, chatIdentity, now);
  const person = await findIdentity(deps.db, message.channel, message.userId);
  const identity = person?.purpose === 'officer' ? person : null;
  return new Turn(deps, message, inboundId, identity, now, chatIdentity);
}
