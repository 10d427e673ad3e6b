import type { Command } from 'commander';
import { formatDeadline } from '../../domain/deadline/format-deadline.ts';
import { parseDeadline } from '../../domain/deadline/parse-deadline.ts';
import { type CliContext, CliError, EXIT_USAGE } from '../context.ts';

/** `deadline "<phrase>" [--year <n>] [--json]`: the deadline object of one phrase. */
export function registerDeadline(program: Command, ctx: CliContext): void {
  program
    .command('deadline')
    .description('Read one deadline phrase ("Quý III/2024", "Thực hiện thường xuyên", ...)')
    .argument('<phrase>', 'the phrase as written in the plan')
    .option('--year <year>', 'year to assume when the phrase names none (the plan year)')
    .option('--json', 'print the deadline object as JSON')
    .action((phrase: string, opts: { year?: string; json?: boolean }) => {
      const year = opts.year === undefined ? undefined : Number(opts.year);
      if (year !== undefined && !Number.isInteger(year))
        throw new CliError('--year must be a whole number', EXIT_USAGE);
      const { deadline, warning } = parseDeadline(phrase, year === undefined ? {} : { referenceYear: year });
      if (opts.json) {
        ctx.json({ ...deadline, warning });
      } else {
        ctx.out(
          `${formatDeadline(deadline, 'vi')}  kind=${deadline.kind} due=${deadline.due ?? '-'} start=${deadline.start ?? '-'} recurring=${deadline.recurring}`,
        );
        if (warning) ctx.out(`warning: ${warning}`);
      }
      if (deadline.kind === 'none' && warning) process.exitCode = 1;
    });
}
