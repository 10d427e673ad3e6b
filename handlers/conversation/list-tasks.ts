/** `/nhiemvu` (`/tasks`): the officer's tasks with deadline, days left or overdue, and last status. */
import { t } from '../../locales/index.ts';
import type { OfficerView } from '../../store/officers.ts';
import { agenciesRepresentedBy, tasksForAgencies } from '../../store/tasks.ts';
import { taskLine } from './format-task.ts';
import type { Turn } from './turn.ts';

export async function listMyTasks(turn: Turn, officer: OfficerView): Promise<'processed'> {
  const m = t(officer.locale);
  const agencyIds = await agenciesRepresentedBy(turn.db, officer.agencyId);
  const tasks = await tasksForAgencies(turn.db, agencyIds);
  if (tasks.length === 0) {
    await turn.reply(m.noTasks);
    return 'processed';
  }
  const lines = tasks.map((task) => taskLine(task, turn.today, m, officer.locale));
  await turn.reply([m.tasksHeader(officer.agencyName, tasks.length), ...lines].join('\n'), {
    taskIds: tasks.map((x) => x.id),
  });
  return 'processed';
}
