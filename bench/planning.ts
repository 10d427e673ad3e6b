/**
 * Planning cost: reminder planning for a small and a large plan with the same number of tasks due
 * today; each run in a child process of its own so that its peak memory is its own.
 * (Filled in once the reminder planner lands: see the reminders feature.)
 */
export interface PlanningRun {
  tasks: number;
  ms: number;
  rssMB: number;
}

export async function planningCost(
  sizes: [number, number],
): Promise<{ small: PlanningRun; large: PlanningRun; ratio: number }> {
  const none = (tasks: number): PlanningRun => ({ tasks, ms: Number.NaN, rssMB: Number.NaN });
  return { small: none(sizes[0]), large: none(sizes[1]), ratio: Number.NaN };
}
