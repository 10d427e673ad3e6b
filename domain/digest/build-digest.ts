/**
 * Builds the steering committee's digest from a snapshot of the plan. Pure: the clock is `input.asOf`.
 */
import { vnDate } from '../calendar/working-time.ts';
import { daysUntil } from '../deadline/format-deadline.ts';
import { isDoneStatus } from '../reply/report-status.ts';
import type { DigestInput, DigestReport, DigestTask } from './digest-input.ts';
import {
  blockersIn,
  changesOf,
  compareCodes,
  silentAgenciesIn,
  silentOverAMonth,
  silentTask,
  silentThisMonth,
  uniqueReports,
} from './digest-lists.ts';
import type {
  DeadlineTiming,
  DigestGroup,
  DigestModel,
  DigestRow,
  DueSoonItem,
  OverdueItem,
} from './digest-model.ts';
import { nounOf, summaryLine } from './digest-summary.ts';
import { countTask, deadlineTiming, emptyTotals, overdueRate } from './digest-totals.ts';

/** Tasks due within this many days (today included) are "due soon". */
export const DUE_SOON_DAYS = 14;

/** Each task's latest report time among `reports`, in one pass. */
function latestReportTimes(reports: readonly DigestReport[]): Map<number, number> {
  const latest = new Map<number, number>();
  for (const r of reports) {
    const at = r.reportedAt.getTime();
    const known = latest.get(r.taskId);
    if (known === undefined || at > known) latest.set(r.taskId, at);
  }
  return latest;
}

/** The later of the task's own last report and the latest of its reports. */
function latestReportAt(task: DigestTask, latestOfReports: ReadonlyMap<number, number>): Date | null {
  const own = task.lastReportAt?.getTime() ?? null;
  const fromReports = latestOfReports.get(task.id);
  if (fromReports === undefined) return own === null ? null : new Date(own);
  return new Date(own === null || fromReports > own ? fromReports : own);
}

function toRow(task: DigestTask, latestOfReports: ReadonlyMap<number, number>, today: string): DigestRow {
  const row = { ...task, lastReportAt: latestReportAt(task, latestOfReports) };
  return digestRow(row, deadlineTiming(row, today), today);
}

/** `task` as a digest row whose deadline category at `today` is `timing` (its fields as they are). */
export function digestRow(task: DigestTask, timing: DeadlineTiming, today: string): DigestRow {
  const due = task.deadline.due;
  return {
    taskId: task.id,
    planId: task.planId,
    code: task.code,
    groupCode: task.groupCode,
    title: task.title,
    lead: task.lead,
    deadline: task.deadline,
    originalDue: task.originalDue,
    extended: task.extended,
    status: task.status,
    progress: task.progress,
    result: task.result,
    blocker: task.blocker,
    assessment: task.assessment ?? null,
    budget: task.budget ?? null,
    note: task.note ?? null,
    lastReportAt: task.lastReportAt,
    doneAt: task.doneAt,
    evidence: task.evidence ?? null,
    timing,
    daysOverdue: timing === 'overdue' && due !== null ? -daysUntil(due, today) : null,
  };
}

function groupRows(input: DigestInput, rows: readonly DigestRow[]): DigestGroup[] {
  const groups: DigestGroup[] = input.groups.map((g) => ({ ...g, totals: emptyTotals(), rows: [] }));
  const key = (planId: number, code: string | null): string => `${planId}\u0000${code ?? ''}`;
  const byKey = new Map(groups.map((g) => [key(g.planId, g.code), g]));
  for (const row of rows) {
    let group = row.groupCode === null ? undefined : byKey.get(key(row.planId, row.groupCode));
    if (group === undefined) {
      group = byKey.get(key(row.planId, null));
      if (group === undefined) {
        group = { planId: row.planId, code: null, title: '', totals: emptyTotals(), rows: [] };
        byKey.set(key(row.planId, null), group);
        groups.push(group);
      }
    }
    group.rows.push(row);
    countTask(group.totals, row.status, row.timing);
  }
  return groups;
}

