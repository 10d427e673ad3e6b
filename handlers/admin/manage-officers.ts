/**
 * `/canbo` (`/officers`): the roster; `them <name> | <agency> [| role]` adds an officer;
 * `ngung <id>` deactivates one. Admins only.
 */
import { z } from 'zod';
import { deactivateOfficer, roster } from '../../store/admin-officers.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import { recordAudit } from '../../store/audit.ts';
import { createOfficer, type OfficerRole } from '../../store/officers.ts';
import { ADMIN, type ChatCommand, type OfficerTurn } from '../commands/chat-command.ts';
import { actorOf, replyUsage } from './admin-helpers.ts';
import { idArg, pipeParts, subcommand } from './command-args.ts';

const ROLE_WORDS: Record<string, OfficerRole> = {
  canbo: 'officer',
  officer: 'officer',
  bcd: 'committee',
  committee: 'committee',
  quantri: 'admin',
  admin: 'admin',
};

const AddArgs = z
  .string()
  .transform(pipeParts)
  .pipe(
    z.union([
      z.tuple([z.string().min(2).max(100), z.string().min(2).max(200)]),
      z.tuple([z.string().min(2).max(100), z.string().min(2).max(200), z.string()]),
    ]),
  )
  .transform(([name, agency, role], ctx) => {
    const key = (role ?? 'canbo').toLowerCase().replace(/\s+/gu, '');
    const mapped = ROLE_WORDS[key];
    if (!mapped) {
      ctx.addIssue({ code: 'custom', message: 'unknown role' });
      return z.NEVER;
    }
    return { name, agency, role: mapped };
  });

async function list(turn: OfficerTurn) {
  const m = turn.m.admin;
  const rows = await roster(turn.db, turn.now);
  const lines = rows.map((r) => {
    const flags = [
      !r.active ? m.flags.inactive : '',
      r.paused ? m.flags.paused : '',
      r.isHead ? m.flags.head : '',
      r.linked ? '' : m.flags.notLinked,
      r.unreachable ? m.flags.unreachable : '',
    ].filter(Boolean);
    return m.officerLine(r.id, r.name, r.agency, m.roles[r.role], flags.join(', '));
  });
  await turn.reply([m.officersHeader(rows.length), ...lines].join('\n'));
  return 'processed' as const;
}

async function add(turn: OfficerTurn, rest: string) {
  const parsed = AddArgs.safeParse(rest);
  if (!parsed.success) return replyUsage(turn, 'canbo');
  const agency = await resolveAgencyId(turn.db, parsed.data.agency);
  if (!agency) {
    await turn.reply(turn.m.admin.agencyNotFound(parsed.data.agency));
    return 'rejected' as const;
  }
  const officer = await createOfficer(turn.db, {
    name: parsed.data.name,
    agencyId: agency.id,
    role: parsed.data.role,
    locale: 'vi',
  });
  await recordAudit(turn.db, {
    actor: actorOf(turn),
    action: 'officer.add',
    targetType: 'officer',
    targetId: officer.id,
    after: { name: officer.name, agency: officer.agencyName, role: officer.role },
  });
  await turn.reply(turn.m.admin.officerAdded(officer.id, officer.name, officer.agencyName));
  return 'processed' as const;
}

async function deactivate(turn: OfficerTurn, rest: string) {
  const id = idArg.safeParse(rest);
  if (!id.success) return replyUsage(turn, 'canbo');
  const name = await deactivateOfficer(turn.db, id.data, actorOf(turn));
  if (name === null) {
    await turn.reply(turn.m.admin.officerNotFound(String(id.data)));
    return 'rejected' as const;
  }
  await turn.reply(turn.m.admin.officerDeactivated(name));
  return 'processed' as const;
}

export const manageOfficers: ChatCommand = {
  names: ['canbo', 'officers'],
  roles: ADMIN,
  usage: 'canbo',
  summary: 'canbo',
  once: true,
  async run(turn, args) {
    if (!args) return list(turn);
    const { sub, rest } = subcommand(args);
    if (sub === 'them' || sub === 'add') return add(turn, rest);
    if (sub === 'ngung' || sub === 'deactivate') return deactivate(turn, rest);
    return replyUsage(turn, 'canbo');
  },
};
