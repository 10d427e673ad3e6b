/**
 * `npm run bench [-- --json] [-- --quick] [-- --only <part,...>]`: figures are printed, never asserted.
 * Runs against the real PostgreSQL and Redis and the fake channel servers; every part uses a database and
 * Redis prefix of its own and removes them afterwards. Parts: fanout (three runs at the limit), pipeline
 * (the outbox without a limit), replies, webhook (alone, no worker running), planning, digest,
 * planImport, web, startup (`--only` runs some of them; the JSON then holds only those).
 */
import { parseArgs } from 'node:util';
import { digestCost } from './digest.ts';
import { fanout } from './fanout.ts';
import { planImportCost } from './plan-import.ts';
import { planningCost } from './planning.ts';
import { replyBurst, webhookAlone } from './replies.ts';
import { startupCost } from './startup.ts';
import { round } from './support.ts';
import { webPagesCost } from './web.ts';

const PARTS = [
  'fanout',
  'pipeline',
  'replies',
  'webhook',
  'planning',
  'digest',
  'planImport',
  'web',
  'startup',
] as const;

/** The fake Bot API's limit and the outbox's rate in the fan-out runs. */
const FANOUT_RATE = 300;
/** Runs at the limit: the figure is their median, with the spread. */
const FANOUT_RUNS = 3;

/** Writes one progress line: to stdout, or to stderr when stdout carries the JSON. */
type Log = (line: string) => void;
/** A part's entries of the JSON output, in the order they are printed. */
type Figures = Record<string, unknown>;

/**
 * Fan-out at the limit: FANOUT_RUNS runs of n reminders to n chats at FANOUT_RATE/s; `fanout` is the run
 * of median ratio (worst 429 count, shortest window), `fanoutRuns` each run.
 */
async function fanoutFigures(quick: boolean, log: Log): Promise<Figures> {
  // 3,300 messages at 300/s: a window of 11 s at the platform, over the 10 s the figure must cover.
  const n = quick ? 600 : 3300;
  const runs = [];
  for (let run = 1; run <= FANOUT_RUNS; run++) {
    log(`fan-out ${run}/${FANOUT_RUNS}: ${n} reminders to ${n} chats at ${FANOUT_RATE}/s…`);
    const limited = await fanout(n, FANOUT_RATE);
    log(
      `  achieved ${round(limited.achieved)}/s = ${round((limited.ratio ?? 0) * 100)}% of the limit over ${round(limited.windowSeconds)} s, ${limited.http429} × 429`,
    );
    runs.push(limited);
  }
  const byRatio = [...runs].sort((a, b) => (a.ratio ?? 0) - (b.ratio ?? 0));
  const median = byRatio[Math.floor(byRatio.length / 2)]!;
  return {
    fanout: {
      limit: FANOUT_RATE,
      achieved: round(median.achieved),
      ratio: round(median.ratio ?? 0, 3),
      http429: Math.max(...runs.map((r) => r.http429)),
      windowSeconds: round(Math.min(...runs.map((r) => r.windowSeconds))),
    },
    fanoutRuns: runs.map((r) => ({
      ratio: round(r.ratio ?? 0, 3),
      http429: r.http429,
      windowSeconds: round(r.windowSeconds),
    })),
  };
}

/** The outbox pipeline without a rate limit: `fanoutUnlimited.rate`, messages per second. */
async function pipelineFigures(quick: boolean, log: Log): Promise<Figures> {
  const n = quick ? 1000 : 5000;
  log(`outbox pipeline without a limit: ${n} messages to ${n} chats…`);
  const unlimited = await fanout(n, null);
  log(`  raw pipeline ${round(unlimited.achieved)}/s`);
  return { fanoutUnlimited: { rate: round(unlimited.achieved) } };
}

/** A CPU figure in ms, rounded (null where the part could not be read). */
const cpuFigure = (ms: number | null, digits = 2) => (ms === null ? null : round(ms, digits));

