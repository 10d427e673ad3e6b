/** Finds the task an admin names; answers (and returns null) when there is none or it is ambiguous. */
import { type AdminTask, findTasksByCode } from '../../store/admin-tasks.ts';
import type { Turn } from '../conversation/turn.ts';

export async function findTaskOrExplain(
  turn: Turn,
  ref: { planId: number | undefined; code: string },
): Promise<AdminTask | null> {
  const code = ref.code.replace(/^#/u, '');
  const tasks = await findTasksByCode(turn.db, code, ref.planId);
  if (tasks.length === 0) {
    await turn.reply(turn.m.admin.taskNotFound(code));
    return null;
  }
  if (tasks.length > 1) {
    await turn.reply(turn.m.admin.taskAmbiguous(code, tasks.map((t) => t.planId).join(', ')));
    return null;
  }
  return tasks[0]!;
}
