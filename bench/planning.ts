/**
 * Planning cost: reminder planning for a small and a large plan with the same number of tasks due
 * (a T-7 reminder today), each run in a child process of its own so that its peak memory is its own.
 * Planning must scale with what is due, not with the size of the plan: the ratio large/small of the
 * times should stay near 1.
 */
import { spawnSync } from 'node:child_process';
import { resolveAgencyId } from '../store/agencies.ts';
import { benchEnv, REDIS_URL } from './support.ts';

export interface PlanningRun {
  tasks: number;
  ms: number;
  rssMB: number;
  reminders: number;
}

const DUE_TODAY = 200;
const OFFICERS = 20;
/** A working Monday; the due tasks are due a week later (T-7 today). */
const AT = '2025-03-10T01:00:00.000Z';
const DUE = '2025-03-17';

async function run(tasks: number): Promise<PlanningRun> {
  const env = await benchEnv(`planning${tasks}`);
  try {
    const agency = await resolveAgencyId(env.db, 'Sở Tư pháp');
    const plan = await env.db.plan.create({
      data: { key: `bench-${tasks}`, title: 'Đo chi phí lập lịch', sourceHash: 'x' },
    });
    for (let from = 0; from < tasks; from += 5000) {
      const size = Math.min(5000, tasks - from);
      await env.db.task.createMany({
        data: Array.from({ length: size }, (_, k) => {
          const i = from + k;
          // DUE_TODAY tasks get a T-7 reminder today; the others are due far ahead.
          const due = i < DUE_TODAY ? DUE : `2027-${String((i % 12) + 1).padStart(2, '0')}-28`;
          return {
            planId: plan.id,
            code: String(i + 1),
            position: i,
            title: `Nhiệm vụ ${i + 1}`,
            deadlineRaw: due,
            deadlineKind: 'date' as const,
            dueDate: new Date(`${due}T00:00:00Z`),
            originalDueDate: new Date(`${due}T00:00:00Z`),
          };
        }),
      });
    }
    const ids = await env.db.task.findMany({ select: { id: true } });
    for (let from = 0; from < ids.length; from += 5000) {
      await env.db.taskAgency.createMany({
        data: ids
          .slice(from, from + 5000)
          .map((t) => ({ taskId: t.id, agencyId: agency!.id, role: 'lead' as const })),
      });
    }
    for (let i = 0; i < OFFICERS; i++) {
      const officer = await env.db.officer.create({ data: { name: `Cán bộ ${i}`, agencyId: agency!.id } });
      await env.db.channelIdentity.create({
        data: { channel: 'telegram', chatId: String(300_000 + i), officerId: officer.id },
      });
    }
    await env.db.$executeRawUnsafe('VACUUM ANALYZE');
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/planning-child.ts', env.url, REDIS_URL, env.prefix, AT],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    if (child.status !== 0) throw new Error(`planning run failed: ${child.stderr}`);
    const out = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
      ms: number;
      rssMB: number;
      reminders: number;
    };
    return { tasks, ...out };
  } finally {
    await env.close();
  }
}

export async function planningCost(
  sizes: [number, number],
): Promise<{ small: PlanningRun; large: PlanningRun; ratio: number }> {
  const small = await run(sizes[0]);
  const large = await run(sizes[1]);
  return { small, large, ratio: large.ms / small.ms };
}
