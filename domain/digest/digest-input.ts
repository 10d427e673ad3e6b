/**
 * The snapshot a digest is built from: plain data loaded by the store, no behaviour.
 * Instants are JS `Date`s (UTC); calendar dates are Vietnam dates 'YYYY-MM-DD'.
 */
import type { Deadline } from '../deadline/deadline.ts';
import type { ReportStatus } from '../reply/report-status.ts';

/** How often the digest is sent. */
export type DigestKind = 'weekly' | 'monthly' | 'quarterly';

/**
 * Counts of one digest (or one group). Two partitions of `tasks`:
 * by status `done + in_progress + blocked + waiting_central + not_started`, and by timing
 * `done_on_time + done_late + within_deadline + overdue + without_deadline`.
 */
export interface DigestTotals {
  tasks: number;
  /** done + done_maintained */
  done: number;
  /** in_progress + piloting */
  in_progress: number;
  blocked: number;
  waiting_central: number;
  not_started: number;
  /** Not done and the effective due date is before today (Vietnam). */
  overdue: number;
  done_on_time: number;
  done_late: number;
  /** Not done, due today or later. */
  within_deadline: number;
  /** Tasks without a date (ongoing, roadmap, none): never overdue, counted apart. */
  without_deadline: number;
}

/** A task with its latest state, as the digest sees it. */
export interface DigestTask {
  id: number;
  planId: number;
  code: string;
  groupCode: string | null;
  title: string;
  /**
   * Who is responsible, as the committee reads it: names of the current lead agencies (after the
   * successor mapping) and the collectives the plan names as lead ("Các sở, ban, ngành"), never empty
   * when the plan names anyone.
   */
  lead: string[];
  /** The lead is a collective nobody has been assigned for yet: admins must assign it. */
  needsAssignment?: boolean;
  /** The effective deadline (an approved extension already moved `due`). */
  deadline: Deadline;
  /** The due date the plan wrote, 'YYYY-MM-DD', when an extension moved it. */
  originalDue: string | null;
  extended: boolean;
  status: ReportStatus;
  progress: number | null;
  result: string | null;
  blocker: string | null;
  lastReportAt: Date | null;
  doneAt: Date | null;
  /** The file last sent as evidence with a report on the task (a captioned photo or document), if any. */
  evidence?: DigestEvidence | null;
  /** The status at the previous digest; null or absent when unknown (e.g. a new task). */
  previousStatus?: ReportStatus | null;
  /** "Đánh giá hiệu quả" column of the province's report, when known. */
  assessment?: string | null;
  /** "Kinh phí" column of the province's report, when known. */
  budget?: string | null;
  /** "Ghi chú" written by the secretariat, when any. */
  note?: string | null;
}

/** A file kept as a report's evidence: the platform's file id, its kind and size in bytes. */
export interface DigestEvidence {
  fileId: string;
  kind: string;
  size: number | null;
}

/** One status report sent by an officer. */
export interface DigestReport {
  taskId: number;
  officerName: string;
  agencyName: string;
  status: ReportStatus | null;
  progress: number | null;
  result: string | null;
  blocker: string | null;
  reportedAt: Date;
}

/** A reminder sent to an officer, and whether any reply came back. */
export interface DigestReminder {
  officerId: number;
  agencyName: string;
  taskCode: string;
  sentAt: Date;
  answered: boolean;
}

/** An officer no channel can reach. */
export interface DigestUnreachable {
  officerName: string;
  agencyName: string;
  channel: string | null;
}

/** A formal request for an explanation about an overdue task. */
export interface DigestExplanation {
  taskId: number;
  requestedAt: Date;
  answer: string | null;
  answeredAt: Date | null;
}

/** Everything {@link buildDigest} needs. `asOf` is the instant the figures are true at. */
export interface DigestInput {
  kind: DigestKind;
  asOf: Date;
  period: { from: Date; to: Date };
  /** Totals of the last digest, for the changes; null for the first digest. */
  previous: DigestTotals | null;
  plans: { id: number; title: string }[];
  groups: { planId: number; code: string; title: string }[];
  tasks: DigestTask[];
  /** Reports sent in the period, plus the latest one of every task. */
  reports: DigestReport[];
  reminders: DigestReminder[];
  unreachable: DigestUnreachable[];
  explanations?: DigestExplanation[];
}
