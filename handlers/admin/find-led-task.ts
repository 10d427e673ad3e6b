/**
 * Finds the task an officer names among those their agency leads (directly or as the successor of the
 * agency the plan named); answers and returns null when it is unknown or not led by their agency.
 */
import { tasksLedBy } from '../../store/admin-officers.ts';
import type { AdminTask } from '../../store/admin-tasks.ts';
import { agenciesRepresentedBy } from '../../store/tasks.ts';
import type { OfficerTurn } from '../commands/chat-command.ts';
import { findTasksOrExplain, type TaskRef } from './find-task-or-explain.ts';

export async function findLedTask(
  turn: OfficerTurn,
  ref: TaskRef,
  notLead: (code: string) => string,
): Promise<AdminTask | null> {
  const found = await findTasksOrExplain(turn, ref);
  if (!found) return null;
  const agencies = await agenciesRepresentedBy(turn.db, turn.officer.agencyId);
  const led = await tasksLedBy(
    turn.db,
    found.tasks.map((t) => t.id),
    agencies,
  );
  const task = found.tasks.find((t) => led.includes(t.id));
  if (!task) {
    await turn.reply(notLead(found.code));
    return null;
  }
  return task;
}
