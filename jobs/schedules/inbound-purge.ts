/**
 * The nightly purge of raw inbound payloads (`INBOUND_RETENTION_DAYS`): one job scheduler on the
 * planning queue (`schedule-inbound-purge`, 03:15 in the service's time zone), so it fires once per
 * cluster however many workers run. A missed night needs no catch-up: the next run purges everything
 * older than the period.
 */
import type { Queue } from 'bullmq';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { purgeInboundPayloads } from '../../store/inbound-retention.ts';
import { INBOUND_PURGE_JOB_NAME, type PurgeInboundJobData } from '../catalog.ts';
/** Every night at 03:15, away from planning and digests. */
export const INBOUND_PURGE_PATTERN = '15 3 * * *';

const DAY_MS = 86_400_000;

/** Creates or updates the purge's job scheduler (idempotent: every worker process may call it). */
export async function upsertInboundPurgeSchedule(queue: Queue, timeZone: string): Promise<void> {
  await queue.upsertJobScheduler(
    `schedule-${INBOUND_PURGE_JOB_NAME}`,
    { pattern: INBOUND_PURGE_PATTERN, tz: timeZone },
    {
      name: INBOUND_PURGE_JOB_NAME,
      data: {} satisfies PurgeInboundJobData,
      opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 30 },
    },
  );
}

/** Empties the payloads older than `retentionDays` before `now`; returns the count and the cut-off. */
export async function runInboundPurge(
  db: PrismaClient,
  now: Date,
  retentionDays: number,
): Promise<{ purged: number; before: string }> {
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  return { purged: await purgeInboundPayloads(db, before), before: before.toISOString() };
}
