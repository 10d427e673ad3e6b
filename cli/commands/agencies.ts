import type { Command } from 'commander';
import { AgencyNotFoundError, addAgencyAlias, listAgencies } from '../../store/agencies.ts';
import { type CliContext, CliError } from '../context.ts';

/** `agencies [--json]` and `agencies alias "<alias>" "<agency>"`. */
export function registerAgencies(program: Command, ctx: CliContext): void {
  const agencies = program
    .command('agencies')
    .description('The agency directory: names, aliases, successors (2025 reorganisation)')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const rows = await listAgencies(await ctx.db());
      if (opts.json) return ctx.json(rows);
      for (const row of rows) {
        const holder = row.currentHolder !== row.name ? `  → ${row.currentHolder}` : '';
        ctx.out(
          `${row.active ? ' ' : '×'} ${row.name}${row.shortName ? ` (${row.shortName})` : ''}${holder}`,
        );
        if (row.aliases.length > 0) ctx.out(`    ${row.aliases.join(' · ')}`);
      }
    });
  agencies
    .command('alias')
    .description('Add an alias for an agency, e.g. agencies alias "Tổ giúp việc" "Phòng PC06"')
    .argument('<alias>', 'the new way of writing the agency')
    .argument('<agency>', 'the agency: its name, an existing alias or its key')
    .option('--json', 'print the agency as JSON')
    .action(async (alias: string, agency: string, opts: { json?: boolean }) => {
      if (alias.trim().length < 2) throw new CliError('the alias must have at least 2 characters');
      try {
        const entry = await addAgencyAlias(await ctx.db(), alias, agency);
        if (opts.json) ctx.json({ alias, agency: { key: entry.key, name: entry.name } });
        else ctx.out(`"${alias}" → ${entry.name}`);
      } catch (error) {
        if (error instanceof AgencyNotFoundError) {
          throw new CliError(`No agency matches "${agency}". List them with: npm run cli -- agencies`);
        }
        throw error;
      }
    });
}
