/**
 * Digest cost: building the model, the XLSX and the PNG chart for a large province-wide snapshot
 * (5,000 tasks and 50,000 reports by default), in memory.
 */
import { buildDigest } from '../domain/digest/build-digest.ts';
import type { DigestInput, DigestTask } from '../domain/digest/digest-input.ts';
import { REPORT_STATUSES, type ReportStatus } from '../domain/reply/report-status.ts';
import { renderDigestPng } from '../jobs/digest/render/render-digest-chart.ts';
import { renderDigestXlsx } from '../jobs/digest/render/render-digest-xlsx.ts';

export interface DigestBenchResult {
  tasks: number;
  reports: number;
  modelMs: number;
  xlsxMs: number;
  pngMs: number;
}

const STATUSES: readonly ReportStatus[] = REPORT_STATUSES;

export function syntheticDigestInput(taskCount: number, reportCount: number, asOf: Date): DigestInput {
  const groups = Array.from({ length: 8 }, (_, i) => ({
    planId: 1,
    code: ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'][i]!,
    title: `Nhóm nhiệm vụ ${i + 1}`,
  }));
  const tasks: DigestTask[] = Array.from({ length: taskCount }, (_, i) => {
    const status = STATUSES[i % STATUSES.length]!;
    const due = new Date(asOf.getTime() + ((i % 120) - 60) * 86_400_000).toISOString().slice(0, 10);
    return {
      id: i + 1,
      planId: 1,
      code: String(i + 1),
      groupCode: groups[i % groups.length]!.code,
      title: `Nhiệm vụ số ${i + 1}: triển khai dịch vụ công trực tuyến toàn trình`,
      lead: [`Sở ${i % 20}`],
      deadline: { raw: due, kind: 'date', due, start: null, recurring: false },
      originalDue: null,
      extended: false,
      status,
      progress: (i * 7) % 101,
      result: 'Đã triển khai',
      blocker: status === 'blocked' ? 'Chưa có kinh phí' : null,
      lastReportAt: new Date(asOf.getTime() - (i % 40) * 86_400_000),
      doneAt: status === 'done' ? new Date(asOf.getTime() - (i % 90) * 86_400_000) : null,
      previousStatus: STATUSES[(i + 1) % STATUSES.length]!,
    };
  });
  const reports = Array.from({ length: reportCount }, (_, i) => ({
    taskId: (i % taskCount) + 1,
    officerName: `Cán bộ ${i % 300}`,
    agencyName: `Sở ${i % 20}`,
    status: STATUSES[i % STATUSES.length]!,
    progress: i % 101,
    result: `Báo cáo ${i}`,
    blocker: i % 13 === 0 ? 'Thiếu nhân lực' : null,
    reportedAt: new Date(asOf.getTime() - (i % 30) * 86_400_000),
  }));
  return {
    kind: 'monthly',
    asOf,
    period: { from: new Date(asOf.getTime() - 30 * 86_400_000), to: asOf },
    previous: null,
    plans: [{ id: 1, title: 'Kế hoạch đo tải' }],
    groups,
    tasks,
    reports,
    reminders: [],
    unreachable: [],
  };
}

export async function digestCost(taskCount: number, reportCount: number): Promise<DigestBenchResult> {
  const input = syntheticDigestInput(taskCount, reportCount, new Date('2026-11-16T01:00:00Z'));
  let t = performance.now();
  const model = buildDigest(input);
  const modelMs = performance.now() - t;
  t = performance.now();
  await renderDigestXlsx(model, 'vi');
  const xlsxMs = performance.now() - t;
  t = performance.now();
  renderDigestPng(model, 'vi');
  const pngMs = performance.now() - t;
  return { tasks: taskCount, reports: reportCount, modelMs, xlsxMs, pngMs };
}
