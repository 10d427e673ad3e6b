/**
 * Dashboard page cost: a plan of `taskCount` tasks in 10 groups led by 20 agencies, `reportCount` status
 * reports and a reminder per ten reports, written with SQL (generate_series) into a database of its own;
 * then each page is rendered through the real routes (fastify inject, signed in as a committee member):
 * its first render, `runs` renders (median and slowest), and 3 renders each right after a new report
 * (median). Target: < 200 ms a page, first render and after a change included.
 */
import os from 'node:os';
import Fastify from 'fastify';
import { registerDashboard } from '../app/web/dashboard.ts';
import type { Outbox } from '../handlers/outbox.ts';
import { createWebLink } from '../handlers/web/web-link.ts';
import { syncBuiltinAgencies } from '../store/agencies.ts';
import { benchEnv } from './support.ts';

export interface WebPageTiming {
  page: string;
  medianMs: number;
  maxMs: number;
  /** The first render of the page (the overview's is the first request of the server). */
  firstMs: number;
  /** Median of 3 renders each right after a new report changed a task (no page keeps anything between requests). */
  rebuildMs: number;
  bytes: number;
}

const AGENCIES = 20;
const GROUPS = 10;

/** Seeds the plan and its history with SQL (seconds, not minutes). */
export async function seedWebBench(
  db: Awaited<ReturnType<typeof benchEnv>>['db'],
  taskCount: number,
  reportCount: number,
): Promise<{ committeeId: number; busyTaskId: number }> {
  await syncBuiltinAgencies(db);
  const agencies = await db.agency.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: AGENCIES });
  const plan = await db.plan.create({
    data: { key: 'bench-web', title: 'Kế hoạch đo trang theo dõi', sourceHash: 'x' },
  });
  for (let g = 0; g < GROUPS; g++) {
    await db.taskGroup.create({
      data: { planId: plan.id, code: String(g + 1), title: `Nhóm nhiệm vụ số ${g + 1}`, position: g },
    });
  }
  const ids = agencies.map((a) => a.id);
  await db.$executeRawUnsafe(`
    INSERT INTO task (plan_id, group_id, code, position, title, objective, deadline_raw, deadline_kind, due_date,
                      original_due_date, status, progress, updated_at)
    SELECT ${plan.id}, (SELECT id FROM task_group WHERE plan_id = ${plan.id} ORDER BY position OFFSET (i % ${GROUPS}) LIMIT 1),
           i::text, i, 'Triển khai dịch vụ công trực tuyến số ' || i || ' tích hợp căn cước điện tử',
           'Mục tiêu của nhiệm vụ ' || i, 'Quý ' || (i % 4 + 1) || '/2025',
           CASE WHEN i % 7 = 0 THEN 'none'::"DeadlineKind" ELSE 'date'::"DeadlineKind" END,
           CASE WHEN i % 7 = 0 THEN NULL ELSE DATE '2025-01-15' + (i % 400) END,
           CASE WHEN i % 7 = 0 THEN NULL ELSE DATE '2025-01-15' + (i % 400) END,
           (ARRAY['not_started','in_progress','done','blocked','waiting_central','in_progress','done'])[i % 7 + 1]::"ReportStatus",
           (i * 13) % 100, now()
      FROM generate_series(1, ${taskCount}) AS i`);
  await db.$executeRawUnsafe(`
    INSERT INTO task_agency (task_id, agency_id, role)
    SELECT t.id, (ARRAY[${ids.join(',')}])[t.position % ${ids.length} + 1], 'lead' FROM task t WHERE t.plan_id = ${plan.id}`);
  await db.$executeRawUnsafe(`
    INSERT INTO officer (name, agency_id, role, updated_at)
    SELECT 'Cán bộ ' || a, (ARRAY[${ids.join(',')}])[a], 'officer', now() FROM generate_series(1, ${ids.length}) AS a`);
  const committee = await db.officer.create({
    data: { name: 'Thành viên Ban Chỉ đạo', agencyId: ids[0]!, role: 'committee' },
  });
  // Reports: spread over the tasks and the past 300 days; one task gets 200 of them (a long timeline).
  await db.$executeRawUnsafe(`
    INSERT INTO status_report (task_id, officer_id, status, progress, result, blocker, reported_at, channel, platform_message_id)
    SELECT t.id, o.id,
           (ARRAY['in_progress','blocked','done','waiting_central'])[r % 4 + 1]::"ReportStatus", r % 100,
           'Kết quả báo cáo số ' || r, CASE WHEN r % 9 = 0 THEN 'Vướng mắc về kinh phí ' || r END,
           TIMESTAMPTZ '2025-12-01 09:00+07' - (r % 300) * interval '1 day',
           (ARRAY['telegram','zalo'])[r % 2 + 1]::"ChannelKind", 'bench-' || r
      FROM generate_series(1, ${reportCount}) AS r
      JOIN task t ON t.plan_id = ${plan.id} AND t.position = CASE WHEN r <= 200 THEN 1 ELSE r % ${taskCount} + 1 END
      JOIN task_agency ta ON ta.task_id = t.id AND ta.role = 'lead'
      JOIN officer o ON o.agency_id = ta.agency_id AND o.role = 'officer'`);
  await db.$executeRawUnsafe(`
    UPDATE task t SET last_report_at = s.at FROM (SELECT task_id, max(reported_at) AS at FROM status_report GROUP BY task_id) s
     WHERE s.task_id = t.id`);
  await db.$executeRawUnsafe(`
    INSERT INTO reminder (task_id, officer_id, kind, due_day, send_at, dedup_key, state)
    SELECT sr.task_id, sr.officer_id, 'T-7', (sr.reported_at - interval '2 days')::date, sr.reported_at - interval '2 days',
           'bench-' || sr.id, 'sent'
      FROM status_report sr WHERE sr.id % 10 = 0`);
  await db.$executeRawUnsafe('ANALYZE');
  const busy = await db.task.findFirstOrThrow({
    where: { planId: plan.id, position: 1 },
    select: { id: true },
  });
  return { committeeId: committee.id, busyTaskId: busy.id };
}

