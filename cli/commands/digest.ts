/**
 * `digest`: the committee digest from the command line — printed (text or the `--json` contract),
 * written as XLSX / PNG / DOCX files, or stored and queued to the committee with `--send`.
 */
import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { parseConfig, readEnvironment } from '../../app/config.ts';
import type { DigestKind } from '../../domain/digest/digest-input.ts';
import { digestToJson } from '../../domain/digest/digest-json.ts';
import type { DigestModel } from '../../domain/digest/digest-model.ts';
import { buildAndStoreDigest, buildCurrentDigest } from '../../jobs/digest/build-and-store-digest.ts';
import { renderDigestPng } from '../../jobs/digest/render/render-digest-chart.ts';
import { renderDigestDocx } from '../../jobs/digest/render/render-digest-docx.ts';
import { renderDigestText } from '../../jobs/digest/render/render-digest-text.ts';
import { renderDigestXlsx } from '../../jobs/digest/render/render-digest-xlsx.ts';
import { type SendDigestResult, sendDigest } from '../../jobs/digest/send-digest.ts';
import { createOutbox } from '../../jobs/outbox/outbox.ts';
import { createQueues, redisConnectionOptions } from '../../jobs/queues.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { planProvince } from '../../store/digests.ts';
import { type CliContext, CliError, EXIT_USAGE } from '../context.ts';

interface DigestOptions {
  at?: string;
  kind: DigestKind;
  json?: boolean;
  xlsx?: string;
  png?: string;
  docx?: string;
  send?: boolean;
  lang: 'vi' | 'en';
}

const instant = z.iso.datetime({ offset: true });

function asOf(at: string | undefined): Date {
  if (at === undefined) return new Date();
  if (!instant.safeParse(at).success) {
    throw new CliError(
      `--at must be an ISO 8601 instant with a zone, e.g. 2026-11-27T08:00:00+07:00 (got ${JSON.stringify(at)})`,
      EXIT_USAGE,
    );
  }
  return new Date(at);
}

/** Stores the digest of the period and queues it to every committee chat through the outbox. */
async function storeAndSend(
  db: PrismaClient,
  kind: DigestKind,
  at: Date,
): Promise<{ model: DigestModel; periodKey: string; sent: SendDigestResult }> {
  const parsed = parseConfig(readEnvironment());
  if (!parsed.ok) throw new CliError(parsed.problems.join('\n'), EXIT_USAGE);
  const { redisUrl, queuePrefix } = parsed.config;
  const queues = createQueues({ connection: redisConnectionOptions(redisUrl), prefix: queuePrefix });
  try {
    const built = await buildAndStoreDigest({ db, kind, at });
    const outbox = createOutbox({ db, queue: queues.outbox });
    const sent = await sendDigest({ db, outbox, now: () => new Date() }, built.digest, built.model);
    return { model: built.model, periodKey: built.digest.periodKey, sent };
  } finally {
    await queues.close();
  }
}

async function writeFiles(
  ctx: CliContext,
  db: PrismaClient,
  model: DigestModel,
  opts: DigestOptions,
): Promise<void> {
  const write = async (path: string, bytes: Buffer) => {
    await writeFile(path, bytes);
    ctx.progress(`Wrote ${path} (${bytes.length} bytes)`);
  };
  if (opts.xlsx) await write(opts.xlsx, await renderDigestXlsx(model, opts.lang));
  if (opts.png) await write(opts.png, renderDigestPng(model, opts.lang));
  if (opts.docx) {
    const province = await planProvince(db);
    await write(opts.docx, await renderDigestDocx(model, province ? { province } : {}));
  }
}

export function registerDigest(program: Command, ctx: CliContext): void {
  program
    .command('digest')
    .description('The steering committee digest: print it, write its files, or store and send it (--send)')
    .option('--at <instant>', 'figures as of this ISO 8601 instant (default: now)')
    .addOption(
      new Option('--kind <kind>', 'period').choices(['weekly', 'monthly', 'quarterly']).default('weekly'),
    )
    .option('--json', 'print JSON (the documented contract)')
    .option('--xlsx <path>', 'write the spreadsheet')
    .option('--png <path>', 'write the chart')
    .option('--docx <path>', 'write the draft report (Vietnamese)')
    .option('--send', "store the period's digest (once) and queue it to the committee's chats")
    .addOption(
      new Option('--lang <lang>', 'language of the text, spreadsheet and chart')
        .choices(['vi', 'en'])
        .default('vi'),
    )
    .action(async (opts: DigestOptions) => {
      const at = asOf(opts.at);
      const db = await ctx.db();
      ctx.progress(`Building the ${opts.kind} digest as of ${at.toISOString()}…`);
      let model: DigestModel;
      if (opts.send) {
        const result = await storeAndSend(db, opts.kind, at);
        model = result.model;
        ctx.progress(
          `Digest ${result.periodKey}: ${result.sent.created} messages queued to ${result.sent.chats} chats (${result.sent.duplicates} already queued).`,
        );
      } else {
        model = (await buildCurrentDigest({ db, kind: opts.kind, at })).model;
      }
      await writeFiles(ctx, db, model, opts);
      if (opts.json) ctx.json(digestToJson(model));
      else ctx.out(renderDigestText(model, opts.lang, 100_000).join('\n\n'));
    });
}
