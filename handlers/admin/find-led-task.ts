/**
 * Finds the task an officer names among those their agency leads (directly or as the successor of the
 * agency the plan named); answers and returns null when it is unknown or not led by their agency.
 */
import { tasksLedBy } from '../../store/admin-officers.ts';
import { type AdminTask, findTasksByCode } from '../../store/admin-tasks.ts';
import { agenciesRepresentedBy } from '../../store/tasks.ts';
import type { OfficerTurn } from '../commands/chat-command.ts';

export async function findLedTask(
  turn: OfficerTurn,
  ref: { planId: number | undefined; code: string },
  notLead: (code: string) => string,
): Promise<AdminTask | null> {
  const code = ref.code.replace(/^#/u, '');
  const tasks = await findTasksByCode(turn.db, code, ref.planId);
  if (tasks.length === 0) {
    await turn.reply(turn.m.admin.taskNotFound(code));
    return null;
  }
  const agencies = await agenciesRepresentedBy(turn.db, turn.officer.agencyId);
  const led = await tasksLedBy(
    turn.db,
    tasks.map((t) => t.id),
    agencies,
  );
  const task = tasks.find((t) => led.includes(t.id));
  if (!task) {
    await turn.reply(notLead(code));
    return null;
  }
  return task;
}
