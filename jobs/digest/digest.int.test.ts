/**
 * The digest from the store: the scripted history of test/support/digest-seed.ts counted by hand,
 * one Digest row per period, and the committee's messages in the outbox (split at each channel's limit).
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAgencyId } from '../../store/agencies.ts';
import { createOfficer } from '../../store/officers.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { DIGEST_AS_OF, type DigestSeed, seedDigestHistory, vn } from '../../test/support/digest-seed.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../test/support/redis.ts';
import { OUTBOX_QUEUE, type OutboxJobData } from '../catalog.ts';
import { createOutbox } from '../outbox/outbox.ts';
import { outboxPayloadSchema } from '../outbox/outbox-payload.ts';
import { redisConnectionOptions } from '../queues.ts';
import { type BuiltDigest, buildAndStoreDigest } from './build-and-store-digest.ts';
import { renderDigestText } from './render/render-digest-text.ts';
import { sendDigest } from './send-digest.ts';

describe('digest from the store (seed 003 with a scripted history)', () => {
  let t: TestDatabase;
  let seed: DigestSeed;
  let week25: BuiltDigest;
  let week26: BuiltDigest;
  const prefix = uniquePrefix();
  let queue: Queue<OutboxJobData>;

  beforeAll(async () => {
    t = await createTestDatabase();
    seed = await seedDigestHistory(t.db);
    queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, {
      connection: redisConnectionOptions(TEST_REDIS_URL),
      prefix,
    });
    // The week before first: it is the baseline the next digest compares with.
    week25 = await buildAndStoreDigest({ db: t.db, kind: 'weekly', at: vn('2024-06-21', '17:00') });
    week26 = await buildAndStoreDigest({ db: t.db, kind: 'weekly', at: DIGEST_AS_OF });
  });
  afterAll(async () => {
    await queue?.close();
    const redis = createTestRedis();
    await deletePrefix(redis, prefix);
    await redis.quit();
    await t?.drop();
  });

  it('GIVEN the scripted history THEN the totals match the hand count', () => {
    expect(week26.digest.periodKey).toBe('2024-W26');
    expect(week26.model.totals).toEqual({
      tasks: 42,
      done: 2,
      in_progress: 2,
      blocked: 2,
      waiting_central: 1,
      not_started: 35,
      overdue: 16,
      done_on_time: 1,
      done_late: 1,
      within_deadline: 6,
      without_deadline: 18,
    });
  });

  it('GIVEN overdue tasks THEN days are counted in Vietnam dates and leads follow the successor mapping', () => {
    const overdue = week26.model.overdue.map((o) => [o.code, o.daysOverdue]);
    expect(overdue).toEqual([
      ...['3', '8', '9', '10', '18', '22', '24', '27', '30', '31', '32'].map((c) => [c, 180]),
      ...['35', '36', '37', '41', '42'].map((c) => [c, 89]),
    ]);
    expect(week26.model.overdue.find((o) => o.code === '41')?.lead).toEqual(['Sở Khoa học và Công nghệ']);
  });

  it('GIVEN an approved extension THEN task 17 is within its new deadline, not overdue, and marked extended', () => {
    const row = week26.model.groups.flatMap((g) => g.rows).find((r) => r.code === '17');
    expect(row).toMatchObject({
      timing: 'within_deadline',
      extended: true,
      originalDue: '2024-03-31',
      progress: 50,
    });
    expect(row?.deadline.due).toBe('2024-09-30');
    expect(week26.model.dueSoon.map((d) => [d.code, d.daysLeft])).toEqual([
      ['16', 2],
      ['33', 2],
    ]);
  });

  it('GIVEN blockers in and before the period THEN only the one of the period, attributed to its officer', () => {
    expect(week26.model.blockers.map((b) => [b.code, b.text, b.officerName, b.agencyName])).toEqual([
      ['41', 'Chưa có kinh phí thuê đường truyền', 'Trần Khoa Học', 'Sở Khoa học và Công nghệ'],
    ]);
  });

  it('GIVEN reminders and chats THEN the silent agency and the unreachable officers are listed', () => {
    expect(week26.model.silentAgencies.map((a) => [a.agencyName, a.reminders, a.taskCodes])).toEqual([
      ['Sở Y tế', 1, ['32']],
    ]);
    expect(week26.model.unreachable).toEqual(
      expect.arrayContaining([
        { officerName: 'Phạm Thị Y', agencyName: 'Sở Y tế', channel: null },
        { officerName: 'Lê Văn Công', agencyName: 'Công an tỉnh', channel: 'telegram' },
      ]),
    );
    expect(week26.model.unreachable).toHaveLength(2);
  });

  it('GIVEN the previous weekly digest THEN its totals and statuses are the baseline of the changes', () => {
    expect(week25.model.totals).toMatchObject({
      done: 2,
      in_progress: 2,
      blocked: 1,
      waiting_central: 0,
      not_started: 37,
    });
    expect(week26.digest.content.input.previous).toEqual(week25.model.totals);
    const changes = week26.model.changes
      .filter((c) => c.kind !== 'newly_overdue')
      .map((c) => [c.code, c.from, c.to]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ['41', 'in_progress', 'blocked'],
        ['16', 'not_started', 'waiting_central'],
        ['17', 'not_started', 'in_progress'],
      ]),
    );
    expect(changes).toHaveLength(3);
  });

  it('GIVEN a second build of the same period THEN the stored digest comes back and one row exists', async () => {
    // Task 7 is done now: a fresh build would count 3 done, the stored digest says 2.
    await t.db.task.update({
      where: { id: seed.taskId('7') },
      data: { status: 'done', doneAt: vn('2024-06-27'), lastReportAt: vn('2024-06-27') },
    });
    const again = await buildAndStoreDigest({ db: t.db, kind: 'weekly', at: vn('2024-06-29', '10:00') });
    expect(again.created).toBe(false);
    expect(again.digest.id).toBe(week26.digest.id);
    expect(again.model.totals).toEqual(week26.model.totals);
    expect(await t.db.digest.count({ where: { kind: 'weekly', periodKey: '2024-W26' } })).toBe(1);
    const forced = await buildAndStoreDigest({ db: t.db, kind: 'weekly', at: DIGEST_AS_OF, force: true });
    expect(forced.digest.id).toBe(week26.digest.id);
    expect(forced.model.totals.done).toBe(3);
    expect(await t.db.digest.count({ where: { kind: 'weekly', periodKey: '2024-W26' } })).toBe(1);
  });

  it('GIVEN committee chats on Telegram and Zalo THEN each gets chart, text within its limit, spreadsheet — once', async () => {
    const vpub = await resolveAgencyId(t.db, 'VP UBND tỉnh');
    const member = await createOfficer(t.db, {
      name: 'Nguyễn Chỉ Đạo',
      agencyId: vpub!.id,
      role: 'committee',
      locale: 'vi',
    });
    const admin = await createOfficer(t.db, {
      name: 'Admin Anh',
      agencyId: vpub!.id,
      role: 'admin',
      locale: 'en',
    });
    await t.db.channelIdentity.createMany({
      data: [
        { channel: 'telegram', chatId: '9001', officerId: member.id, purpose: 'officer' },
        { channel: 'zalo', chatId: 'z9002', officerId: admin.id, purpose: 'officer' },
        { channel: 'zalo', chatId: 'zgroup', purpose: 'digest_group', title: 'BCĐ' },
      ],
    });
    const outbox = createOutbox({ db: t.db, queue });
    const deps = { db: t.db, outbox, now: () => DIGEST_AS_OF };
    const first = await sendDigest(deps, week26.digest, week26.model);
    expect(first.chats).toBe(3);
    const again = await sendDigest(deps, week26.digest, week26.model);
    expect(again).toMatchObject({ created: 0, duplicates: first.created });

    const rows = await t.db.delivery.findMany({ where: { kind: 'digest' }, orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(first.created);
    for (const [chatId, limit, locale] of [
      ['9001', 4096, 'vi'],
      ['z9002', 2000, 'en'],
      ['zgroup', 2000, 'vi'],
    ] as const) {
      const mine = rows.filter((r) => r.chatId === chatId);
      const keys = mine.map((r) =>
        r.dedupKey.replace(`digest-weekly-2024-W26-${mine[0]!.channel}-${chatId}-`, ''),
      );
      expect(keys[0]).toBe('chart');
      expect(keys.at(-1)).toBe('xlsx');
      const payloads = mine.map((r) => outboxPayloadSchema.parse(r.payload));
      expect(payloads[0]?.message.attachments?.[0]).toMatchObject({ kind: 'image', mimeType: 'image/png' });
      expect(payloads.at(-1)?.message.attachments?.[0]?.filename).toMatch(
        /^(bao-cao-tuan|digest-weekly)-2024-W26\.xlsx$/u,
      );
      const texts = payloads.slice(1, -1).map((p) => p.message.text);
      expect(texts.length).toBeGreaterThan(1);
      for (const text of texts) expect(text.length).toBeLessThanOrEqual(limit);
      // Nothing lost or reordered: the parts hold the lines of the unsplit digest, in order.
      const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');
      expect(texts.flatMap(lines)).toEqual(
        lines(renderDigestText(week26.model, locale, 1_000_000).join('\n')),
      );
      // Spaced so that the chart comes first.
      const times = payloads.map((p) => Date.parse(p.notBefore ?? ''));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
    expect((await t.db.digest.findUniqueOrThrow({ where: { id: week26.digest.id } })).sentAt).toEqual(
      DIGEST_AS_OF,
    );
  });
});
