/**
 * `/giao <task> <lead agency; ...> [| phối hợp <agency; ...>]` (`/assign`): assigns or reassigns a
 * task's lead (and optionally support) agencies, resolved through the agency directory. Admins only.
 */
import { z } from 'zod';
import { assignAgencies } from '../../store/admin-tasks.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import { ADMIN, type ChatCommand, type OfficerTurn } from '../commands/chat-command.ts';
import { actorOf, replyUsage } from './admin-helpers.ts';
import { pipeParts, subcommand, taskRefArg } from './command-args.ts';
import { findTaskOrExplain } from './find-task-or-explain.ts';

const names = z
  .string()
  .transform((s) =>
    s
      .split(/[;,]/u)
      .map((n) => n.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().min(2).max(200)).min(1).max(10));

const AssignArgs = z
  .string()
  .trim()
  .transform((s) => {
    const [main = '', support, ...extra] = pipeParts(s);
    const [task = '', ...lead] = main.split(/\s+/u);
    const { sub, rest } = subcommand(support ?? '');
    const supportList =
      support === undefined
        ? null
        : sub === 'phoi'
          ? rest.replace(/^hợp|^hop/iu, '')
          : sub === 'support'
            ? rest
            : support;
    return { task, lead: lead.join(' '), support: supportList, extra: extra.length };
  })
  .pipe(
    z.object({
      task: taskRefArg,
      lead: names,
      support: names.nullable(),
      extra: z.literal(0),
    }),
  );

async function resolveAll(turn: OfficerTurn, list: string[]): Promise<number[] | null> {
  const ids: number[] = [];
  for (const name of list) {
    const agency = await resolveAgencyId(turn.db, name);
    if (!agency) {
      await turn.reply(turn.m.admin.agencyNotFound(name));
      return null;
    }
    ids.push(agency.id);
  }
  return ids;
}

export const assignTask: ChatCommand = {
  names: ['giao', 'assign'],
  roles: ADMIN,
  usage: 'giao',
  summary: 'giao',
  async run(turn, args) {
    const parsed = AssignArgs.safeParse(args);
    if (!parsed.success) return replyUsage(turn, 'giao');
    const task = await findTaskOrExplain(turn, parsed.data.task);
    if (!task) return 'rejected';
    const lead = await resolveAll(turn, parsed.data.lead);
    const support = parsed.data.support ? await resolveAll(turn, parsed.data.support) : null;
    if (!lead || (parsed.data.support && !support)) return 'rejected';
    const after = await assignAgencies(turn.db, task.id, lead, support, actorOf(turn));
    await turn.reply(turn.m.admin.assigned(task.code, after.lead.join(', '), after.support.join(', ')));
    return 'processed';
  },
};
