/**
 * What every administration command shares: its names (Vietnamese first, then English aliases), the
 * roles allowed to use it, its help text, and the dependencies it runs with.
 */
import type { Messages } from '../../locales/index.ts';
import type { Actor } from '../../store/audit.ts';
import type { OfficerRole, OfficerView } from '../../store/officers.ts';
import type { ChannelId } from '../channel.ts';
import type { Turn } from '../conversation/turn.ts';
import type { FileFetcher } from './file-fetcher.ts';

/** Dependencies of the administration commands beyond the turn's own (database, outbox, clock). */
export interface AdminDeps {
  files: FileFetcher;
  /** The channels that can send right now (an officer is addressed on these only). */
  enabledChannels: () => ReadonlySet<ChannelId>;
}

export type UsageKey = keyof Messages['admin']['usage'];
export type CommandOutcome = 'processed' | 'rejected';

/** A turn whose sender is a linked, active officer. */
export type OfficerTurn = Turn & { readonly officer: OfficerView };

export interface AdminCommand {
  /** Command names without the slash: Vietnamese first, then the English aliases. */
  names: readonly string[];
  /** Roles allowed to run it. */
  roles: readonly OfficerRole[];
  /** Its help text (`/<cmd> ?`, or shown on a bad call); null for button-only commands. */
  usage: UsageKey | null;
  run(turn: OfficerTurn, args: string, deps: AdminDeps): Promise<CommandOutcome>;
}

export const ADMIN: readonly OfficerRole[] = ['admin'];
export const ADMIN_OR_COMMITTEE: readonly OfficerRole[] = ['admin', 'committee'];
export const ANY_OFFICER: readonly OfficerRole[] = ['officer', 'committee', 'admin'];

/** Replies with the command's usage; a bad call is rejected. */
export async function replyUsage(turn: Turn, key: UsageKey, outcome: CommandOutcome = 'rejected') {
  const m = turn.m.admin;
  await turn.reply(`${m.usageIntro}\n${m.usage[key]}`);
  return outcome;
}

/** The audit actor of a turn. */
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
