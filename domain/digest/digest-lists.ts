/**
 * The lists of a digest: blockers, silent tasks and agencies, changes. Pure helpers of `buildDigest`.
 */
import { addMonths } from '../calendar/civil-date.ts';
import { vnDate } from '../calendar/working-time.ts';
import { daysUntil } from '../deadline/format-deadline.ts';
import { isDoneStatus } from '../reply/report-status.ts';
import type { DigestReminder, DigestReport } from './digest-input.ts';
import type { BlockerItem, DigestChange, DigestRow, SilentAgency, SilentTask } from './digest-model.ts';

/** A reporting period; both ends are included. */
export interface Period {
  from: Date;
  to: Date;
}

/** True when `t` lies in the period, both ends included. */
export function inPeriod(t: Date, period: Period): boolean {
  return t.getTime() >= period.from.getTime() && t.getTime() <= period.to.getTime();
}

/** One collator for every comparison: `localeCompare` with a locale builds its rules on each call. */
const CODE_ORDER = new Intl.Collator('vi', { numeric: true });
const NAME_ORDER = new Intl.Collator('vi');

/** Natural order of task codes: "2" < "10" < "10a". */
export function compareCodes(a: string, b: string): number {
  return CODE_ORDER.compare(a, b);
}

/** Reports without repeats (the store may load a task's latest report twice). */
export function uniqueReports(reports: readonly DigestReport[]): DigestReport[] {
  const seen = new Set<string>();
  return reports.filter((r) => {
    const key = `${r.taskId}|${r.reportedAt.getTime()}|${r.officerName}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Blockers reported in the period (non-blank text kept verbatim), newest first. */
export function blockersIn(
  reports: readonly DigestReport[],
  rows: ReadonlyMap<number, DigestRow>,
  period: Period,
): BlockerItem[] {
  const items: BlockerItem[] = [];
  for (const r of reports) {
    const row = rows.get(r.taskId);
    if (
      row === undefined ||
      r.blocker === null ||
      r.blocker.trim() === '' ||
      !inPeriod(r.reportedAt, period)
    ) {
      continue;
    }
    const { officerName, agencyName, reportedAt } = r;
    items.push({
      taskId: row.taskId,
      code: row.code,
      title: row.title,
      text: r.blocker,
      officerName,
      agencyName,
      reportedAt,
    });
  }
  return items.sort(
    (a, b) => b.reportedAt.getTime() - a.reportedAt.getTime() || compareCodes(a.code, b.code),
  );
}

/** A row as a silent-task entry. */
export function silentTask(row: DigestRow): SilentTask {
  return {
    taskId: row.taskId,
    code: row.code,
    title: row.title,
    lead: row.lead,
    lastReportAt: row.lastReportAt,
  };
}

/** True when the row has not reported in the Vietnam month of `today`. */
export function silentThisMonth(row: DigestRow, today: string): boolean {
  return row.lastReportAt === null || vnDate(row.lastReportAt).slice(0, 7) < today.slice(0, 7);
}

/**
 * True when the row's last report is more than a calendar month before `today` (or there is none): before
 * the same day a month earlier, clamped to that month's end ('2024-03-31' looks back to '2024-02-29').
 */
export function silentOverAMonth(row: DigestRow, today: string): boolean {
  return row.lastReportAt === null || vnDate(row.lastReportAt) < addMonths(today, -1);
}

/** Agencies that received reminders in the period and answered none, most reminded first. */
export function silentAgenciesIn(reminders: readonly DigestReminder[], period: Period): SilentAgency[] {
  const byAgency = new Map<string, DigestReminder[]>();
  for (const r of reminders) {
    if (!inPeriod(r.sentAt, period)) continue;
    const sent = byAgency.get(r.agencyName);
    if (sent === undefined) byAgency.set(r.agencyName, [r]);
    else sent.push(r);
  }
  const silent: SilentAgency[] = [];
  for (const [agencyName, sent] of byAgency) {
    if (sent.some((r) => r.answered)) continue;
    const taskCodes = [...new Set(sent.map((r) => r.taskCode))].sort(compareCodes);
    const lastSentAt = new Date(sent.reduce((latest, r) => Math.max(latest, r.sentAt.getTime()), 0));
    silent.push({ agencyName, reminders: sent.length, taskCodes, lastSentAt });
  }
  return silent.sort((a, b) => b.reminders - a.reminders || NAME_ORDER.compare(a.agencyName, b.agencyName));
}

const CHANGE_ORDER: Record<DigestChange['kind'], number> = {
  completed: 0,
  newly_overdue: 1,
  reopened: 2,
  status_changed: 3,
};

/**
 * Changes since the last digest: status moves known from `previousStatus` (completed, reopened, other
 * change), and tasks that became overdue in the period (first overdue day on or after its start).
 */
export function changesOf(
  rows: readonly DigestRow[],
  previous: ReadonlyMap<number, DigestRow['status'] | null>,
  periodStart: string,
): DigestChange[] {
  const changes: DigestChange[] = [];
  for (const row of rows) {
    const from = previous.get(row.taskId) ?? null;
    const base = { taskId: row.taskId, code: row.code, title: row.title, from, to: row.status };
    if (from !== null && from !== row.status) {
      const wasDone = isDoneStatus(from);
      const isDone = isDoneStatus(row.status);
      const kind = !wasDone && isDone ? 'completed' : wasDone && !isDone ? 'reopened' : 'status_changed';
      changes.push({ ...base, kind });
    }
    if (
      row.timing === 'overdue' &&
      row.deadline.due !== null &&
      daysUntil(row.deadline.due, periodStart) >= -1
    ) {
      changes.push({ ...base, kind: 'newly_overdue' });
    }
  }
  return changes.sort((a, b) => CHANGE_ORDER[a.kind] - CHANGE_ORDER[b.kind] || compareCodes(a.code, b.code));
}
