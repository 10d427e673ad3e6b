/**
 * The overview's figures equal the weekly digest's (`digest --json`) at the same instant: the overview
 * loads a reduced snapshot with its own SQL (store/web-overview.ts) and builds it with the digest's
 * `buildDigest`, so what must agree is what that SQL gives the domain. A table of edge cases (due today,
 * due yesterday, due in 14 and 15 days, done on the due day late in the Vietnam evening, done late with and
 * without `done_at`, an extension approved before and one approved after the as-of instant, ongoing
 * "thường xuyên" tasks, tasks without a deadline, removed tasks, superseded and blank blockers) is
 * checked against the expected deadline category in both the overview and the full digest, and the whole
 * overview (totals, summary, rate and its change, groups with every task's status and category, due soon
 * with lead agencies, blockers) must equal the digest's. Real PostgreSQL, seed 003 with its scripted history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadlineTiming, DigestModel } from '../../domain/digest/digest-model.ts';
import type { ReportStatus } from '../../domain/reply/report-status.ts';
import { buildAndStoreDigest, buildCurrentDigest } from '../../jobs/digest/build-and-store-digest.ts';
import { loadOverviewSnapshot } from '../../store/web-overview.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/db.ts';
import { DIGEST_AS_OF, type DigestSeed, seedDigestHistory, vn } from '../../test/support/digest-seed.ts';
import { type OverviewModel, overviewModel } from './overview-model.ts';

/** After every report of the seed (the last is 05/07/2024): the overview's own snapshot is exact. */
const AS_OF = vn('2024-07-10', '17:00');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

interface EdgeCase {
  code: string;
  what: string;
  task: {
    due: string | null;
    kind?: 'date' | 'ongoing' | 'none' | 'roadmap';
    recurring?: boolean;
    status: ReportStatus;
    doneAt?: Date;
    lastReportAt?: Date;
    removedAt?: Date;
    originalDue?: string;
  };
  reports?: Array<{ at: Date; blocker?: string; superseded?: boolean }>;
  extension?: { previousDue: string; newDue: string; decidedAt: Date };
  /** Expected category at AS_OF; null: not in the digest at all. */
  timing: DeadlineTiming | null;
  dueSoon?: boolean;
  blocker?: boolean;
}