/** The reply burst by 50 connections (see bench/replies.ts): `replies`, with the paced run's latencies. */
async function repliesFigures(quick: boolean, log: Log): Promise<Figures> {
  const replies = quick ? 1000 : 5000;
  log(`reply burst: ${replies} replies by 50 connections; a webhook process and 2 worker processes…`);
  const burst = await replyBurst(replies, 50);
  log(
    `  ack p50 ${round(burst.p50ms)} ms, p99 ${round(burst.p99ms)} ms (${round(burst.acksPerSecond)} acks/s), ${round(burst.perSecond)} replies/s recorded, duplicates ${burst.duplicates}, lost ${burst.lost}, ${round(burst.queries, 1)} queries per reply`,
  );
  log(
    `  arriving at ${burst.paced.ratePerSecond}/s instead: ack p50 ${round(burst.paced.p50ms)} ms, p99 ${round(burst.paced.p99ms)} ms`,
  );
  const cpu = burst.cpuMsPerReply;
  const show = (ms: number | null) => cpuFigure(ms) ?? 'n/a';
  log(
    `  CPU per reply during the burst: ${show(cpu.total)} ms (workers ${show(cpu.workers)}, webhook ${show(cpu.webhook)}, posting client and fake Bot API ${show(cpu.bench)}, PostgreSQL ${show(cpu.postgres)}, Redis ${show(cpu.redis)})`,
  );
  return {
    replies: {
      p50ms: round(burst.p50ms),
      p99ms: round(burst.p99ms),
      perSecond: round(burst.perSecond),
      duplicates: burst.duplicates,
      lost: burst.lost,
      queries: round(burst.queries, 1),
      workers: burst.workers,
      acksPerSecond: round(burst.acksPerSecond),
      paced: {
        ratePerSecond: burst.paced.ratePerSecond,
        p50ms: round(burst.paced.p50ms),
        p99ms: round(burst.paced.p99ms),
      },
      cpuMsPerReply: {
        total: cpuFigure(cpu.total),
        workers: cpuFigure(cpu.workers),
        webhook: cpuFigure(cpu.webhook),
        bench: cpuFigure(cpu.bench),
        postgres: cpuFigure(cpu.postgres),
        redis: cpuFigure(cpu.redis),
      },
    },
  };
}

/** The webhook alone (see bench/replies.ts): `webhookAlone`, acknowledgements with no worker running. */
async function webhookFigures(quick: boolean, log: Log): Promise<Figures> {
  const replies = quick ? 1000 : 5000;
  log(`webhook alone: ${replies} replies by 50 connections, no worker running (after a warm-up round)…`);
  const alone = await webhookAlone(replies, 50);
  const cpu = alone.cpuMsPerAck;
  const ms = (v: number | null) => cpuFigure(v, 3);
  log(
    `  ack p50 ${round(alone.p50ms)} ms, p99 ${round(alone.p99ms)} ms (${round(alone.acksPerSecond)} acks/s); CPU per ack: webhook ${ms(cpu.webhook) ?? 'n/a'} ms, posting client ${ms(cpu.bench)} ms, PostgreSQL ${ms(cpu.postgres) ?? 'n/a'} ms, Redis ${ms(cpu.redis) ?? 'n/a'} ms`,
  );
  return {
    webhookAlone: {
      p50ms: round(alone.p50ms),
      p99ms: round(alone.p99ms),
      acksPerSecond: round(alone.acksPerSecond),
      cpuMsPerAck: {
        webhook: ms(cpu.webhook),
        bench: ms(cpu.bench),
        postgres: ms(cpu.postgres),
        redis: ms(cpu.redis),
      },
    },
  };
}

/** Reminder scheduling cost for a small and a large plan: `planning`, time and memory of each, and their ratio. */
async function planningFigures(quick: boolean, log: Log): Promise<Figures> {
  log('planning cost…');
  const planning = await planningCost(quick ? [2_000, 20_000] : [10_000, 100_000]);
  log(
    `  ${planning.small.tasks} tasks: ${round(planning.small.ms)} ms, ${round(planning.small.rssMB)} MB; ${planning.large.tasks} tasks: ${round(planning.large.ms)} ms, ${round(planning.large.rssMB)} MB; ratio ${round(planning.ratio, 2)}`,
  );
  return {
    planning: {
      small: { ms: round(planning.small.ms), rssMB: round(planning.small.rssMB) },
      large: { ms: round(planning.large.ms), rssMB: round(planning.large.rssMB) },
      ratio: round(planning.ratio, 2),
    },
  };
}

