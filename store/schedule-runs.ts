/**
 * ScheduleRun: one row per scheduled run that happened (`planning-2026-11-23`,
 * `digest-weekly-2026-W48`), so that a run missed while the service was down is detected and run once.
 */
import type { PrismaClient } from '../prisma/generated/client.ts';

/** Records a run; false when it was already recorded. */
export async function recordScheduleRun(db: PrismaClient, key: string, at: Date): Promise<boolean> {
  const { count } = await db.scheduleRun.createMany({ data: [{ key, ranAt: at }], skipDuplicates: true });
  return count === 1;
}

export async function hasScheduleRun(db: PrismaClient, key: string): Promise<boolean> {
  return (await db.scheduleRun.count({ where: { key } })) > 0;
}

/** The latest recorded key starting with `prefix` (keys sort by time within a schedule), or null. */
export async function lastScheduleRun(db: PrismaClient, prefix: string): Promise<string | null> {
  const row = await db.scheduleRun.findFirst({
    where: { key: { startsWith: prefix } },
    orderBy: { key: 'desc' },
    select: { key: true },
  });
  return row?.key ?? null;
}