/** Times each dashboard page for a plan of `taskCount` tasks and `reportCount` reports. */
export async function webPagesCost(
  taskCount: number,
  reportCount: number,
  runs = 5,
): Promise<WebPageTiming[]> {
  const env = await benchEnv('web');
  const server = Fastify({ logger: false });
  try {
    const { committeeId, busyTaskId } = await seedWebBench(env.db, taskCount, reportCount);
    const cookie = await signedInDashboard(server, env.db, committeeId);
    writeLoadAverage();
    const out: WebPageTiming[] = [];
    let changes = 0;
    const changeBusyTask = () => {
      changes += 1;
      return reportOnBusyTask(env.db, busyTaskId, changes);
    };
    for (const page of benchPages(busyTaskId)) {
      out.push(await timePage(server, page, cookie, runs, changeBusyTask));
    }
    return out;
  } finally {
    await server.close();
    await env.close();
  }
}

/** The bench's clock: every page is read at this instant. */
const benchNow = () => new Date('2025-12-01T03:00:00Z');

type BenchDb = Awaited<ReturnType<typeof benchEnv>>['db'];

/** Registers the dashboard on `server` and signs the committee member in; answers the session cookie. */
async function signedInDashboard(
  server: ReturnType<typeof Fastify>,
  db: BenchDb,
  committeeId: number,
): Promise<string> {
  const outbox: Outbox = {
    enqueue: () => Promise.reject(new Error('no messages in the bench')),
  } as unknown as Outbox;
  await registerDashboard(server, {
    db,
    outbox,
    now: benchNow,
    publicBaseUrl: 'http://127.0.0.1',
    enabledChannels: () => new Set(),
  });
  const { url } = await createWebLink(db, 'http://127.0.0.1', committeeId, benchNow());
  const login = await server.inject({ method: 'GET', url: new URL(url).pathname });
  return String(login.headers['set-cookie']).split(';')[0]!;
}

/** The pages timed: overview, task lists (plain, filtered, searched without and with diacritics), a busy task, agencies. */
function benchPages(busyTaskId: number): string[] {
  return [
    '/',
    '/tasks',
    '/tasks?timing=overdue&sort=due&page=3',
    '/tasks?q=can%20cuoc%20dien%20tu%2042',
    `/tasks?q=${encodeURIComponent('Căn cước điện tử')}`,
    `/tasks/${busyTaskId}`,
    '/agencies',
  ];
}

/** The machine's load average, on stderr: figures taken on a busy machine read differently. */
function writeLoadAverage(): void {
  process.stderr.write(
    `  (load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores)\n`,
  );
}

/** A new report (the `change`-th) on the busy task, and the task's state moved with it. */
async function reportOnBusyTask(db: BenchDb, busyTaskId: number, change: number): Promise<void> {
  const at = new Date(benchNow().getTime() - 60_000 * (100 - change));
  await db.$executeRaw`
    INSERT INTO status_report (task_id, officer_id, status, progress, reported_at, channel, platform_message_id)
    SELECT ${busyTaskId}, officer_id, 'in_progress', ${change % 100}, ${at}, 'telegram', ${`bench-change-${change}`}
      FROM status_report WHERE task_id = ${busyTaskId} LIMIT 1`;
  await db.task.update({
    where: { id: busyTaskId },
    data: { status: 'in_progress', progress: change % 100, lastReportAt: at },
  });
}

/** One page's timings: its first render, `runs` renders, and 3 renders each right after `change()`. */
async function timePage(
  server: ReturnType<typeof Fastify>,
  page: string,
  cookie: string,
  runs: number,
  change: () => Promise<void>,
): Promise<WebPageTiming> {
  const render = async () => {
    const started = performance.now();
    const response = await server.inject({ method: 'GET', url: page, headers: { cookie } });
    return { ms: performance.now() - started, response };
  };
  const first = await render();
  if (first.response.statusCode !== 200) throw new Error(`${page}: HTTP ${first.response.statusCode}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await render()).ms);
  times.sort((a, b) => a - b);
  // Right after a data change: a new report on the busy task (its state moves with it).
  const rebuilds: number[] = [];
  for (let i = 0; i < 3; i++) {
    await change();
    rebuilds.push((await render()).ms);
  }
  rebuilds.sort((a, b) => a - b);
  return {
    rebuildMs: rebuilds[1]!,
    page,
    medianMs: times[Math.floor(times.length / 2)]!,
    maxMs: times.at(-1)!,
    firstMs: first.ms,
    bytes: first.response.body.length,
  };
}
