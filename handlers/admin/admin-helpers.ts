/**
 * What the administration commands share beyond {@link ChatCommand} (handlers/commands/chat-command.ts):
 * the audit actor of a turn, the usage and role-refusal answers, and how dates are shown.
 */
import type { Actor } from '../../store/audit.ts';
import type { OfficerRole } from '../../store/officers.ts';
import type { CommandOutcome, OfficerTurn, UsageKey } from '../commands/chat-command.ts';
import type { Turn } from '../conversation/turn.ts';

/** Replies with the command's usage; a bad call is rejected. */
export async function replyUsage(turn: Turn, key: UsageKey, outcome: CommandOutcome = 'rejected') {
  const m = turn.m.admin;
  await turn.reply(`${m.usageIntro}\n${m.usage[key]}`);
  return outcome;
}

/** The audit actor of a turn: the person who sent it (in a group chat too, never the chat). */
export function actorOf(turn: OfficerTurn): Actor {
  return { id: turn.officer.id, label: turn.officer.name };
}

/** A date (YYYY-MM-DD or null) as users read it. */
export function showDate(turn: Turn, iso: string | null): string {
  return iso ? turn.m.dateFormat(iso) : turn.m.admin.noDate;
}

/** Answers that the command needs one of these roles (naming them in the user's language). */
export async function refuseRole(turn: Turn, roles: readonly OfficerRole[]): Promise<'rejected'> {
  const m = turn.m.admin;
  await turn.reply(m.needRole(roles.map((r) => m.roles[r]).join(m.or)));
  return 'rejected';
}