/**
 * The digest of `input` at `input.asOf`: totals by status and by deadline category (Vietnam dates; an
 * approved extension already moved the effective deadline, so an extended task within its new date is
 * not overdue), the summary sentence in both languages, counts per group, and the lists the committee
 * reads (overdue, due soon, blockers, silent tasks and agencies, unreachable officers, changes).
 */
export function buildDigest(input: DigestInput): DigestModel {
  const today = vnDate(input.asOf);
  const reports = uniqueReports(input.reports);
  const latestOfReports = latestReportTimes(reports);
  const rows = input.tasks.map((t) => toRow(t, latestOfReports, today));
  const totals = emptyTotals();
  for (const row of rows) countTask(totals, row.status, row.timing);
  const rate = overdueRate(totals);
  const overdueRateChange = input.previous === null ? null : rate - overdueRate(input.previous);
  const planTitles = input.plans.map((p) => p.title);
  const noun = nounOf(planTitles);

  const overdue: OverdueItem[] = rows
    .filter((r) => r.timing === 'overdue')
    .map((r) => ({ ...pick(r), due: r.deadline.due ?? '', daysOverdue: r.daysOverdue ?? 0 }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || compareCodes(a.code, b.code));
  const dueSoon: DueSoonItem[] = rows
    .filter((r) => r.timing === 'within_deadline' && r.deadline.due !== null)
    .map((r) => ({
      ...pick(r),
      due: r.deadline.due ?? '',
      daysLeft: daysUntil(r.deadline.due ?? today, today),
    }))
    .filter((r) => r.daysLeft <= DUE_SOON_DAYS)
    .sort((a, b) => a.daysLeft - b.daysLeft || compareCodes(a.code, b.code));

  const byId = new Map(rows.map((r) => [r.taskId, r]));
  const previousStatus = new Map(input.tasks.map((t) => [t.id, t.previousStatus ?? null]));
  const notDone = rows.filter((r) => !isDoneStatus(r.status));
  const dateless = rows.filter((r) => r.timing === 'without_deadline');
  const needs = new Set(input.tasks.filter((t) => t.needsAssignment === true).map((t) => t.id));
  return {
    kind: input.kind,
    period: { from: input.period.from, to: input.period.to },
    asOf: input.asOf,
    today,
    planTitles,
    noun,
    totals,
    overdueRate: rate,
    overdueRateChange,
    summary: {
      vi: summaryLine(totals, noun, rate, overdueRateChange, 'vi'),
      en: summaryLine(totals, noun, rate, overdueRateChange, 'en'),
    },
    groups: groupRows(input, rows),
    overdue,
    dueSoon,
    blockers: blockersIn(reports, byId, input.period),
    silentThisMonth: notDone.filter((r) => silentThisMonth(r, today)).map(silentTask),
    silentDateless: dateless
      .filter((r) => !isDoneStatus(r.status) && silentOverAMonth(r, today))
      .map(silentTask),
    dateless: dateless.map(silentTask),
    silentAgencies: silentAgenciesIn(input.reminders, input.period),
    unreachable: input.unreachable.map((u) => ({ ...u })),
    changes: changesOf(rows, previousStatus, vnDate(input.period.from)),
    needsAssignment: notDone.filter((r) => needs.has(r.taskId)).map(silentTask),
    pendingExplanations: (input.explanations ?? [])
      .filter((e) => e.answeredAt === null && e.requestedAt.getTime() <= input.asOf.getTime())
      .flatMap((e) => {
        const row = byId.get(e.taskId);
        return row === undefined
          ? []
          : [{ taskId: row.taskId, code: row.code, title: row.title, requestedAt: e.requestedAt }];
      }),
  };
}

function pick(r: DigestRow): Pick<OverdueItem, 'taskId' | 'code' | 'title' | 'lead' | 'status'> {
  return { taskId: r.taskId, code: r.code, title: r.title, lead: r.lead, status: r.status };
}
