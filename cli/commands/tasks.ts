import type { Command } from 'commander';
import { vnDate } from '../../domain/calendar/working-time.ts';
import { daysUntil } from '../../domain/deadline/format-deadline.ts';
import { isDoneStatus } from '../../domain/reply/report-status.ts';
import { taskStates } from '../../store/tasks.ts';
import { type CliContext, CliError, EXIT_USAGE } from '../context.ts';

/** `tasks [--plan <id>] [--json]`: every task with its latest report and overdue days. */
export function registerTasks(program: Command, ctx: CliContext): void {
  program
    .command('tasks')
    .description('Every task with lead agencies, due date, last status and report, overdue days')
    .option('--plan <id>', 'only this plan')
    .option(
      '--json',
      'print as JSON: [{code,title,lead,due,status,progress,result,blocker,reportedAt,overdueDays}]',
    )
    .action(async (opts: { plan?: string; json?: boolean }) => {
      const planId = opts.plan === undefined ? undefined : Number(opts.plan);
      if (planId !== undefined && !Number.isInteger(planId))
        throw new CliError('--plan takes a plan id (a number)', EXIT_USAGE);
      const today = vnDate(new Date());
      const rows = (await taskStates(await ctx.db(), planId)).map((row) => {
        const open = !isDoneStatus(row.status);
        const late = row.due && open ? -daysUntil(row.due, today) : 0;
        return {
          code: row.code,
          title: row.title,
          lead: row.lead,
          due: row.due,
          status: row.status,
          progress: row.progress,
          result: row.result,
          blocker: row.blocker,
          reportedAt: row.reportedAt,
          overdueDays: late > 0 ? late : 0,
          plan: row.planId,
        };
      });
      if (opts.json) return ctx.json(rows);
      for (const r of rows) {
        ctx.out(
          `#${r.code.padEnd(4)} ${r.status.padEnd(15)} ${String(r.progress ?? '-').padStart(3)}% ${r.due ?? '—'}${r.overdueDays ? ` (+${r.overdueDays}d)` : ''}  ${r.title.slice(0, 70)}  [${r.lead.join(', ')}]`,
        );
      }
    });
}