const CASES: EdgeCase[] = [
  {
    code: 'E1',
    what: 'due today, in progress',
    task: { due: '2024-07-10', status: 'in_progress' },
    timing: 'within_deadline',
    dueSoon: true,
  },
  {
    code: 'E2',
    what: 'due yesterday, not started',
    task: { due: '2024-07-09', status: 'not_started' },
    timing: 'overdue',
  },
  {
    code: 'E3',
    what: 'due in 14 days',
    task: { due: '2024-07-24', status: 'blocked' },
    timing: 'within_deadline',
    dueSoon: true,
  },
  {
    code: 'E4',
    what: 'due in 15 days',
    task: { due: '2024-07-25', status: 'not_started' },
    timing: 'within_deadline',
    dueSoon: false,
  },
  {
    code: 'E5',
    what: 'done at 23:30 Vietnam time on the due day (16:30 UTC)',
    task: { due: '2024-07-01', status: 'done', doneAt: vn('2024-07-01', '23:30') },
    timing: 'done_on_time',
  },
  {
    code: 'E6',
    what: 'done just after midnight Vietnam time the day after',
    task: { due: '2024-07-01', status: 'done', doneAt: vn('2024-07-02', '00:10') },
    timing: 'done_late',
  },
  {
    code: 'E7',
    what: 'done, no done_at: its latest report (later than last_report_at) decides',
    task: { due: '2024-07-01', status: 'done', lastReportAt: vn('2024-06-30') },
    reports: [{ at: vn('2024-06-30') }, { at: vn('2024-07-03') }],
    timing: 'done_late',
  },
  {
    code: 'E8',
    what: 'done, no done_at, a superseded late report does not count',
    task: { due: '2024-07-01', status: 'done_maintained', lastReportAt: vn('2024-06-30') },
    reports: [{ at: vn('2024-06-30') }, { at: vn('2024-07-03'), superseded: true }],
    timing: 'done_on_time',
  },
  {
    code: 'E9',
    what: 'done, no done_at, never reported',
    task: { due: '2024-06-01', status: 'done' },
    timing: 'done_on_time',
  },
  {
    code: 'E10',
    what: 'extension approved before as-of moved the date',
    task: { due: '2024-09-30', originalDue: '2024-07-01', status: 'in_progress' },
    extension: { previousDue: '2024-07-01', newDue: '2024-09-30', decidedAt: vn('2024-07-02') },
    timing: 'within_deadline',
  },
  {
    code: 'E11',
    what: 'extension approved after as-of is undone',
    task: { due: '2024-07-20', originalDue: '2024-07-05', status: 'in_progress' },
    extension: { previousDue: '2024-07-05', newDue: '2024-07-20', decidedAt: vn('2024-07-15') },
    timing: 'overdue',
  },
  {
    code: 'E12',
    what: 'ongoing "thường xuyên", recurring',
    task: { due: null, kind: 'ongoing', recurring: true, status: 'in_progress' },
    timing: 'without_deadline',
  },
  {
    code: 'E13',
    what: 'no deadline, done',
    task: { due: null, kind: 'none', status: 'done', doneAt: vn('2024-07-01') },
    timing: 'without_deadline',
  },
  {
    code: 'E14',
    what: 'roadmap without a date, not started',
    task: { due: null, kind: 'roadmap', status: 'not_started' },
    timing: 'without_deadline',
  },
  {
    code: 'E15',
    what: 'removed before as-of',
    task: { due: '2024-07-01', status: 'not_started', removedAt: vn('2024-07-01') },
    timing: null,
  },
  {
    code: 'E16',
    what: 'removed after as-of',
    task: { due: '2024-07-01', status: 'not_started', removedAt: vn('2024-07-20') },
    timing: 'overdue',
  },
  {
    code: 'E17',
    what: 'blocker reported this week',
    task: { due: '2024-08-30', status: 'blocked', lastReportAt: vn('2024-07-08') },
    reports: [{ at: vn('2024-07-08'), blocker: 'Chưa có đường truyền' }],
    timing: 'within_deadline',
    blocker: true,
  },
  {
    code: 'E18',
    what: 'superseded and blank blockers, and one before the week',
    task: { due: '2024-08-30', status: 'blocked', lastReportAt: vn('2024-07-09') },
    reports: [
      { at: vn('2024-07-01'), blocker: 'Trước kỳ' },
      { at: vn('2024-07-08'), blocker: 'Đã sửa', superseded: true },
      { at: vn('2024-07-09'), blocker: '   ' },
    ],
    timing: 'within_deadline',
    blocker: false,
  },
  {
    code: 'E19',
    what: 'two reports at the same instant by one officer: the digest keeps the first, without a blocker',
    task: { due: '2024-08-30', status: 'blocked', lastReportAt: vn('2024-07-08', '10:00') },
    reports: [{ at: vn('2024-07-08', '10:00') }, { at: vn('2024-07-08', '10:00'), blocker: 'Trùng lặp' }],
    timing: 'within_deadline',
    blocker: false,
  },
];

/** Everything the overview shows, in comparable form. */
function shown(model: OverviewModel | DigestModel) {
  return {
    asOf: model.asOf,
    today: model.today,
    totals: model.totals,
    overdueRate: model.overdueRate,
    overdueRateChange: model.overdueRateChange,
    summary: model.summary,
    groups: model.groups.map((g) => ({
      planId: g.planId,
      code: g.code,
      title: g.title,
      totals: g.totals,
      rows: g.rows.map((r) => `${r.taskId}:${r.code}:${r.status}:${r.timing}`),
    })),
    dueSoon: model.dueSoon,
    blockers: model.blockers,
  };
}

