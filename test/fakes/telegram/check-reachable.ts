/**
 * The errors the real Bot API answers for a chat the bot cannot write to (descriptions verbatim), and the
 * check every sending method runs (see reachability.ts for the updates that go with them).
 */
import { BotApiError } from './errors.ts';
import type { FakeState, UnreachableReason } from './state.ts';

export type { UnreachableReason };

/** The error the real Bot API answers for each reason (descriptions verbatim). */
export const UNREACHABLE_ERRORS: Readonly<
  Record<UnreachableReason, { code: 400 | 403; description: string }>
> = {
  blocked: { code: 403, description: 'Forbidden: bot was blocked by the user' },
  'kicked-group': { code: 403, description: 'Forbidden: bot was kicked from the group chat' },
  'kicked-supergroup': { code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' },
  deactivated: { code: 403, description: 'Forbidden: user is deactivated' },
  'cant-initiate': { code: 403, description: "Forbidden: bot can't initiate conversation with a user" },
  'chat-not-found': { code: 400, description: 'Bad Request: chat not found' },
};

/** Throws the error a send to `chatId` gets when the chat moved or is unreachable. */
export function checkReachable(state: FakeState, chatId: number): void {
  const movedTo = state.migratedChats.get(chatId);
  if (movedTo !== undefined) {
    throw new BotApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
      migrate_to_chat_id: movedTo,
    });
  }
  const reason = state.unreachableChats.get(chatId);
  if (reason) throw new BotApiError(UNREACHABLE_ERRORS[reason].code, UNREACHABLE_ERRORS[reason].description);
}
