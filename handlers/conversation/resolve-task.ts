/** Finds the task an officer means by a code, and checks the officer's agency may report on it. */
import {
  agenciesRepresentedBy,
  isResponsible,
  type TaskView,
  tasksByCode,
  tasksByIds,
} from '../../store/tasks.ts';
import type { Turn } from './turn.ts';

export type TaskResolution =
  | { ok: true; task: TaskView }
  | { ok: false; reason: 'unknown'; code: string }
  /** "3" names several of the officer's tasks ("I.3", "II.3"): the group must be written. */
  | { ok: false; reason: 'ambiguous'; code: string; codes: string[] }
  | { ok: false; reason: 'not-yours'; code: string; task: TaskView };

/**
 * Among tasks with this code, prefer those of the message's context (the reminder replied to), then
 * those the officer's agency answers for, newest plan first.
 */
export async function resolveTask(
  turn: Turn,
  code: string,
  contextTaskIds: readonly number[],
): Promise<TaskResolution> {
  const officer = turn.officer;
  if (!officer) return { ok: false, reason: 'unknown', code };
  const candidates = await tasksByCode(turn.db, code);
  if (candidates.length === 0) return { ok: false, reason: 'unknown', code };
  const agencyIds = await turn.remember('agencies', () => agenciesRepresentedBy(turn.db, officer.agencyId));
  const inContext = candidates.filter((t) => contextTaskIds.includes(t.id));
  const mine = candidates.filter((t) => isResponsible(t, agencyIds));
  // "3" may name "I.3" and "II.3" of a plan numbered per group: only unambiguous for this officer.
  const exact = mine.filter((t) => t.code === code);
  const ambiguous = exact.length === 0 && new Set(mine.map((t) => t.code)).size > 1;
  const task =
    inContext.find((t) => isResponsible(t, agencyIds)) ?? (ambiguous ? undefined : (exact[0] ?? mine[0]));
  if (task) return { ok: true, task };
  if (ambiguous)
    return { ok: false, reason: 'ambiguous', code, codes: [...new Set(mine.map((t) => t.code))] };
  return { ok: false, reason: 'not-yours', code, task: candidates[0]! };
}

/** The task ids a reply refers to: the tasks of the message it replies to. */
export async function contextTaskIds(turn: Turn, loadContext: () => Promise<number[]>): Promise<TaskView[]> {
  const ids = await loadContext();
  return tasksByIds(turn.db, ids);
}

/** The answer to a task the officer cannot report on: unknown, ambiguous, or another agency's. */
export function unresolvedText(turn: Turn, found: Exclude<TaskResolution, { ok: true }>): string {
  if (found.reason === 'unknown') return turn.m.unknownTask(found.code);
  if (found.reason === 'ambiguous')
    return turn.m.ambiguousTask(
      found.code,
      found.codes.map((c) => `#${c}`).join(', '),
      found.codes[0] ?? found.code,
    );
  return notYoursText(turn, found.task);
}

export function notYoursText(turn: Turn, task: TaskView): string {
  return turn.m.notYourTask(
    task.code,
    task.lead.map((a) => a.name).join(', '),
    task.support.map((a) => a.name).join(', '),
  );
}
