/**
 * The Confirm / Cancel step shared by the admin flows that act only after a second press (plan import
 * by file, broadcast): where the pending action is kept, the button row, and the Cancel command.
 */
import { dropConversation } from '../../store/conversations.ts';
import type { OutgoingButton } from '../channel.ts';
import type { Turn } from '../conversation/turn.ts';
import { ADMIN, type AdminCommand } from './command.ts';

/** The Conversation row key of the sender's pending action of this kind (per person in a group). */
export function pendingKey(turn: Turn, kind: string) {
  return turn.conversationKey(kind);
}

/** Confirm and Cancel buttons, sending back the given commands. */
export function confirmRow(turn: Turn, confirmCommand: string, cancelCommand: string): OutgoingButton[][] {
  const m = turn.m.admin;
  return [
    [
      { label: m.buttons.confirm, payload: `/${confirmCommand}` },
      { label: m.buttons.cancel, payload: `/${cancelCommand}` },
    ],
  ];
}

/** The Cancel command: drops the pending action of this kind and says so. */
export function cancelCommand(name: string, kind: string): AdminCommand {
  return {
    names: [name],
    roles: ADMIN,
    usage: null,
    summary: null,
    async run(turn) {
      await dropConversation(turn.db, pendingKey(turn, kind));
      await turn.reply(turn.m.admin.cancelled);
      return 'processed';
    },
  };
}
