/**
 * The end of the demo: the transcript, the reminders per kind (from the Reminder table), the last
 * digest in full with its counts checked against the tasks, its files in ./demo-output/, and what the
 * running service answers on GET /ready and GET /metrics.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { vnDate } from '../domain/calendar/working-time.ts';
import type { DigestTotals } from '../domain/digest/digest-input.ts';
import { isDoneStatus } from '../domain/reply/report-status.ts';
import type { BuiltDigest } from '../jobs/digest/build-and-store-digest.ts';
import { digestFileName } from '../jobs/digest/digest-messages.ts';
import { renderDigestPng } from '../jobs/digest/render/render-digest-chart.ts';
import { renderDigestDocx } from '../jobs/digest/render/render-digest-docx.ts';
import { renderDigestText } from '../jobs/digest/render/render-digest-text.ts';
import { renderDigestXlsx } from '../jobs/digest/render/render-digest-xlsx.ts';
import { loadDigestInput } from '../store/digest-snapshot.ts';
import { type DemoServices, OUTPUT_DIR } from './services.ts';
import type { Transcript } from './transcript.ts';

const KINDS = ['T-14', 'T-7', 'T-3', 'T-1', 'T0', 'overdue', 'escalation', 'monthly', 'support-input'];
const METRICS = [
  /^deanbot_messages_sent_total/u,
  /^deanbot_reminders\{/u,
  /^deanbot_digests_(built|sent)_total/u,
  /^deanbot_inbound_messages_total/u,
];

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function heading(title: string): void {
  out();
  out(`━━━ ${title} ${'━'.repeat(Math.max(3, 100 - title.length))}`);
}

export async function printReport(input: {
  services: DemoServices;
  transcript: Transcript;
  lastDigest: BuiltDigest;
}): Promise<void> {
  const { services, transcript, lastDigest } = input;
  const { db } = services;

  heading('HỘI THOẠI / TRANSCRIPT (giờ Việt Nam mô phỏng)');
  for (const line of transcript.render()) out(line);

  heading('LỜI NHẮC THEO LOẠI / REMINDERS PER KIND (bảng Reminder)');
  const rows = await db.reminder.groupBy({ by: ['kind', 'state'], _count: { _all: true } });
  for (const kind of KINDS) {
    const of = rows.filter((r) => r.kind === kind);
    const total = of.reduce((n, r) => n + r._count._all, 0);
    const states = of.map((r) => `${r.state} ${r._count._all}`).join(', ');
    out(`${total > 0 ? '✓' : '✗'} ${kind.padEnd(14)} ${String(total).padStart(4)}   ${states}`);
  }
  const reports = await db.statusReport.count();
  const rejected = await db.inboundMessage.count({ where: { outcome: 'rejected' } });
  const extensions = await db.deadlineExtension.count({ where: { state: 'approved' } });
  out(
    `Báo cáo ghi nhận: ${reports} · tin bị từ chối kèm giải thích: ${rejected} · gia hạn đã duyệt: ${extensions}`,
  );
  const failed = await db.delivery.groupBy({ by: ['state'], _count: { _all: true } });
  out(`Tin gửi đi theo trạng thái: ${failed.map((f) => `${f.state} ${f._count._all}`).join(', ')}`);

  const { digest, model } = lastDigest;
  heading(`BÁO CÁO CUỐI CÙNG / LAST DIGEST (${digest.kind} ${digest.periodKey})`);
  out(renderDigestText(model, 'vi', 100_000).join('\n\n'));
  out();
  out(await checkCounts(services, lastDigest));

  const files: [string, Buffer][] = [
    [digestFileName(model.kind, digest.periodKey, 'vi', 'xlsx'), await renderDigestXlsx(model, 'vi')],
    [digestFileName(model.kind, digest.periodKey, 'vi', 'png'), renderDigestPng(model, 'vi')],
    [
      digestFileName(model.kind, digest.periodKey, 'vi', 'docx'),
      await renderDigestDocx(model, { province: 'Bình Định' }),
    ],
  ];
  for (const [name, bytes] of files) writeFileSync(path.join(OUTPUT_DIR, name), bytes);
  out(
    `Tệp: ${files.map(([name]) => `demo-output/${name}`).join(', ')}; nhật ký dịch vụ: demo-output/service.log`,
  );

  heading('DỊCH VỤ ĐANG CHẠY / THE RUNNING SERVICE');
  const ready = await fetch(`${services.baseUrl}/ready`);
  out(`GET /ready → ${ready.status} ${await ready.text()}`);
  const metrics = await (await fetch(`${services.baseUrl}/metrics`)).text();
  out('GET /metrics (trích):');
  for (const line of metrics.split('\n').filter((l) => METRICS.some((m) => m.test(l)))) out(`  ${line}`);
}

/** The digest's totals against the same counts taken straight from the tasks as of the digest. */
async function checkCounts(services: DemoServices, built: BuiltDigest): Promise<string> {
  // The digest's own input, loaded afresh for its as-of instant, is not what we check against: the
  // tasks table at the end of the run is, for the statuses as they stand now (reports after as-of change them).
  const { db } = services;
  const asOf = built.model.asOf;
  const today = vnDate(asOf);
  const tasks = await db.task.findMany({
    select: { id: true, dueDate: true, deadlineKind: true },
  });
  const reports = await db.statusReport.findMany({
    where: { reportedAt: { lte: asOf } },
    orderBy: [{ reportedAt: 'asc' }, { id: 'asc' }],
    select: { taskId: true, status: true },
  });
  const latest = new Map(reports.map((r) => [r.taskId, r.status]));
  const extensions = await db.deadlineExtension.findMany({
    where: { state: 'approved', decidedAt: { lte: asOf } },
    select: { taskId: true, newDue: true },
  });
  const extended = new Map(extensions.map((e) => [e.taskId, e.newDue.toISOString().slice(0, 10)]));
  const mine: Partial<DigestTotals> = {
    tasks: tasks.length,
    done: 0,
    in_progress: 0,
    blocked: 0,
    waiting_central: 0,
    not_started: 0,
    overdue: 0,
  };
  for (const task of tasks) {
    const status = latest.get(task.id) ?? 'not_started';
    const bucket = isDoneStatus(status)
      ? 'done'
      : status === 'in_progress' || status === 'piloting'
        ? 'in_progress'
        : status;
    mine[bucket] = (mine[bucket] ?? 0) + 1;
    const due = extended.get(task.id) ?? task.dueDate?.toISOString().slice(0, 10) ?? null;
    if (bucket !== 'done' && due !== null && due < today) mine.overdue = (mine.overdue ?? 0) + 1;
  }
  const keys = Object.keys(mine) as (keyof DigestTotals)[];
  const diffs = keys.filter((k) => mine[k] !== built.model.totals[k]);
  const shown = keys.map((k) => `${k} ${built.model.totals[k]}`).join(', ');
  // Cross-check with the snapshot loader too (what a rebuild would read).
  const fresh = await loadDigestInput(db, { kind: built.model.kind, asOf });
  const snapshotTasks = fresh.input.tasks.length;
  return diffs.length === 0 && snapshotTasks === tasks.length
    ? `Kiểm tra số liệu: ${shown} — khớp với bảng nhiệm vụ và báo cáo tại thời điểm lập ✓`
    : `Kiểm tra số liệu: KHÔNG khớp ở ${diffs.map((k) => `${k} (báo cáo ${built.model.totals[k]}, đếm ${mine[k]})`).join(', ')}`;
}
