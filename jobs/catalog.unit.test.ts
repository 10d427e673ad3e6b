import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import {
  DIGEST_JOB_NAME,
  DIGESTS_QUEUE,
  INBOUND_PURGE_JOB_NAME,
  JOB_CATALOG,
  OUTBOX_QUEUE,
  PLAN_JOB_NAME,
  PLANNING_QUEUE,
  readJobData,
  TICK_JOB_NAME,
} from './catalog.ts';

describe('the job catalogue', () => {
  it('reads each job of a queue by its name, with its data validated', () => {
    const plan = readJobData(PLANNING_QUEUE, { name: PLAN_JOB_NAME, data: { day: '2026-11-23' } });
    expect(plan).toEqual({ name: 'plan', data: { day: '2026-11-23' } });
    const tick = readJobData(PLANNING_QUEUE, { name: TICK_JOB_NAME, data: { schedule: 'weekly-digest' } });
    expect(tick).toEqual({ name: 'tick', data: { schedule: 'weekly-digest' } });
    const purge = readJobData(PLANNING_QUEUE, { name: INBOUND_PURGE_JOB_NAME, data: {} });
    expect(purge.name).toBe('purge-inbound');
    const digest = readJobData(DIGESTS_QUEUE, {
      name: DIGEST_JOB_NAME,
      data: { kind: 'monthly', at: '2026-11-16T01:00:00.000Z' },
    });
    expect(digest.data).toEqual({ kind: 'monthly', at: '2026-11-16T01:00:00.000Z' });
  });

  it.each([
    ['a job name another queue owns', OUTBOX_QUEUE, PLAN_JOB_NAME, { day: '2026-11-23' }, /unknown job plan/],
    ['a name inherited from Object', PLANNING_QUEUE, 'toString', {}, /unknown job toString/],
    ['a day that is no date', PLANNING_QUEUE, PLAN_JOB_NAME, { day: '23/11/2026' }, /bad plan job data/],
    ['an unknown schedule', PLANNING_QUEUE, TICK_JOB_NAME, { schedule: 'hourly' }, /bad tick job data/],
    [
      'an unknown digest kind',
      DIGESTS_QUEUE,
      DIGEST_JOB_NAME,
      { kind: 'daily', at: '2026-11-16T01:00:00Z' },
      /bad digest/,
    ],
    [
      'a delivery id that is not a number',
      OUTBOX_QUEUE,
      'deliver',
      { deliveryId: '7' },
      /bad deliver job data/,
    ],
  ] as const)('fails for good on %s', (_what, queue, name, data, message) => {
    const read = () => readJobData(queue, { name, data });
    expect(read).toThrow(UnrecoverableError);
    expect(read).toThrow(message);
  });

  it('names every queue once, each with at least one job', () => {
    expect(Object.keys(JOB_CATALOG).sort()).toEqual(['digests', 'inbound', 'outbox', 'planning']);
    for (const jobs of Object.values(JOB_CATALOG)) expect(Object.keys(jobs).length).toBeGreaterThan(0);
  });
});
