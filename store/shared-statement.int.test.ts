import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/support/db.ts';
import { resolveAgencyId } from './agencies.ts';
import { findIdentity } from './officers.ts';
import { createPrismaClient, type PrismaClient } from './prisma-client.ts';
import { type NewReport, recordReport } from './reports.ts';
import { sharedStatement } from './shared-statement.ts';
import { tasksByCode } from './tasks.ts';

let t: TestDatabase;
/** A client of the same database that counts its statements. */
let counted: PrismaClient;
const statements: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  counted = createPrismaClient({
    databaseUrl: t.url,
    maxConnections: 4,
    onQuery: (sql) => statements.push(sql),
  });
});
afterAll(async () => {
  await counted?.$disconnect();
  await t?.drop();
});

async function agencyId(db: PrismaClient, name: string): Promise<number> {
  const agency = await resolveAgencyId(db, name);
  if (!agency) throw new Error(`no agency ${name}`);
  return agency.id;
}

async function createPlan(db: PrismaClient, key: string): Promise<number> {
  return (await db.plan.create({ data: { key, title: key, sourceHash: key } })).id;
}

let position = 0;
async function createTask(db: PrismaClient, planId: number, spec: { code: string; lead: number[] }) {
  position += 1;
  const task = await db.task.create({
    data: {
      planId,
      code: spec.code,
      position,
      title: `Nhiệm vụ ${spec.code}`,
      deadlineRaw: 'Thường xuyên',
      deadlineKind: 'ongoing',
      status: 'in_progress',
      agencies: { create: spec.lead.map((id) => ({ agencyId: id, role: 'lead' as const })) },
    },
  });
  return task.id;
}

/** An officer, linked to a Telegram chat when `chatId` is given. */
async function createOfficerWithChat(
  db: PrismaClient,
  input: { name: string; agencyId: number; chatId?: string; locale?: 'vi' | 'en' },
): Promise<number> {
  const officer = await db.officer.create({
    data: { name: input.name, agencyId: input.agencyId, locale: input.locale ?? 'vi' },
  });
  if (input.chatId) {
    await db.channelIdentity.create({
      data: { channel: 'telegram', chatId: input.chatId, userId: input.chatId, officerId: officer.id },
    });
  }
  return officer.id;
}

/** Runs `calls` at once on the counting client; answers their results and how many statements they sent. */
async function together<R>(calls: (() => Promise<R>)[]): Promise<{ results: R[]; sent: number }> {
  const before = statements.length;
  const results = await Promise.all(calls.map((call) => call()));
  return { results, sent: statements.length - before };
}

/** The same call through an interactive transaction, whose statements never share (each runs alone). */
const alone = <R>(call: (db: PrismaClient) => Promise<R>) =>
  t.db.$transaction((tx) => call(tx as unknown as PrismaClient));

