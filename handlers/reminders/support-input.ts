/**
 * The input cooperating agencies sent on a task since its last lead reminder, shown to the lead agency
 * inside its next reminder: the latest result/blocker of each support-agency officer.
 */
import type { Messages } from '../../locales/index.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { type AgencyReport, lastLeadReminderAt, reportsSince } from '../../store/reminders.ts';

/** With no earlier reminder, input of the last 30 days is shown. */
const DEFAULT_LOOKBACK_MS = 30 * 24 * 3600 * 1000;

/** Latest report of each support-agency officer, per task. */
export async function collectSupportInput(
  db: PrismaClient,
  input: {
    day: string;
    at: Date;
    supportHolders: ReadonlyMap<number, readonly number[]>;
    holderOf: (agencyId: number) => number;
  },
): Promise<Map<number, AgencyReport[]>> {
  const taskIds = [...input.supportHolders].filter(([, s]) => s.length > 0).map(([id]) => id);
  const out = new Map<number, AgencyReport[]>();
  if (taskIds.length === 0) return out;
  const lastAt = await lastLeadReminderAt(db, taskIds, input.day);
  const fallback = new Date(input.at.getTime() - DEFAULT_LOOKBACK_MS);
  const sinceOf = (taskId: number) => lastAt.get(taskId) ?? fallback;
  const earliest = new Date(Math.min(...taskIds.map((id) => sinceOf(id).getTime())));
  for (const report of await reportsSince(db, taskIds, earliest)) {
    if (report.reportedAt <= sinceOf(report.taskId)) continue;
    if (!input.supportHolders.get(report.taskId)?.includes(input.holderOf(report.agencyId))) continue;
    if (!report.result && !report.blocker) continue;
    const list = out.get(report.taskId) ?? [];
    // Reports come newest first: the first one of an officer is the latest.
    if (!list.some((r) => r.officerId === report.officerId)) list.push(report);
    out.set(report.taskId, list);
  }
  return out;
}

/** One line per report: "Sở Y tế: kết quả: ..., vướng mắc: ...". */
export function supportInputLines(reports: readonly AgencyReport[], m: Messages): string[] {
  return reports.map((r) => {
    const parts = [r.result ? m.summaryResult(r.result) : '', r.blocker ? m.summaryBlocker(r.blocker) : ''];
    return `${r.agencyName}: ${parts.filter(Boolean).join(', ')}`;
  });
}
