/**
 * `npm run bench [-- --json] [-- --quick] [-- --only <part,...>]`: figures are printed, never asserted.
 * Runs against the real PostgreSQL and Redis and the fake channel servers; every part uses a database and
 * Redis prefix of its own and removes them afterwards. Parts: fanout, replies, planning, digest
 * (`--only` runs some of them; the JSON then holds only those).
 */
import { parseArgs } from 'node:util';
import { digestCost } from './digest.ts';
import { fanout } from './fanout.ts';
import { planImportCost } from './plan-import.ts';
import { planningCost } from './planning.ts';
import { replyBurst } from './replies.ts';
import { round } from './support.ts';
import { webPagesCost } from './web.ts';

const PARTS = ['fanout', 'replies', 'planning', 'digest', 'web'] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, only: { type: 'string' } },
  });
  const quick = values.quick ?? false;
  const only = values.only?.split(',').map((p) => p.trim()) ?? [...PARTS];
  const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`unknown part(s) ${unknown.join(', ')}: use ${PARTS.join(', ')}`);
  const want = (part: (typeof PARTS)[number]) => only.includes(part);
  const log = (s: string) => {
    if (!values.json) process.stdout.write(`${s}\n`);
    else process.stderr.write(`${s}\n`);
  };
  const out: Record<string, unknown> = {};
  if (want('fanout')) {
    const n = quick ? 600 : 3000;
    log(`fan-out: ${n} reminders to ${n} chats at 300/s…`);
    const limited = await fanout(n, 300);
    log(
      `  achieved ${round(limited.achieved)}/s = ${round((limited.ratio ?? 0) * 100)}% of the limit, ${limited.http429} × 429`,
    );
    log(`fan-out without a limit…`);
    const unlimited = await fanout(n, null);
    log(`  raw pipeline ${round(unlimited.achieved)}/s`);
    out['fanout'] = {
      limit: limited.limit,
      achieved: round(limited.achieved),
      ratio: round(limited.ratio ?? 0, 3),
      http429: limited.http429,
    };
    out['fanoutUnlimited'] = { rate: round(unlimited.achieved) };
  }
  if (want('replies')) {
    const replies = quick ? 1000 : 5000;
    log(`reply burst: ${replies} replies by 50 connections…`);
    const burst = await replyBurst(replies, 50);
    log(
      `  ack p50 ${round(burst.p50ms)} ms, p99 ${round(burst.p99ms)} ms, ${round(burst.perSecond)} replies/s, duplicates ${burst.duplicates}, lost ${burst.lost}, ${round(burst.queries, 1)} queries per reply`,
    );
    out['replies'] = {
      p50ms: round(burst.p50ms),
      p99ms: round(burst.p99ms),
      perSecond: round(burst.perSecond),
      duplicates: burst.duplicates,
      lost: burst.lost,
      queries: round(burst.queries, 1),
    };
  }
  if (want('planning')) {
    log('planning cost…');
    const planning = await planningCost(quick ? [2_000, 20_000] : [10_000, 100_000]);
    log(
      `  ${planning.small.tasks} tasks: ${round(planning.small.ms)} ms, ${round(planning.small.rssMB)} MB; ${planning.large.tasks} tasks: ${round(planning.large.ms)} ms, ${round(planning.large.rssMB)} MB; ratio ${round(planning.ratio, 2)}`,
    );
    out['planning'] = {
      small: { ms: round(planning.small.ms), rssMB: round(planning.small.rssMB) },
      large: { ms: round(planning.large.ms), rssMB: round(planning.large.rssMB) },
      ratio: round(planning.ratio, 2),
    };
  }
  if (want('digest')) {
    log('digest cost…');
    const digest = await digestCost(quick ? 1000 : 5000, quick ? 10_000 : 50_000);
    log(
      `  model ${round(digest.modelMs)} ms, xlsx ${round(digest.xlsxMs)} ms, png ${round(digest.pngMs)} ms`,
    );
    out['digest'] = {
      modelMs: round(digest.modelMs),
      xlsxMs: round(digest.xlsxMs),
      pngMs: round(digest.pngMs),
    };
  }
  if (want('planImport')) {
    log('plan import cost…');
    const imports = await planImportCost();
    log(
      `  Word fixture ${imports.word.tasks} tasks ${round(imports.word.ms)} ms; generated Word ${imports.generated.tasks} tasks ${round(imports.generated.ms)} ms; 13-page PDF ${imports.pdf.tasks} tasks ${round(imports.pdf.ms)} ms (cold, PDF.js load included)`,
    );
    out['planImport'] = {
      wordFixtureMs: round(imports.word.ms),
      generated500WordMs: round(imports.generated.ms),
      pdf13PagesMs: round(imports.pdf.ms),
    };
  }
  if (want('web')) {
    const [tasks, reports] = quick ? [1000, 10_000] : [5000, 50_000];
    log(`dashboard pages: ${tasks} tasks, ${reports} reports…`);
    const pages = await webPagesCost(tasks, reports);
    for (const p of pages) {
      log(
        `  ${p.page}: first ${round(p.firstMs)} ms, then median ${round(p.medianMs)} ms, max ${round(p.maxMs)} ms${p.rebuildMs === undefined ? '' : `, after a data change ${round(p.rebuildMs)} ms`}, ${round(p.bytes / 1024)} KB`,
      );
    }
    out['web'] = Object.fromEntries(
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
    );
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
