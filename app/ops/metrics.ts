/**
 * Prometheus metrics (prom-client). Business figures are read at scrape time from PostgreSQL (aggregate
 * counts) and from the BullMQ queues in Redis, so every process that serves /metrics reports the same
 * totals whichever worker did the work; webhook latency is measured in this process. A source that does
 * not answer within the timeout is reported as `deanbot_metrics_source_up{source} 0` and its figures are
 * left out of that scrape, never a failed scrape.
 */
import type { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type OpsCounts, readOpsCounts } from '../../store/ops-counts.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';

export interface MetricsDeps {
  db: PrismaClient;
  /** The queues to report (depth by state, age of the oldest waiting job). */
  queues: readonly Queue[];
  /** Longest wait for PostgreSQL or Redis during a scrape. @defaultValue 2000 */
  timeoutMs?: number;
  now?: () => number;
  /** Also export the process metrics (CPU, memory, event loop). @defaultValue true */
  processMetrics?: boolean;
}

export interface OpsMetrics {
  registry: Registry;
  /** Reads the figures and renders the text exposition format. */
  render(): Promise<string>;
  /** Records one webhook request. */
  observeWebhook(route: string, statusCode: number, seconds: number): void;
  contentType: string;
}

interface QueueFigures {
  name: string;
  counts: Record<string, number>;
  oldestWaitingSeconds: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function queueFigures(queue: Queue, now: number): Promise<QueueFigures> {
  const [counts, oldest] = await Promise.all([queue.getJobCounts(), queue.getWaiting(0, 0)]);
  const job = oldest[0];
  const dueAt = job ? job.timestamp + (job.delay ?? 0) : now;
  return { name: queue.name, counts, oldestWaitingSeconds: Math.max(0, (now - dueAt) / 1000) };
}

/**
 * The figures of the scrape in progress, read by `render()` before the registry is collected; the
 * collect functions only copy them. `null` means the source did not answer during this scrape.
 */
interface ScrapeFigures {
  counts: OpsCounts | null;
  queues: QueueFigures[] | null;
}

type Registers = Registry[];

/** Registers `deanbot_metrics_source_up{source}`: 1 when PostgreSQL / Redis answered this scrape, else 0. */
function registerSourceUp(registers: Registers, figures: ScrapeFigures): void {
  new Gauge({
    name: 'deanbot_metrics_source_up',
    help: 'Whether a source of these metrics answered during this scrape (1) or not (0).',
    labelNames: ['source'] as const,
    registers,
    collect() {
      this.set({ source: 'database' }, figures.counts ? 1 : 0);
      this.set({ source: 'redis' }, figures.queues ? 1 : 0);
    },
  });
}

/**
 * Registers a counter whose value is a total kept in PostgreSQL: reset and copied at each scrape, never
 * accumulated here; left empty when the database did not answer.
 */
function registerTotalCounter<L extends string>(
  registers: Registers,
  figures: ScrapeFigures,
  name: string,
  help: string,
  labelNames: readonly L[],
  values: (c: OpsCounts) => { labels: Record<L, string>; value: number }[],
): void {
  new Counter<L>({
    name,
    help,
    labelNames,
    registers,
    collect() {
      this.reset();
      if (!figures.counts) return;
      for (const { labels, value } of values(figures.counts)) this.inc(labels as never, value);
    },
  });
}

/** Sums the deliveries in one of `states` by channel, as `{ labels: { channel }, value }` rows. */
function deliveriesByChannel(c: OpsCounts, states: string[]) {
  const totals = new Map<string, number>();
  for (const d of c.deliveries) {
    if (states.includes(d.state)) totals.set(d.channel, (totals.get(d.channel) ?? 0) + d.count);
  }
  return [...totals].map(([channel, value]) => ({ labels: { channel }, value }));
}

/** Registers the message counters (sent, failed, retried, inbound), totals copied from PostgreSQL. */
function registerMessageTotals(registers: Registers, figures: ScrapeFigures): void {
  registerTotalCounter(
    registers,
    figures,
    'deanbot_messages_sent_total',
    'Outgoing messages delivered, by the channel that delivered them.',
    ['channel'],
    (c) => deliveriesByChannel(c, ['sent']),
  );
  registerTotalCounter(
    registers,
    figures,
    'deanbot_messages_failed_total',
    'Outgoing messages given up: failed (refused, retries exhausted) or undeliverable (no channel reached the officer).',
    ['channel', 'state'],
    (c) =>
      c.deliveries
        .filter((d) => d.state === 'failed' || d.state === 'undeliverable')
        .map((d) => ({ labels: { channel: d.channel, state: d.state }, value: d.count })),
  );
  registerTotalCounter(
    registers,
    figures,
    'deanbot_messages_retried_total',
    'Attempts beyond the first (retries, rate-limit waits, fallbacks to another channel), by the channel last tried.',
    ['channel'],
    (c) => c.retries.map((r) => ({ labels: { channel: r.channel }, value: r.count })),
  );
  registerTotalCounter(
    registers,
    figures,
    'deanbot_inbound_messages_total',
    'Inbound messages by outcome: processed (a reply or command understood), rejected (explained to the sender), ignored, failed.',
    ['channel', 'outcome'],
    (c) => c.inbound.map((i) => ({ labels: { channel: i.channel, outcome: i.outcome }, value: i.count })),
  );
}

/** Registers the digest counters (built, sent, by kind), totals copied from PostgreSQL. */
function registerDigestTotals(registers: Registers, figures: ScrapeFigures): void {
  registerTotalCounter(
    registers,
    figures,
    'deanbot_digests_built_total',
    'Committee digests built, by kind.',
    ['kind'],
    (c) => c.digests.map((d) => ({ labels: { kind: d.kind }, value: d.built })),
  );
  registerTotalCounter(
    registers,
    figures,
    'deanbot_digests_sent_total',
    'Committee digests sent, by kind.',
    ['kind'],
    (c) => c.digests.map((d) => ({ labels: { kind: d.kind }, value: d.sent })),
  );
}

/** Registers the gauges of current states read from PostgreSQL: open messages by channel, reminders by state. */
function registerStateGauges(registers: Registers, figures: ScrapeFigures): void {
  new Gauge({
    name: 'deanbot_messages_open',
    help: 'Outgoing messages not settled yet (pending or sending), by channel.',
    labelNames: ['channel'] as const,
    registers,
    collect() {
      this.reset();
      if (figures.counts)
        for (const { labels, value } of deliveriesByChannel(figures.counts, ['pending', 'sending']))
          this.set(labels, value);
    },
  });
  new Gauge({
    name: 'deanbot_reminders',
    help: 'Reminders by state (planned, queued, sent, suppressed, failed, undeliverable).',
    labelNames: ['state'] as const,
    registers,
    collect() {
      this.reset();
      if (figures.counts) for (const r of figures.counts.reminders) this.set({ state: r.state }, r.count);
    },
  });
}

/** Registers the BullMQ gauges read from Redis: jobs by queue and state, age of the oldest waiting job. */
function registerQueueGauges(registers: Registers, figures: ScrapeFigures): void {
  new Gauge({
    name: 'deanbot_queue_jobs',
    help: 'Jobs in each BullMQ queue by state (waiting, active, delayed, prioritized, failed, completed, ...).',
    labelNames: ['queue', 'state'] as const,
    registers,
    collect() {
      this.reset();
      for (const q of figures.queues ?? []) {
        for (const [state, value] of Object.entries(q.counts)) this.set({ queue: q.name, state }, value);
      }
    },
  });
  new Gauge({
    name: 'deanbot_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting for a worker (0 when none waits): grows when workers are missing or stuck.',
    labelNames: ['queue'] as const,
    registers,
    collect() {
      this.reset();
      for (const q of figures.queues ?? []) this.set({ queue: q.name }, q.oldestWaitingSeconds);
    },
  });
}

/** Registers the webhook latency histogram, measured in this process (by route and status code). */
function registerWebhookHistogram(registers: Registers) {
  return new Histogram({
    name: 'deanbot_webhook_duration_seconds',
    help: 'Time to answer a channel webhook (POST /webhooks/*), by route and status code.',
    labelNames: ['route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
}

/**
 * Builds the metrics registry (process metrics first unless disabled, then the business families in a
 * fixed order). Each `render()` reads PostgreSQL and Redis concurrently, each within the timeout, and
 * never rejects because a source is down: that source's figures are left out and its `source_up` is 0.
 */
export function createOpsMetrics(deps: MetricsDeps): OpsMetrics {
  const registry = new Registry();
  const timeoutMs = deps.timeoutMs ?? 2000;
  const now = deps.now ?? Date.now;
  if (deps.processMetrics !== false) collectDefaultMetrics({ register: registry });

  const figures: ScrapeFigures = { counts: null, queues: null };
  const registers = [registry];
  registerSourceUp(registers, figures);
  registerMessageTotals(registers, figures);
  registerDigestTotals(registers, figures);
  registerStateGauges(registers, figures);
  registerQueueGauges(registers, figures);
  const webhook = registerWebhookHistogram(registers);

  return {
    registry,
    contentType: registry.contentType,
    observeWebhook(route, statusCode, seconds) {
      webhook.observe({ route, status_code: String(statusCode) }, seconds);
    },
    async render() {
      const at = now();
      const [db, redis] = await Promise.allSettled([
        withTimeout(readOpsCounts(deps.db), timeoutMs, 'PostgreSQL'),
        withTimeout(Promise.all(deps.queues.map((q) => queueFigures(q, at))), timeoutMs, 'Redis'),
      ]);
      figures.counts = db.status === 'fulfilled' ? db.value : null;
      figures.queues = redis.status === 'fulfilled' ? redis.value : null;
      return await registry.metrics();
    },
  };
}