/** Digest cost: `digest`, the time to build its model, its workbook and its chart. */
async function digestFigures(quick: boolean, log: Log): Promise<Figures> {
  log('digest cost…');
  const digest = await digestCost(quick ? 1000 : 5000, quick ? 10_000 : 50_000);
  log(`  model ${round(digest.modelMs)} ms, xlsx ${round(digest.xlsxMs)} ms, png ${round(digest.pngMs)} ms`);
  return {
    digest: {
      modelMs: round(digest.modelMs),
      xlsxMs: round(digest.xlsxMs),
      pngMs: round(digest.pngMs),
    },
  };
}

/** Plan import cost: `planImport`, the time to import the Word fixture, a generated Word plan and a PDF. */
async function planImportFigures(_quick: boolean, log: Log): Promise<Figures> {
  log('plan import cost…');
  const imports = await planImportCost();
  log(
    `  Word fixture ${imports.word.tasks} tasks ${round(imports.word.ms)} ms; generated Word ${imports.generated.tasks} tasks ${round(imports.generated.ms)} ms; 13-page PDF ${imports.pdf.tasks} tasks ${round(imports.pdf.ms)} ms (cold, PDF.js load included)`,
  );
  return {
    planImport: {
      wordFixtureMs: round(imports.word.ms),
      generated500WordMs: round(imports.generated.ms),
      pdf13PagesMs: round(imports.pdf.ms),
    },
  };
}

/** Dashboard pages: `web`, per page the first, median and worst render times and its size. */
async function webFigures(quick: boolean, log: Log): Promise<Figures> {
  const [tasks, reports] = quick ? [1000, 10_000] : [5000, 50_000];
  log(`dashboard pages: ${tasks} tasks, ${reports} reports…`);
  const pages = await webPagesCost(tasks, reports);
  for (const p of pages) {
    log(
      `  ${p.page}: first ${round(p.firstMs)} ms, then median ${round(p.medianMs)} ms, max ${round(p.maxMs)} ms${p.rebuildMs === undefined ? '' : `, after a data change ${round(p.rebuildMs)} ms`}, ${round(p.bytes / 1024)} KB`,
    );
  }
  return {
    web: Object.fromEntries(
      pages.map((p) => [
        p.page,
        {
          firstMs: round(p.firstMs),
          ...(p.rebuildMs === undefined ? {} : { rebuildMs: round(p.rebuildMs) }),
          medianMs: round(p.medianMs),
          maxMs: round(p.maxMs),
          kB: round(p.bytes / 1024),
        },
      ]),
    ),
  };
}

/** Start-up until /health answers: `startup`, of the build and (under `tsx`) of the sources. */
async function startupFigures(quick: boolean, log: Log): Promise<Figures> {
  log('start-up: the build (node dist/app/main.js) and tsx (tsx app/main.ts) until /health answers…');
  const startup = await startupCost(quick ? 1 : 3);
  log(
    `  build ${round(startup.build.ms)} ms, ${round(startup.build.rssMB)} MB idle; tsx ${round(startup.tsx.ms)} ms, ${round(startup.tsx.rssMB)} MB idle`,
  );
  return {
    startup: {
      ms: round(startup.build.ms),
      rssMB: round(startup.build.rssMB),
      tsx: { ms: round(startup.tsx.ms), rssMB: round(startup.tsx.rssMB) },
    },
  };
}

/** Each part's step, in the order they run and appear in the JSON. */
const STEPS: readonly [string, (quick: boolean, log: Log) => Promise<Figures>][] = [
  ['fanout', fanoutFigures],
  ['pipeline', pipelineFigures],
  ['replies', repliesFigures],
  ['webhook', webhookFigures],
  ['planning', planningFigures],
  ['digest', digestFigures],
  ['planImport', planImportFigures],
  ['web', webFigures],
  ['startup', startupFigures],
];

/** Runs the parts asked for (all by default) in a fixed order; prints their figures, or one JSON line with `--json`. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, only: { type: 'string' } },
  });
  const quick = values.quick ?? false;
  const only = values.only?.split(',').map((p) => p.trim()) ?? [...PARTS];
  const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`unknown part(s) ${unknown.join(', ')}: use ${PARTS.join(', ')}`);
  const log: Log = (s) => {
    if (!values.json) process.stdout.write(`${s}\n`);
    else process.stderr.write(`${s}\n`);
  };
  const out: Figures = {};
  for (const [part, step] of STEPS) {
    if (only.includes(part)) Object.assign(out, await step(quick, log));
  }
  if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
