/**
 * `web-link <officer id> [--json]`: a one-time sign-in link to the dashboard for an officer, the same
 * link `/web` answers in chat (`<PUBLIC_BASE_URL>/login/<token>`, single use, valid 10 minutes).
 */
import type { Command } from 'commander';
import { createWebLink } from '../../handlers/web/web-link.ts';
import { type CliContext, CliError, EXIT_USAGE } from '../context.ts';

export function registerWeb(program: Command, ctx: CliContext): void {
  program
    .command('web-link')
    .description('A one-time sign-in link to the dashboard for an officer (valid 10 minutes)')
    .argument('<officerId>', 'the officer (see `officers list`)')
    .option('--json', 'print {"url","expiresAt"}')
    .action(async (officerId: string, opts: { json?: boolean }) => {
      if (!/^\d{1,9}$/u.test(officerId)) {
        throw new CliError(`officer id must be a number (got ${JSON.stringify(officerId)})`, EXIT_USAGE);
      }
      const base = ctx.env('PUBLIC_BASE_URL');
      if (!base) {
        throw new CliError(
          'PUBLIC_BASE_URL is not set: the dashboard link needs the service’s public address, e.g. PUBLIC_BASE_URL=https://bot.example.gov.vn',
          EXIT_USAGE,
        );
      }
      const db = await ctx.db();
      const officer = await db.officer.findUnique({ where: { id: Number(officerId) } });
      if (!officer) throw new CliError(`no officer with id ${officerId}`);
      if (!officer.active) throw new CliError(`officer ${officerId} (${officer.name}) is deactivated`);
      const link = await createWebLink(db, base, officer.id, new Date());
      if (opts.json) ctx.json({ url: link.url, expiresAt: link.expiresAt.toISOString() });
      else {
        ctx.out(link.url);
        ctx.progress(`For ${officer.name}; single use, valid until ${link.expiresAt.toISOString()}.`);
      }
    });
}
