/**
 * `/tamdung` and `/tieptuc` (`/pause`, `/resume`) `kehoach <id>` | `nhiemvu <code>` | `canbo <id>`:
 * stops or restarts reminders for a plan, a task or an officer. Admins only.
 */
import { z } from 'zod';
import { type PauseTarget, setPaused } from '../../store/admin-tasks.ts';
import { ADMIN, type ChatCommand } from '../commands/chat-command.ts';
import { actorOf, replyUsage } from './admin-helpers.ts';
import { idArg, subcommand, taskRefArg } from './command-args.ts';
import { findTaskOrExplain } from './find-task-or-explain.ts';

const KINDS: Record<string, PauseTarget['kind']> = {
  kehoach: 'plan',
  plan: 'plan',
  nhiemvu: 'task',
  task: 'task',
  canbo: 'officer',
  officer: 'officer',
};

const TargetArgs = z
  .string()
  .transform((s) => {
    const { sub, rest } = subcommand(s);
    return { kind: KINDS[sub], rest };
  })
  .pipe(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('plan'), rest: idArg }),
      z.object({ kind: z.literal('task'), rest: taskRefArg }),
      z.object({ kind: z.literal('officer'), rest: idArg }),
    ]),
  );

function pauseCommand(paused: boolean): ChatCommand {
  const usage = paused ? 'tamdung' : 'tieptuc';
  return {
    names: paused ? ['tamdung', 'pause'] : ['tieptuc', 'resume'],
    roles: ADMIN,
    usage,
    summary: usage,
    async run(turn, args) {
      const parsed = TargetArgs.safeParse(args);
      if (!parsed.success) return replyUsage(turn, usage);
      const m = turn.m.admin;
      let target: PauseTarget;
      if (parsed.data.kind === 'task') {
        const task = await findTaskOrExplain(turn, parsed.data.rest);
        if (!task) return 'rejected';
        target = { kind: 'task', id: task.id };
      } else {
        target = { kind: parsed.data.kind, id: parsed.data.rest };
      }
      const done = await setPaused(turn.db, target, paused, actorOf(turn));
      if (!done) {
        const id = String(target.id);
        await turn.reply(target.kind === 'plan' ? m.planNotFound(id) : m.officerNotFound(id));
        return 'rejected';
      }
      const what = m.targets[target.kind](done.label);
      await turn.reply(paused ? m.paused(what) : m.resumed(what));
      return 'processed';
    },
  };
}

export const pausePlanTaskOfficer = pauseCommand(true);
export const resumePlanTaskOfficer = pauseCommand(false);
