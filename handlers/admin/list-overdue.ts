/** `/quahan` (`/overdue`): open tasks past their deadline, oldest first. Admins and the committee. */
import { daysUntil } from '../../domain/deadline/format-deadline.ts';
import { overdueTasks } from '../../store/admin-tasks.ts';
import { ADMIN_OR_COMMITTEE, type ChatCommand } from '../commands/chat-command.ts';
import { replyUsage } from './admin-helpers.ts';

const MAX_LINES = 40;

export const listOverdue: ChatCommand = {
  names: ['quahan', 'overdue'],
  roles: ADMIN_OR_COMMITTEE,
  usage: 'quahan',
  summary: 'quahan',
  async run(turn, args) {
    if (args) return replyUsage(turn, 'quahan');
    const m = turn.m;
    const rows = await overdueTasks(turn.db, turn.today);
    if (rows.length === 0) {
      await turn.reply(m.admin.noOverdue);
      return 'processed';
    }
    const lines = rows
      .slice(0, MAX_LINES)
      .map((r) =>
        m.admin.overdueLine(
          r.code,
          r.title,
          r.lead.join(', '),
          -daysUntil(r.due, turn.today),
          `${m.statusLabels[r.status as keyof typeof m.statusLabels]}${r.progress !== null ? ` ${r.progress}%` : ''}`,
        ),
      );
    await turn.reply([m.admin.overdueHeader(rows.length), ...lines].join('\n'), {
      taskIds: rows.slice(0, MAX_LINES).map((r) => r.id),
    });
    return 'processed';
  },
};
