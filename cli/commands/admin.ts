/**
 * Administration from the CLI, the same operations as the chat commands: `pause`/`resume`,
 * `assign import <csv>`, `export --xlsx`, `extend`, `audit`. Each change is written to the audit log as
 * actor "cli". Exit codes: 0 ok, 1 invalid input (nothing written), 2 usage.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { isCivilDate } from '../../domain/calendar/civil-date.ts';
import { vnDate } from '../../domain/calendar/working-time.ts';
import { buildTaskWorkbook } from '../../handlers/admin/build-task-workbook.ts';
import { type AdminTask, findTasksByCode, type PauseTarget, setPaused } from '../../store/admin-tasks.ts';
import { type Actor, recentAudit } from '../../store/audit.ts';
import { extendDeadline } from '../../store/extensions.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { taskStates } from '../../store/tasks.ts';
import { type CliContext, CliError, EXIT_USAGE } from '../context.ts';
import { assignFromCsv } from './admin-assign.ts';

const CLI_ACTOR: Actor = { id: null, label: 'cli' };
const Id = z.coerce.number().int().positive();

function usage<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CliError(`${what}: ${z.prettifyError(parsed.error)}`, EXIT_USAGE);
  return parsed.data;
}

/** The one task a code names (within `--plan` when given); exit 1 when none or ambiguous. */
export async function taskForCli(
  db: PrismaClient,
  code: string,
  plan: string | undefined,
): Promise<AdminTask> {
  const planId = plan === undefined ? undefined : usage(Id, plan, '--plan takes a plan id');
  const tasks = await findTasksByCode(db, code, planId);
  if (tasks.length === 0) throw new CliError(`No task #${code}${planId ? ` in plan ${planId}` : ''}.`);
  if (tasks.length > 1)
    throw new CliError(
      `Task #${code} is in several plans (${tasks.map((t) => t.planId).join(', ')}): add --plan <id>.`,
    );
  return tasks[0]!;
}

function registerPause(program: Command, ctx: CliContext, paused: boolean): void {
  const verb = paused ? 'pause' : 'resume';
  program
    .command(`${verb} <kind> <id>`)
    .description(`${paused ? 'Pause' : 'Resume'} reminders for a plan (id), a task (code) or an officer (id)`)
    .option('--plan <id>', 'the plan of the task, when its code is in several plans')
    .action(async (kind: string, id: string, opts: { plan?: string }) => {
      const k = usage(z.enum(['plan', 'task', 'officer']), kind, 'kind must be plan, task or officer');
      const db = await ctx.db();
      const target: PauseTarget =
        k === 'task'
          ? { kind: 'task', id: (await taskForCli(db, id, opts.plan)).id }
          : { kind: k, id: usage(Id, id, `${k} id must be a number`) };
      const done = await setPaused(db, target, paused, CLI_ACTOR);
      if (!done) throw new CliError(`No ${k} ${id}.`);
      ctx.out(`${paused ? 'Paused' : 'Resumed'} ${k} ${done.label}${done.changed ? '' : ' (no change)'}`);
    });
}

export function registerAdmin(program: Command, ctx: CliContext): void {
  registerPause(program, ctx, true);
  registerPause(program, ctx, false);

  program
    .command('assign')
    .description('Task assignments')
    .command('import <csv>')
    .description(
      'Assign lead/support agencies from a CSV (columns: task code, lead, support; ";" between agencies)',
    )
    .option('--plan <id>', 'the plan of the tasks')
    .action(async (file: string, opts: { plan?: string }) => {
      const planId = opts.plan === undefined ? undefined : usage(Id, opts.plan, '--plan takes a plan id');
      const count = await assignFromCsv(await ctx.db(), file, planId, CLI_ACTOR);
      ctx.out(`Assigned ${count} tasks.`);
    });

  program
    .command('export')
    .description(
      'The state of every task as XLSX (code, title, lead, deadline, status, progress, last report, blocker)',
    )
    .requiredOption('--xlsx <path>', 'where to write the workbook')
    .option('--plan <id>', 'only this plan')
    .option('--lang <lang>', 'vi | en', 'vi')
    .action(async (opts: { xlsx: string; plan?: string; lang: string }) => {
      const planId = opts.plan === undefined ? undefined : usage(Id, opts.plan, '--plan takes a plan id');
      const lang = usage(z.enum(['vi', 'en']), opts.lang, '--lang');
      const rows = await taskStates(await ctx.db(), planId);
      await writeFile(opts.xlsx, await buildTaskWorkbook(rows, lang));
      ctx.out(`Wrote ${rows.length} tasks to ${opts.xlsx}`);
    });

  program
    .command('extend <task> <date>')
    .description("Move a task deadline (YYYY-MM-DD); the plan's original deadline is kept")
    .requiredOption('--reason <text>', 'why the deadline moves')
    .option('--plan <id>', 'the plan of the task, when its code is in several plans')
    .action(async (code: string, date: string, opts: { reason: string; plan?: string }) => {
      const day = usage(z.string().refine(isCivilDate), date, 'date must be YYYY-MM-DD');
      const reason = usage(z.string().trim().min(3).max(1000), opts.reason, '--reason');
      const db = await ctx.db();
      const task = await taskForCli(db, code, opts.plan);
      if (day <= vnDate(new Date())) throw new CliError('The new deadline must be after today.');
      const { previousDue } = await extendDeadline(db, {
        taskId: task.id,
        newDue: day,
        reason,
        actor: CLI_ACTOR,
        now: new Date(),
      });
      ctx.out(`Extended #${task.code}: ${previousDue ?? '—'} -> ${day}`);
    });

  program
    .command('audit')
    .description('The latest administration log entries')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print as JSON: [{id,at,actorLabel,action,targetType,targetId,before,after}]')
    .action(async (opts: { limit: string; json?: boolean }) => {
      const limit = usage(z.coerce.number().int().min(1).max(1000), opts.limit, '--limit');
      const rows = await recentAudit(await ctx.db(), limit);
      if (opts.json) return ctx.json(rows);
      for (const r of rows) {
        ctx.out(
          `${r.at.toISOString()}  ${r.actorLabel}  ${r.action}  ${r.targetType} ${r.targetId ?? ''}  ${JSON.stringify(r.before)} -> ${JSON.stringify(r.after)}`,
        );
      }
    });
}
