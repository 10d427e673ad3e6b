/**
 * `inbound list [--failed] [--json] [--limit n]` and `inbound retry <id>`: what the inbound queue could not
 * handle, and replaying it once the cause is fixed. `retry` makes the message pending again (fresh
 * attempts) and queues its chat; a running worker handles it in order with the chat's other messages.
 */
import type { Command } from 'commander';
import { parseConfig, readEnvironment } from '../../app/config.ts';
import { INBOUND_JOB_NAME } from '../../jobs/catalog.ts';
import { createQueues, redisConnectionOptions } from '../../jobs/queues.ts';
import { type InboundListing, listInbound, resetInboundForRetry } from '../../store/inbound.ts';
import { type CliContext, CliError, EXIT_USAGE } from '../context.ts';

function line(row: InboundListing): string {
  const text = (row.text ?? '').replace(/\s+/gu, ' ').slice(0, 60);
  const detail = row.detail ? ` — ${row.detail.replace(/\s+/gu, ' ').slice(0, 120)}` : '';
  return `#${row.id} ${row.receivedAt.toISOString()} ${row.channel} chat ${row.chatId} ${row.outcome} (${row.attempts} attempt(s)) "${text}"${detail}`;
}

/** Queues the chat of a message made pending again (the job id is new for every retry). */
async function queueChat(chat: { channel: 'telegram' | 'zalo'; chatId: string }, id: number): Promise<void> {
  const parsed = parseConfig(readEnvironment());
  if (!parsed.ok) throw new CliError(parsed.problems.join('\n'), EXIT_USAGE);
  const { redisUrl, queuePrefix } = parsed.config;
  const queues = createQueues({ connection: redisConnectionOptions(redisUrl), prefix: queuePrefix });
  try {
    await queues.inbound.add(INBOUND_JOB_NAME, chat, { jobId: `retry-${id}-${Date.now()}` });
  } finally {
    await queues.close();
  }
}

export function registerInbound(program: Command, ctx: CliContext): void {
  const inbound = program.command('inbound').description('Inbound messages: failed ones, and replaying them');
  inbound
    .command('list')
    .description('The latest stored inbound messages (newest first)')
    .option('--failed', 'only the messages whose handling failed for good')
    .option('--json', 'JSON output')
    .option('--limit <n>', 'how many', '50')
    .action(async (opts: { failed?: boolean; json?: boolean; limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new CliError(`--limit must be a whole number from 1 to 1000 (got ${opts.limit})`, EXIT_USAGE);
      }
      const rows = await listInbound(await ctx.db(), { failed: opts.failed === true, limit });
      if (opts.json) return ctx.json(rows);
      if (rows.length === 0)
        return ctx.out(opts.failed ? 'No failed inbound message.' : 'No inbound message.');
      for (const row of rows) ctx.out(line(row));
    });
  inbound
    .command('retry <id>')
    .description('Handle a failed inbound message again (once its cause is fixed)')
    .action(async (idText: string) => {
      const id = Number(idText);
      if (!Number.isSafeInteger(id) || id < 1) {
        throw new CliError(
          `<id> must be a message number from "inbound list --failed" (got ${idText})`,
          EXIT_USAGE,
        );
      }
      const row = await resetInboundForRetry(await ctx.db(), id);
      if (!row) throw new CliError(`No inbound message #${id}.`);
      if (row.previous !== 'failed' && row.previous !== 'received') {
        throw new CliError(`Inbound message #${id} was already handled (${row.previous}); nothing to retry.`);
      }
      await queueChat({ channel: row.channel, chatId: row.chatId }, id);
      ctx.out(`Inbound message #${id} queued again; a running worker handles it now.`);
    });
}
