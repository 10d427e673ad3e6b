/**
 * What a digest says, computed once by `buildDigest` and shown by every renderer (chat text, XLSX,
 * chart, DOCX). Every figure is true at `asOf`.
 */
import type { Deadline } from '../deadline/deadline.ts';
import type { ReportStatus } from '../reply/report-status.ts';
import type { DigestEvidence, DigestKind, DigestTotals, DigestUnreachable } from './digest-input.ts';

/** Where a task stands against its deadline (the Government's task-tracking categories). */
export type DeadlineTiming =
  | 'done_on_time'
  | 'done_late'
  | 'within_deadline'
  | 'overdue'
  | 'without_deadline';

/** Whether the plan speaks of pilot models ("mô hình") or of tasks ("nhiệm vụ"). */
export type DigestNoun = 'model' | 'task';

/** One task as the tables show it. */
export interface DigestRow {
  taskId: number;
  planId: number;
  code: string;
  groupCode: string | null;
  title: string;
  lead: string[];
  deadline: Deadline;
  originalDue: string | null;
  extended: boolean;
  status: ReportStatus;
  progress: number | null;
  result: string | null;
  blocker: string | null;
  assessment: string | null;
  budget: string | null;
  note: string | null;
  lastReportAt: Date | null;
  doneAt: Date | null;
  /** The file last sent as evidence with a report, if any. */
  evidence: DigestEvidence | null;
  timing: DeadlineTiming;
  /** Days past the due date when overdue, else null. */
  daysOverdue: number | null;
}

/** A group of the plan ("I. NHÓM TIỆN ÍCH ...") with its counts; `code` null gathers ungrouped tasks. */
export interface DigestGroup {
  planId: number;
  code: string | null;
  title: string;
  totals: DigestTotals;
  rows: DigestRow[];
}

/** An overdue task, most overdue first. */
export interface OverdueItem {
  taskId: number;
  code: string;
  title: string;
  due: string;
  daysOverdue: number;
  lead: string[];
  status: ReportStatus;
}

/** A task due within the next 14 days, soonest first. */
export interface DueSoonItem {
  taskId: number;
  code: string;
  title: string;
  due: string;
  daysLeft: number;
  lead: string[];
  status: ReportStatus;
}

/** A blocker reported since the last digest, verbatim. */
export interface BlockerItem {
  taskId: number;
  code: string;
  title: string;
  text: string;
  officerName: string;
  agencyName: string;
  reportedAt: Date;
}

/** A task that has not reported (this month, or for over a month when it has no date). */
export interface SilentTask {
  taskId: number;
  code: string;
  title: string;
  lead: string[];
  lastReportAt: Date | null;
}

/** An agency that received reminders in the period and answered none. */
export interface SilentAgency {
  agencyName: string;
  reminders: number;
  taskCodes: string[];
  lastSentAt: Date;
}

/** What changed since the last digest. */
export interface DigestChange {
  taskId: number;
  code: string;
  title: string;
  kind: 'completed' | 'reopened' | 'newly_overdue' | 'status_changed';
  from: ReportStatus | null;
  to: ReportStatus;
}

/** An explanation request still unanswered at `asOf`. */
export interface PendingExplanation {
  taskId: number;
  code: string;
  title: string;
  requestedAt: Date;
}

/** The digest. */
export interface DigestModel {
  kind: DigestKind;
  period: { from: Date; to: Date };
  asOf: Date;
  /** `asOf` as a Vietnam calendar date. */
  today: string;
  planTitles: string[];
  noun: DigestNoun;
  totals: DigestTotals;
  /** overdue / tasks (0 when there are no tasks). */
  overdueRate: number;
  /** Change of the rate since the previous digest, in the same unit (0.05 = 5 points); null when unknown. */
  overdueRateChange: number | null;
  summary: { vi: string; en: string };
  groups: DigestGroup[];
  overdue: OverdueItem[];
  dueSoon: DueSoonItem[];
  blockers: BlockerItem[];
  /** Not-done tasks with no report in the current month (Vietnam time). */
  silentThisMonth: SilentTask[];
  /** Tasks without a date, not done, silent for more than a month. */
  silentDateless: SilentTask[];
  /** Every task without a date, with its last report. */
  dateless: SilentTask[];
  silentAgencies: SilentAgency[];
  unreachable: DigestUnreachable[];
  changes: DigestChange[];
  pendingExplanations: PendingExplanation[];
  /** Not-done tasks whose lead is a collective nobody is assigned for: admins must assign them. */
  needsAssignment: SilentTask[];
}
