/**
 * The digest's snapshot of a task through PostgreSQL: exactly the fields of a `DigestTask`, whether its
 * state is the stored one (no report since the as-of instant) or rebuilt from its reports.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { loadDigestInput } from '../../store/digest-snapshot.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const SEED = path.resolve(import.meta.dirname, '../../domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt');

/** The fields a digest task has (the optional ones the snapshot fills included). */
const DIGEST_TASK_FIELDS = [
  'id',
  'planId',
  'code',
  'groupCode',
  'title',
  'lead',
  'needsAssignment',
  'deadline',
  'originalDue',
  'extended',
  'status',
  'progress',
  'result',
  'blocker',
  'lastReportAt',
  'doneAt',
  'evidence',
  'previousStatus',
].sort();

describe('loadDigestInput', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await importPlan(t.db, { bytes: readFileSync(SEED), fileName: '003.txt', dryRun: false });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('GIVEN a task with no report since the as-of instant THEN its digest task has only the digest fields, and needs assignment only without a direct lead', async () => {
    const withLead = await t.db.task.findFirstOrThrow({
      where: { agencies: { some: { role: 'lead', viaCollective: null } } },
      orderBy: { id: 'asc' },
    });
    // A stale flag: the task has a direct lead agency, so the digest must not list it as unassigned.
    await t.db.task.update({
      where: { id: withLead.id },
      data: { needsAssignment: true, lastReportAt: new Date('2026-01-05T03:00:00Z') },
    });
    const { input } = await loadDigestInput(t.db, {
      kind: 'weekly',
      asOf: new Date('2026-01-06T02:00:00Z'),
    });
    const task = input.tasks.find((x) => x.id === withLead.id)!;
    expect(task).toMatchObject({
      needsAssignment: false,
      lastReportAt: new Date('2026-01-05T03:00:00Z'),
    });
    expect(Object.keys(task).sort()).toEqual(DIGEST_TASK_FIELDS);
    for (const other of input.tasks) expect(Object.keys(other).sort()).toEqual(DIGEST_TASK_FIELDS);
  });
});
