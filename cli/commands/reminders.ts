import type { Command } from 'commander';
import { z } from 'zod';
import { type Config, parseConfig, readEnvironment, secretsOf, workCalendarOf } from '../../app/config.ts';
import { makeScrubber } from '../../app/logger.ts';
import { CHANNELS } from '../../handlers/channel.ts';
import type { Outbox } from '../../handlers/outbox.ts';
import {
  type SchedulingOutcome,
  scheduleAndQueueReminders,
} from '../../handlers/reminders/schedule-and-queue-reminders.ts';
import { createOutbox } from '../../jobs/outbox/outbox.ts';
import { createQueues, redisConnectionOptions } from '../../jobs/queues.ts';
import { listRecentDeliveries } from '../../store/delivery-listing.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { type CliContext, CliError, EXIT_USAGE } from '../context.ts';

const instant = z.iso.datetime({ offset: true });

function config(): Config {
  const parsed = parseConfig(readEnvironment());
  if (!parsed.ok) throw new CliError(parsed.problems.join('\n'), EXIT_USAGE);
  return parsed.config;
}

/** A dry run never reaches the outbox: this one refuses, so a bug cannot send anything. */
const REFUSING_OUTBOX: Outbox = {
  enqueue: () => Promise.reject(new Error('dry run: nothing may be queued')),
};

async function remind(db: PrismaClient, cfg: Config, at: Date, dryRun: boolean): Promise<SchedulingOutcome> {
  // Every channel counts as reachable here: the CLI shows where each officer is linked; the service's
  // workers decide what their configured channels can deliver. The calendar is the service's own
  // (WORK_EXTRA_DAYS_OFF / WORK_EXTRA_WORKING_DAYS), so both plan the same days.
  const deps = {
    db,
    sendTime: cfg.reminderSendTime,
    calendar: workCalendarOf(cfg),
    channels: new Set(CHANNELS),
  };
  if (dryRun) return scheduleAndQueueReminders({ ...deps, outbox: REFUSING_OUTBOX }, at, { dryRun: true });
  const queues = createQueues({ connection: redisConnectionOptions(cfg.redisUrl), prefix: cfg.queuePrefix });
  try {
    return await scheduleAndQueueReminders(
      { ...deps, outbox: createOutbox({ db, queue: queues.outbox }) },
      at,
    );
  } finally {
    await queues.close();
  }
}

/** CLI commands of the reminders feature: `remind` and `deliveries`. */
export function registerReminders(program: Command, ctx: CliContext): void {
  program
    .command('remind')
    .description("Plan the day's reminders as of an instant and queue them (one message per officer and day)")
    .option('--at <instant>', 'ISO instant with a zone, e.g. 2025-03-13T07:30:00+07:00 (default: now)')
    .option('--dry-run', 'list what would be sent; queue nothing')
    .option('--json', 'print as JSON: [{task,officer,agency,channel,kind,dueDate}] with --dry-run')
    .action(async (opts: { at?: string; dryRun?: boolean; json?: boolean }) => {
      if (opts.at !== undefined && !instant.safeParse(opts.at).success)
        throw new CliError(
          `--at takes an ISO instant with a zone, e.g. 2025-03-13T07:30:00+07:00`,
          EXIT_USAGE,
        );
      const at = opts.at === undefined ? new Date() : new Date(opts.at);
      const outcome = await remind(await ctx.db(), config(), at, opts.dryRun === true);
      if (opts.json) {
        return ctx.json(
          opts.dryRun
            ? outcome.lines
            : {
                day: outcome.day,
                reminders: outcome.lines.length,
                remindersCreated: outcome.remindersCreated,
                messages: outcome.messages,
              },
        );
      }
      ctx.progress(`${outcome.day}: ${outcome.lines.length} reminder(s)`);
      for (const l of outcome.lines) {
        ctx.out(
          `#${l.task.padEnd(5)} ${l.kind.padEnd(13)} ${(l.dueDate ?? '—').padEnd(10)}  ${l.officer ?? '(nobody)'} · ${l.agency ?? '(no agency)'} · ${l.channel ?? 'no chat'}`,
        );
      }
      if (!opts.dryRun)
        ctx.out(
          `Queued ${outcome.messages.created} message(s); ${outcome.messages.duplicates} already queued.`,
        );
    });

  program
    .command('deliveries')
    .description('Recent outgoing messages: state, attempts, last error, channel (never the text)')
    .option('--failed', 'only failed and undeliverable ones')
    .option('--limit <n>', 'how many (default 50)', '50')
    .option('--json', 'print as JSON: [{id,kind,officer,channel,state,attempts,lastError,createdAt,sentAt}]')
    .action(async (opts: { failed?: boolean; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw new CliError('--limit takes a whole number from 1 to 1000', EXIT_USAGE);
      const db = await ctx.db();
      // Errors may quote an API URL (`/bot<token>/sendMessage`): configured secrets go, and so does
      // token-shaped text glued to a word (the logger's pattern wants a word boundary before it).
      const scrubSecrets = makeScrubber(secretsOf(config()));
      const scrub = (s: string) => scrubSecrets(s).replace(/\d{5,}:[A-Za-z0-9_-]{20,}/gu, '[REDACTED]');
      const rows = (await listRecentDeliveries(db, { failedOnly: opts.failed === true, limit })).map((r) => ({
        ...r,
        lastError: r.lastError === null ? null : scrub(r.lastError),
        createdAt: r.createdAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
      }));
      if (opts.json) return ctx.json(rows);
      for (const r of rows) {
        ctx.out(
          `${String(r.id).padStart(6)} ${r.createdAt} ${r.kind.padEnd(9)} ${r.channel.padEnd(8)} ${r.state.padEnd(13)} ×${r.attempts} ${r.officer ?? '—'}${r.lastError ? `  ${r.lastError}` : ''}`,
        );
      }
    });
}