describe('statements shared by concurrent callers (store/shared-statement.ts)', () => {
  it('GIVEN identities asked at once THEN each caller gets its own chat (or null), as alone, in fewer statements', async () => {
    const police = await agencyId(t.db, 'Công an tỉnh');
    const health = await agencyId(t.db, 'Sở Y tế');
    await createOfficerWithChat(t.db, { name: 'Lan', agencyId: police, chatId: '7101' });
    await createOfficerWithChat(t.db, { name: 'Minh', agencyId: health, chatId: '7102', locale: 'en' });
    const now = new Date('2026-12-06T02:00:00Z');
    const chats = ['7101', '7102', '7199', '7101', '7102', '7103', '7101', '7102'];

    const { results, sent } = await together(
      chats.map((chatId) => () => findIdentity(counted, 'telegram', chatId, now)),
    );

    const expected = await Promise.all(
      chats.map((chatId) => alone((tx) => findIdentity(tx, 'telegram', chatId, now))),
    );
    expect(results).toEqual(expected);
    expect(results.map((r) => r?.officer?.name ?? null)).toEqual([
      'Lan',
      'Minh',
      null,
      'Lan',
      'Minh',
      null,
      'Lan',
      'Minh',
    ]);
    expect(results[1]?.officer?.locale).toBe('en');
    expect(sent).toBeLessThan(chats.length);
  });

  it('GIVEN task codes asked at once THEN each caller gets the tasks of its code, newest plan first, as alone', async () => {
    const police = await agencyId(t.db, 'Công an tỉnh');
    const older = await createPlan(t.db, 'shared-older');
    const newer = await createPlan(t.db, 'shared-newer');
    await createTask(t.db, older, { code: '3', lead: [police] });
    await createTask(t.db, newer, { code: '3', lead: [police] });
    await createTask(t.db, newer, { code: 'II.3', lead: [police] });
    await createTask(t.db, newer, { code: '12', lead: [police] });
    const codes = ['3', '#12', 'II.3', 'nv003', '404', '3'];

    const { results, sent } = await together(codes.map((code) => () => tasksByCode(counted, code)));

    const expected = await Promise.all(codes.map((code) => alone((tx) => tasksByCode(tx, code))));
    expect(results).toEqual(expected);
    const shapes = results.map((tasks) => tasks.map((task) => `${task.planId}:${task.code}`));
    expect(shapes[0]).toEqual([`${newer}:3`, `${newer}:II.3`, `${older}:3`]);
    expect(shapes[1]).toEqual([`${newer}:12`]);
    expect(shapes[2]).toEqual([`${newer}:II.3`]);
    expect(shapes[3]).toEqual(shapes[0]);
    expect(shapes[4]).toEqual([]);
    expect(sent).toBeLessThan(codes.length);
  });

  it('GIVEN reports made at once THEN each is recorded once, the later one on a task wins, and a bad one fails alone', async () => {
    const police = await agencyId(t.db, 'Công an tỉnh');
    const plan = await createPlan(t.db, 'shared-reports');
    const first = await createTask(t.db, plan, { code: '1', lead: [police] });
    const second = await createTask(t.db, plan, { code: '2', lead: [police] });
    const lan = await createOfficerWithChat(t.db, { name: 'Lan', agencyId: police });
    const hoa = await createOfficerWithChat(t.db, { name: 'Hoa', agencyId: police });
    const at = new Date('2026-12-06T02:00:00Z');
    const base = {
      channel: 'telegram' as const,
      inboundMessageId: null,
      masked: [],
      at,
      result: null,
      blocker: null,
    };
    const lansFirst: NewReport = {
      ...base,
      taskId: first,
      officerId: lan,
      status: 'in_progress',
      progress: 40,
      platformMessageId: 'm1#0',
    };
    const reports: NewReport[] = [
      lansFirst,
      {
        ...base,
        taskId: second,
        officerId: lan,
        status: 'blocked',
        progress: null,
        platformMessageId: 'm1#1',
        blocker: 'gọi 0912345678',
      },
      { ...base, taskId: 999_999, officerId: hoa, status: 'done', progress: null, platformMessageId: 'm2#0' },
      { ...base, taskId: first, officerId: hoa, status: 'done', progress: null, platformMessageId: 'm3#0' },
      // The same message again (a redelivery handled twice): recorded once.
      { ...lansFirst },
    ];

    const settled = await Promise.allSettled(reports.map((report) => recordReport(counted, report)));

    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed'))).toEqual([
      'recorded',
      'recorded',
      'failed',
      'recorded',
      'duplicate',
    ]);
    const tasks = await t.db.task.findMany({ where: { planId: plan }, orderBy: { code: 'asc' } });
    expect(tasks.map((task) => [task.status, task.progress, task.doneAt !== null])).toEqual([
      ['done', 100, true],
      ['blocked', null, false],
    ]);
    const stored = await t.db.statusReport.findMany({ where: { taskId: { in: [first, second] } } });
    expect(stored).toHaveLength(3);
    // Written by raw SQL, so masked by the statement itself.
    expect(stored.find((r) => r.taskId === second)?.blocker).not.toContain('0912345678');
  });

  it('GIVEN a client whose statements do not go straight to the pool THEN each call runs alone', async () => {
    const seen: number[][] = [];
    const double = sharedStatement(async (_db, keys: number[]) => {
      seen.push(keys);
      return keys.map((k) => k * 2);
    });
    const viaTransaction = await alone((tx) => Promise.all([double(tx, 1), double(tx, 2)]));
    const direct = await Promise.all([double(counted, 3), double(counted, 4), double(counted, 5)]);
    expect(viaTransaction).toEqual([2, 4]);
    expect(direct).toEqual([6, 8, 10]);
    expect(seen).toEqual([[1], [2], [3, 4, 5]]);
  });
});
