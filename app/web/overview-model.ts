/**
 * The overview's figures: the weekly digest at this instant, the same as `npm run cli -- digest --json`
 * shows at that moment, computed from the overview's reduced snapshot (store/web-overview.ts).
 *
 * Every rule is the digest's own function: the deadline category of a task (`deadlineTiming`), the
 * status buckets (`countTask`), the overdue rate, the summary sentence, the due-soon window
 * (`DUE_SOON_DAYS`, `daysUntil`), the blockers of the period (`blockersIn`) and the order of codes.
 * What is composed here the way `buildDigest` (domain/digest/build-digest.ts) composes it: the groups
 * (the plan's groups in order, ungrouped tasks in a group of their own per plan) and the due-soon list.
 * `buildDigest` itself also builds every other list of a digest (the overdue list alone, sorted with the
 * Vietnamese collation, cost most of the overview's time for 5,000 tasks), which the overview does not
 * show. app/web/overview-model.int.test.ts proves both agree on a table of edge cases and on every figure.
 * When the reduced snapshot cannot be exact (a report dated after the as-of instant) the full digest is built.
 */
import { vnDate } from '../../domain/calendar/working-time.ts';
import { daysUntil } from '../../domain/deadline/format-deadline.ts';
import { DUE_SOON_DAYS, digestRow } from '../../domain/digest/build-digest.ts';
import type { DigestTask } from '../../domain/digest/digest-input.ts';
import { blockersIn, compareCodes, uniqueReports } from '../../domain/digest/digest-lists.ts';
import type { DigestModel, DigestRow, DueSoonItem } from '../../domain/digest/digest-model.ts';
import { nounOf, summaryLine } from '../../domain/digest/digest-summary.ts';
import { countTask, deadlineTiming, emptyTotals, overdueRate } from '../../domain/digest/digest-totals.ts';
import { buildCurrentDigest } from '../../jobs/digest/build-and-store-digest.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { listedTasks, loadOverviewSnapshot, type OverviewTask } from '../../store/web-overview.ts';

/** A group of the overview: its counts and, for the chart, each task's status and category. */
export interface OverviewGroup {
  planId: number;
  code: string | null;
  title: string;
  totals: DigestModel['totals'];
  rows: Array<Pick<DigestRow, 'taskId' | 'code' | 'status' | 'timing'>>;
}

/** What the overview shows of a digest. */
export type OverviewModel = Pick<
  DigestModel,
  'asOf' | 'today' | 'totals' | 'overdueRate' | 'overdueRateChange' | 'summary' | 'dueSoon' | 'blockers'
> & { groups: OverviewGroup[] };

/**
 * A task as the digest's rules read it. The overview loads what `deadlineTiming` reads (due date,
 * status, done_at, last report) and, for the tasks it lists, the title; the rest stays empty (a row's
 * result and blocker too: the blocker list takes its text from the reports, the row gives code and title).
 */
function asRow(task: OverviewTask, title: string): DigestTask {
  return {
    id: task.id,
    planId: task.planId,
    code: task.code,
    groupCode: task.groupCode,
    title,
    lead: [],
    deadline: {
      raw: '',
      kind: task.due === null ? 'none' : 'date',
      due: task.due,
      start: null,
      recurring: false,
    },
    originalDue: null,
    extended: false,
    status: task.status,
    progress: null,
    result: null,
    blocker: null,
    lastReportAt: task.lastReportAt,
    doneAt: task.doneAt,
  };
}

function fromDigest(model: DigestModel): OverviewModel {
  const { asOf, today, totals, overdueRate, overdueRateChange, summary, dueSoon, blockers } = model;
  return {
    asOf,
    today,
    totals,
    overdueRate,
    overdueRateChange,
    summary,
    dueSoon,
    blockers,
    groups: model.groups.map((g) => ({
      planId: g.planId,
      code: g.code,
      title: g.title,
      totals: g.totals,
      rows: g.rows.map(({ taskId, code, status, timing }) => ({ taskId, code, status, timing })),
    })),
  };
}

/** The overview's model at `asOf`. */
export async function overviewModel(db: PrismaClient, asOf: Date): Promise<OverviewModel> {
  const snapshot = await loadOverviewSnapshot(db, asOf);
  if (snapshot === null)
    return fromDigest((await buildCurrentDigest({ db, kind: 'weekly', at: asOf })).model);
  const today = vnDate(asOf);
  const timings = snapshot.tasks.map((task) => deadlineTiming(asRow(task, ''), today));

  const totals = emptyTotals();
  const groups: OverviewGroup[] = snapshot.groups.map((g) => ({ ...g, totals: emptyTotals(), rows: [] }));
  const key = (planId: number, code: string | null) => `${planId}\u0000${code ?? ''}`;
  const byKey = new Map(groups.map((g) => [key(g.planId, g.code), g]));
  snapshot.tasks.forEach((task, i) => {
    const timing = timings[i]!;
    countTask(totals, task.status, timing);
    let group = task.groupCode === null ? undefined : byKey.get(key(task.planId, task.groupCode));
    if (group === undefined) {
      group = byKey.get(key(task.planId, null));
      if (group === undefined) {
        group = { planId: task.planId, code: null, title: '', totals: emptyTotals(), rows: [] };
        byKey.set(key(task.planId, null), group);
        groups.push(group);
      }
    }
    group.rows.push({ taskId: task.id, code: task.code, status: task.status, timing });
    countTask(group.totals, task.status, timing);
  });

  const rate = overdueRate(totals);
  const change = snapshot.previous === null ? null : rate - overdueRate(snapshot.previous);
  const noun = nounOf(snapshot.plans.map((p) => p.title));

  const soon = snapshot.tasks.flatMap((task, i) => {
    const due = task.due;
    if (timings[i] !== 'within_deadline' || due === null) return [];
    const daysLeft = daysUntil(due, today);
    return daysLeft <= DUE_SOON_DAYS ? [{ task, due, daysLeft }] : [];
  });
  soon.sort((a, b) => a.daysLeft - b.daysLeft || compareCodes(a.task.code, b.task.code));
  const reports = uniqueReports(snapshot.blockerReports);
  const reported = new Set(reports.map((r) => r.taskId));
  const listed = await listedTasks(db, [...new Set([...soon.map((s) => s.task.id), ...reported])]);
  const dueSoon: DueSoonItem[] = soon.map(({ task, due, daysLeft }) => ({
    taskId: task.id,
    code: task.code,
    title: listed.get(task.id)?.title ?? '',
    due,
    daysLeft,
    lead: listed.get(task.id)?.lead ?? [],
    status: task.status,
  }));
  const rows = new Map<number, DigestRow>();
  snapshot.tasks.forEach((task, i) => {
    if (reported.has(task.id))
      rows.set(task.id, digestRow(asRow(task, listed.get(task.id)?.title ?? ''), timings[i]!, today));
  });

  return {
    asOf,
    today,
    totals,
    overdueRate: rate,
    overdueRateChange: change,
    summary: {
      vi: summaryLine(totals, noun, rate, change, 'vi'),
      en: summaryLine(totals, noun, rate, change, 'en'),
    },
    groups,
    dueSoon,
    blockers: blockersIn(reports, rows, snapshot.period),
  };
}
