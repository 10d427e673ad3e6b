/**
 * What every chat command is, whoever may use it: its names (Vietnamese first, then the English alias and
 * other spellings), the roles allowed to run it, its help text and menu entry, and its handler. The one
 * table of them is {@link CHAT_COMMANDS} in `command-registry.ts`.
 */
import type { DigestKind } from '../../domain/digest/digest-input.ts';
import type { LocaleCode, Messages } from '../../locales/index.ts';
import type { OfficerRole, OfficerView } from '../../store/officers.ts';
import type { FileFetcher } from '../admin/file-fetcher.ts';
import type { ChannelAddress, ChannelId } from '../channel.ts';
import type { Turn } from '../conversation/turn.ts';

/** What `/tonghop` asks of the digest feature: build the current digest and queue it to one chat. */
export type SendCurrentDigest = (request: {
  kind: DigestKind;
  at: Date;
  locale: LocaleCode;
  to: ChannelAddress;
  officerId: number;
  /** Prefix of the outbox keys: one request is answered once. */
  keyPrefix: string;
}) => Promise<void>;

/** Dependencies of the commands beyond the turn's own (database, outbox, clock). */
export interface CommandDeps {
  files: FileFetcher;
  /** The channels that can send right now (an officer is addressed on these only). */
  enabledChannels: () => ReadonlySet<ChannelId>;
  /** The digest feature's on-demand digest (absent where the digest feature does not run). */
  sendCurrentDigest?: SendCurrentDigest;
  /** The service's public address (PUBLIC_BASE_URL) for dashboard links; absent when not configured. */
  publicBaseUrl?: string;
}

export type UsageKey = keyof Messages['admin']['usage'];
export type SummaryKey = keyof Messages['commandSummaries'];
export type CommandOutcome = 'processed' | 'rejected';

/** A turn whose sender is a linked, active officer. */
export type OfficerTurn = Turn & { readonly officer: OfficerView };

export interface ChatCommand {
  /** Names without the slash: the Vietnamese name first, the English alias second, then other spellings. */
  names: readonly string[];
  /** Roles allowed to run it (everyone else is told which roles may). */
  roles: readonly OfficerRole[];
  /** Its help text (`/<cmd> ?`, or shown on a bad call); null when it has none. */
  usage: UsageKey | null;
  /** Its line in the help text and the Telegram menu; null for button-only commands (Confirm, Cancel). */
  summary: SummaryKey | null;
  /** Its own answer to a sender whose role may not run it (default: the roles that may). */
  refusal?(m: Messages): string;
  /** Listed in the Telegram command menu (commands every officer uses). */
  menu?: boolean;
  /**
   * Not safe to run twice (it creates something): a redelivered or retried message runs it at most once
   * (see `run-once.ts`).
   */
  once?: boolean;
  run(turn: OfficerTurn, args: string, deps: CommandDeps): Promise<CommandOutcome>;
}

export const ADMIN: readonly OfficerRole[] = ['admin'];
export const ADMIN_OR_COMMITTEE: readonly OfficerRole[] = ['admin', 'committee'];
export const ANY_OFFICER: readonly OfficerRole[] = ['officer', 'committee', 'admin'];
