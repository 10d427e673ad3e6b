/**
 * `/nhiemvu` (`/tasks`): the officer's tasks with deadline, days left or overdue, last status, and the
 * evidence (a file sent with a report) when there is one.
 */
import { formatFileSize } from '../../domain/text/format-file-size.ts';
import { type Messages, t } from '../../locales/index.ts';
import type { OfficerView } from '../../store/officers.ts';
import { latestEvidence, type ReportEvidence } from '../../store/reports.ts';
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
  const evidence = await latestEvidence(
    turn.db,
    tasks.map((x) => x.id),
  );
  const lines = tasks.map((task) => {
    const line = taskLine(task, turn.today, m, officer.locale);
    const file = evidence.get(task.id);
    return file ? `${line}\n   ${evidenceLine(file, m)}` : line;
  });
  await turn.reply([m.tasksHeader(officer.agencyName, tasks.length), ...lines].join('\n'), {
    taskIds: tasks.map((x) => x.id),
  });
  return 'processed';
}

/** "📎 minh chứng: ảnh (117 KB)". */
function evidenceLine(file: ReportEvidence, m: Messages): string {
  const kinds: Record<string, string> = m.evidenceKinds;
  return m.evidence(kinds[file.kind] ?? file.kind, file.size === null ? '' : formatFileSize(file.size));
}
