/**
 * `/tonghop` (`/digest`): the current digest on demand, for steering committee members and admins,
 * sent to the requester's chat only. `/tonghop` weekly, `/tonghop thang` monthly, `/tonghop quy`
 * quarterly (with or without diacritics; English words too).
 */
import type { DigestKind } from '../../domain/digest/digest-input.ts';
import { foldForMatch } from '../../domain/text/normalize-vietnamese.ts';
import type { LocaleCode } from '../../locales/index.ts';
import type { ChannelAddress } from '../channel.ts';
import type { CommandRoute } from '../conversation/create-inbound-handler.ts';

/** What the command asks of the digest feature: build the current digest and queue it to one chat. */
export type SendCurrentDigest = (request: {
  kind: DigestKind;
  at: Date;
  locale: LocaleCode;
  to: ChannelAddress;
  officerId: number;
  /** Prefix of the outbox keys: one request is answered once. */
  keyPrefix: string;
}) => Promise<void>;

const NAMES = new Set(['tonghop', 'digest']);

const KIND_WORDS: ReadonlyArray<[DigestKind, readonly string[]]> = [
  ['weekly', ['', 'tuan', 'week', 'weekly']],
  ['monthly', ['thang', 'month', 'monthly']],
  ['quarterly', ['quy', 'quarter', 'quarterly']],
];

/** The kind a command argument asks for, or null when it is not one. */
export function digestKindOf(args: string): DigestKind | null {
  const word = foldForMatch(args).trim();
  return KIND_WORDS.find(([, words]) => words.includes(word))?.[0] ?? null;
}

/** The `/tonghop` route. */
export function createDigestCommand(sendCurrent: SendCurrentDigest): CommandRoute {
  return async (turn, command, args) => {
    if (!NAMES.has(command)) return null;
    const officer = turn.officer;
    if (!officer || (officer.role !== 'committee' && officer.role !== 'admin')) {
      await turn.reply(turn.m.digestNotAllowed);
      return 'rejected';
    }
    const kind = digestKindOf(args);
    if (kind === null) {
      await turn.reply(turn.m.digestUsage);
      return 'rejected';
    }
    const { channel, chatId, platformId } = turn.message;
    await sendCurrent({
      kind,
      at: turn.now,
      locale: turn.locale,
      to: { channel, chatId },
      officerId: officer.id,
      keyPrefix: `digest-request-${channel}-${platformId}`,
    });
    return 'processed';
  };
}