describe('the overview equals the digest of the same moment', () => {
  let t: TestDatabase;
  let seed: DigestSeed;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestDatabase();
    seed = await seedDigestHistory(t.db);
    const db = t.db;
    const plan = await db.plan.create({
      data: { key: 'edge-cases', title: 'Kế hoạch các trường hợp biên', sourceHash: 'edge' },
    });
    const group = await db.taskGroup.create({
      data: { planId: plan.id, code: 'I', title: 'Nhóm biên', position: 0 },
    });
    const officer = seed.officers.science;
    let n = 0;
    for (const c of CASES) {
      n += 1;
      const task = await db.task.create({
        data: {
          planId: plan.id,
          // Half the cases in a group, half ungrouped: both kinds of digest group.
          groupId: n % 2 === 0 ? group.id : null,
          code: c.code,
          position: n,
          title: `Trường hợp ${c.what}`,
          deadlineRaw: c.task.due ?? (c.task.kind === 'ongoing' ? 'Thường xuyên' : ''),
          deadlineKind: c.task.kind ?? 'date',
          dueDate: c.task.due === null ? null : day(c.task.due),
          originalDueDate: c.task.originalDue ? day(c.task.originalDue) : c.task.due ? day(c.task.due) : null,
          recurring: c.task.recurring ?? false,
          status: c.task.status,
          doneAt: c.task.doneAt ?? null,
          lastReportAt: c.task.lastReportAt ?? null,
          removedAt: c.task.removedAt ?? null,
          leadCollective: n % 3 === 0 ? ['Các sở, ban, ngành'] : [],
          leadRaw: 'Sở Thông tin và Truyền thông',
        },
      });
      ids.set(c.code, task.id);
      if (n % 3 !== 1) {
        // Led by Sở TT&TT, whose tasks Sở KH&CN now holds (the successor chain).
        const ttt = await db.agency.findFirstOrThrow({ where: { name: 'Sở Thông tin và Truyền thông' } });
        await db.taskAgency.create({ data: { taskId: task.id, agencyId: ttt.id, role: 'lead' } });
      }
      let m = 0;
      for (const r of c.reports ?? []) {
        m += 1;
        await db.statusReport.create({
          data: {
            taskId: task.id,
            officerId: officer.id,
            status: c.task.status,
            blocker: r.blocker ?? null,
            reportedAt: r.at,
            channel: 'telegram',
            platformMessageId: `edge-${c.code}-${m}`,
            supersededAt: r.superseded ? vn('2024-07-10', '09:00') : null,
          },
        });
      }
      if (c.extension) {
        await db.deadlineExtension.create({
          data: {
            taskId: task.id,
            previousDue: day(c.extension.previousDue),
            newDue: day(c.extension.newDue),
            reason: 'Trường hợp biên',
            state: 'approved',
            decidedAt: c.extension.decidedAt,
          },
        });
      }
    }
    // A stored weekly digest a week before: the overdue rate's change is known.
    await buildAndStoreDigest({ db, kind: 'weekly', at: vn('2024-07-03', '17:00') });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it.each(CASES)('$code $what → $timing', async (c) => {
    const [overview, digest] = await Promise.all([
      overviewModel(t.db, AS_OF),
      buildCurrentDigest({ db: t.db, kind: 'weekly', at: AS_OF }).then((d) => d.model),
    ]);
    const id = ids.get(c.code)!;
    for (const model of [overview, digest]) {
      const row = model.groups.flatMap((g) => g.rows).find((r) => r.taskId === id);
      expect(row?.timing ?? null, c.code).toBe(c.timing);
      if (c.dueSoon !== undefined) expect(model.dueSoon.some((d) => d.taskId === id)).toBe(c.dueSoon);
      if (c.blocker !== undefined) expect(model.blockers.some((b) => b.taskId === id)).toBe(c.blocker);
    }
  });

  it('GIVEN a moment after every report THEN the reduced snapshot is used and the overview is the digest', async () => {
    expect(await loadOverviewSnapshot(t.db, AS_OF)).not.toBeNull();
    const overview = await overviewModel(t.db, AS_OF);
    const { model } = await buildCurrentDigest({ db: t.db, kind: 'weekly', at: AS_OF });
    expect(shown(overview)).toEqual(shown(model));
    // The comparison has something to compare: every category, due soon with successor-mapped leads,
    // collectives and written leads, blockers, a known change of the overdue rate.
    for (const k of ['done_on_time', 'done_late', 'within_deadline', 'overdue', 'without_deadline'] as const)
      expect(model.totals[k], k).toBeGreaterThan(0);
    expect(model.overdueRateChange).not.toBeNull();
    expect(model.groups.filter((g) => g.code === null).length).toBeGreaterThan(0);
    const leads = new Set(overview.dueSoon.flatMap((d) => d.lead));
    expect(leads).toContain('Sở Khoa học và Công nghệ');
    expect(leads).toContain('Các sở, ban, ngành');
    expect(overview.blockers.map((b) => b.text)).toEqual(['Chưa có đường truyền']);
  });

  it('GIVEN a report after the as-of instant THEN the full digest is built and still equal', async () => {
    // At the seed's hand-count instant, task 42 has a report dated after it.
    expect(await loadOverviewSnapshot(t.db, DIGEST_AS_OF)).toBeNull();
    const overview = await overviewModel(t.db, DIGEST_AS_OF);
    const { model } = await buildCurrentDigest({ db: t.db, kind: 'weekly', at: DIGEST_AS_OF });
    expect(shown(overview)).toEqual(shown(model));
  });

  it('GIVEN other moments of the history THEN the overview is the digest at each', async () => {
    for (const at of [vn('2024-07-09', '20:00'), vn('2024-07-15', '12:00'), vn('2024-07-25', '23:59')]) {
      const input = await loadOverviewSnapshot(t.db, at);
      expect(input, at.toISOString()).not.toBeNull();
      const overview = await overviewModel(t.db, at);
      const { model } = await buildCurrentDigest({ db: t.db, kind: 'weekly', at });
      expect(shown(overview), at.toISOString()).toEqual(shown(model));
    }
  });
});
