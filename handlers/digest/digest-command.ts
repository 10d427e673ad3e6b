/**
 * `/tonghop` (`/digest`): the current digest on demand, for steering committee members and admins,
 * sent to the requester's chat only. `/tonghop` weekly, `/tonghop thang` monthly, `/tonghop quy`
 * quarterly (with or without diacritics; English words too).
 */
import type { DigestKind } from '../../domain/digest/digest-input.ts';
import { foldForMatch } from '../../domain/text/normalize-vietnamese.ts';
import { ADMIN_OR_COMMITTEE, type ChatCommand } from '../commands/chat-command.ts';

export type { SendCurrentDigest } from '../commands/chat-command.ts';

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

/** The `/tonghop` entry of the command registry. */
export const digestCommand: ChatCommand = {
  names: ['tonghop', 'digest'],
  roles: ADMIN_OR_COMMITTEE,
  usage: null,
  summary: 'tonghop',
  refusal: (m) => m.digestNotAllowed,
  async run(turn, args, deps) {
    const kind = digestKindOf(args);
    if (kind === null || !deps.sendCurrentDigest) {
      await turn.reply(turn.m.digestUsage);
      return 'rejected';
    }
    const { channel, chatId, platformId } = turn.message;
    await deps.sendCurrentDigest({
      kind,
      at: turn.now,
      locale: turn.locale,
      to: { channel, chatId },
      officerId: turn.officer.id,
      keyPrefix: `digest-request-${channel}-${platformId}`,
    });
    return 'processed';
  },
};
