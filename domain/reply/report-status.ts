/**
 * The statuses an officer can report for a task of the Đề án 06 plan, and their display labels.
 */

/** Every status a report can carry, in the order a plan usually moves through them. */
export const REPORT_STATUSES = [
  'not_started',
  'in_progress',
  'piloting',
  'done',
  'done_maintained',
  'blocked',
  'waiting_central',
] as const;

/** One reportable status of a task. */
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A display language for labels. */
export type StatusLocale = 'vi' | 'en';

const LABELS: Record<StatusLocale, Record<ReportStatus, string>> = {
  vi: {
    not_started: 'Chưa triển khai',
    in_progress: 'Đang triển khai',
    piloting: 'Đang thí điểm',
    done: 'Hoàn thành',
    done_maintained: 'Hoàn thành, duy trì',
    blocked: 'Vướng mắc',
    waiting_central: 'Chờ hướng dẫn của Trung ương',
  },
  en: {
    not_started: 'Not started',
    in_progress: 'In progress',
    piloting: 'Piloting',
    done: 'Done',
    done_maintained: 'Done and maintained',
    blocked: 'Blocked',
    waiting_central: 'Waiting for central guidance',
  },
};

/** The human label of a status, e.g. `statusLabel('waiting_central', 'vi')` is "Chờ hướng dẫn của Trung ương". */
export function statusLabel(status: ReportStatus, locale: StatusLocale): string {
  return LABELS[locale][status];
}

/** True when `value` is one of {@link REPORT_STATUSES}. */
export function isReportStatus(value: unknown): value is ReportStatus {
  return typeof value === 'string' && (REPORT_STATUSES as readonly string[]).includes(value);
}

/** The statuses that mean a task is done: its result delivered (`done_maintained`: and kept up since). */
export const DONE_STATUSES = ['done', 'done_maintained'] as const satisfies readonly ReportStatus[];
export type DoneStatus = (typeof DONE_STATUSES)[number];

/** True for `done` and `done_maintained`: the one test of "is this task done" everywhere. */
export function isDoneStatus(status: string | null): status is DoneStatus {
  return status !== null && (DONE_STATUSES as readonly string[]).includes(status);
}
