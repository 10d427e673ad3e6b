/**
 * `/giahan <task> <dd/mm/yyyy> <reason>` (`/extend_admin`): an admin moves a deadline. The extension is
 * recorded as approved, Task.dueDate changes and the plan's original date is kept. Admins only.
 */
import { extendDeadline } from '../../store/extensions.ts';
import { ADMIN, type ChatCommand } from '../commands/chat-command.ts';
import { actorOf, replyUsage, showDate } from './admin-helpers.ts';
import { extensionArgs } from './command-args.ts';
import { findTaskOrExplain } from './find-task-or-explain.ts';

export const extendDeadlineCommand: ChatCommand = {
  names: ['giahan', 'extend_admin'],
  roles: ADMIN,
  usage: 'giahan',
  summary: 'giahan',
  async run(turn, args) {
    const parsed = extensionArgs.safeParse(args);
    if (!parsed.success) return replyUsage(turn, 'giahan');
    if (parsed.data.date <= turn.today) {
      await turn.reply(turn.m.admin.dateNotFuture);
      return 'rejected';
    }
    const task = await findTaskOrExplain(turn, parsed.data.task);
    if (!task) return 'rejected';
    const { previousDue } = await extendDeadline(turn.db, {
      taskId: task.id,
      newDue: parsed.data.date,
      reason: parsed.data.reason,
      actor: actorOf(turn),
      now: turn.now,
    });
    await turn.reply(
      turn.m.admin.extended(task.code, showDate(turn, previousDue), showDate(turn, parsed.data.date)),
    );
    return 'processed';
  },
};
