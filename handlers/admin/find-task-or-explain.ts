/** Finds the task an admin names; answers (and returns null) when there is none or it is ambiguous. */
import { type AdminTask, findTasksByCode } from '../../store/admin-tasks.ts';
import type { Turn } from '../conversation/turn.ts';

/** A task reference as commands take it: a code (`#` optional) and, when given, the plan. */
export interface TaskRef {
  planId: number | undefined;
  code: string;
}

/** The tasks of that code (in that plan when given); answers and returns null when there is none. */
export async function findTasksOrExplain(
  turn: Turn,
  ref: TaskRef,
): Promise<{ code: string; tasks: AdminTask[] } | null> {
  const code = ref.code.replace(/^#/u, '');
  const tasks = await findTasksByCode(turn.db, code, ref.planId);
  if (tasks.length > 0) return { code, tasks };
  await turn.reply(turn.m.admin.taskNotFound(code));
  return null;
}

export async function findTaskOrExplain(turn: Turn, ref: TaskRef): Promise<AdminTask | null> {
  const found = await findTasksOrExplain(turn, ref);
  if (!found) return null;
  if (found.tasks.length > 1) {
    await turn.reply(turn.m.admin.taskAmbiguous(found.code, found.tasks.map((t) => t.planId).join(', ')));
    return null;
  }
  return found.tasks[0]!;
}
