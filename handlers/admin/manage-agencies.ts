/**
 * `/coquan` (`/agency`): `bidanh <alias> | <agency>` adds an alias to the directory; `thaythe <old> |
 * <new>` records that the new agency holds the old one's tasks (the 2025 reorganisation) — and merges a
 * body learned from a plan into a known agency; `xacnhan <agency>` confirms a learned body. Admins only.
 */
import { z } from 'zod';
import { setAgencySuccessor } from '../../store/admin-officers.ts';
import {
  AgencyNotFoundError,
  addAgencyAlias,
  confirmLearnedAgency,
  resolveAgencyId,
} from '../../store/agencies.ts';
import { recordAudit } from '../../store/audit.ts';
import { ADMIN, type ChatCommand, type OfficerTurn } from '../commands/chat-command.ts';
import { actorOf, replyUsage } from './admin-helpers.ts';
import { pipeParts, subcommand } from './command-args.ts';

const Pair = z
  .string()
  .transform(pipeParts)
  .pipe(z.tuple([z.string().min(2).max(200), z.string().min(2).max(200)]));

async function alias(turn: OfficerTurn, rest: string) {
  const parsed = Pair.safeParse(rest);
  if (!parsed.success) return replyUsage(turn, 'coquan');
  const [aliasText, agencyName] = parsed.data;
  try {
    const entry = await addAgencyAlias(turn.db, aliasText, agencyName);
    await recordAudit(turn.db, {
      actor: actorOf(turn),
      action: 'agency.alias',
      targetType: 'agency',
      targetId: entry.key,
      after: { alias: aliasText },
    });
    await turn.reply(turn.m.admin.aliasAdded(aliasText, entry.name));
    return 'processed' as const;
  } catch (error) {
    if (!(error instanceof AgencyNotFoundError)) throw error;
    await turn.reply(turn.m.admin.agencyNotFound(agencyName));
    return 'rejected' as const;
  }
}

async function successor(turn: OfficerTurn, rest: string) {
  const parsed = Pair.safeParse(rest);
  if (!parsed.success) return replyUsage(turn, 'coquan');
  const [oldName, newName] = parsed.data;
  const from = await resolveAgencyId(turn.db, oldName);
  const to = from ? await resolveAgencyId(turn.db, newName) : null;
  if (!from || !to) {
    await turn.reply(turn.m.admin.agencyNotFound(from ? newName : oldName));
    return 'rejected' as const;
  }
  if ((await setAgencySuccessor(turn.db, from.id, to.id, actorOf(turn))) === 'cycle') {
    await turn.reply(turn.m.admin.successorCycle);
    return 'rejected' as const;
  }
  // Merging a learned body into a known agency settles it: it is no longer listed as learned.
  await confirmLearnedAgency(turn.db, oldName);
  await turn.reply(turn.m.admin.successorSet(from.name, to.name));
  return 'processed' as const;
}

async function confirm(turn: OfficerTurn, rest: string) {
  const name = rest.trim();
  if (name.length < 2) return replyUsage(turn, 'coquan');
  const confirmed = await confirmLearnedAgency(turn.db, name);
  if (!confirmed) {
    await turn.reply(turn.m.admin.agencyNotFound(name));
    return 'rejected' as const;
  }
  await recordAudit(turn.db, {
    actor: actorOf(turn),
    action: 'agency.confirm',
    targetType: 'agency',
    targetId: confirmed,
    after: { learnedFrom: null },
  });
  await turn.reply(turn.m.admin.agencyConfirmed(confirmed));
  return 'processed' as const;
}

export const manageAgencies: ChatCommand = {
  names: ['coquan', 'agency'],
  roles: ADMIN,
  usage: 'coquan',
  summary: 'coquan',
  once: true,
  async run(turn, args) {
    const { sub, rest } = subcommand(args);
    if (sub === 'bidanh' || sub === 'alias') return alias(turn, rest);
    if (sub === 'thaythe' || sub === 'successor') return successor(turn, rest);
    if (sub === 'xacnhan' || sub === 'confirm') return confirm(turn, rest);
    return replyUsage(turn, 'coquan');
  },
};
