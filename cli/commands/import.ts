import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import type { PlanPreview, PreviewIssue } from '../../domain/plan/build-plan-preview.ts';
import { type ImportPlanResult, importPlan } from '../../handlers/plan-import/import-plan.ts';
import { MAX_PLAN_FILE_BYTES } from '../../handlers/plan-import/read-plan-file.ts';
import { type CliContext, CliError, EXIT_INVALID } from '../context.ts';

interface ImportOptions {
  plan?: string;
  sheet?: string;
  dryRun?: boolean;
  json?: boolean;
  lang?: string;
}

/** The documented `--json` shape of an issue: row, column, message (+ line and the English text). */
function issueJson(issue: PreviewIssue, lang: string) {
  return {
    row: issue.row,
    column: issue.column,
    message: lang === 'en' ? issue.messageEn : issue.message,
    line: issue.line,
  };
}

/** The documented `--dry-run --json` contract. */
export function previewJson(preview: PlanPreview, lang: string) {
  return {
    plan: preview.plan,
    groups: preview.groups,
    tasks: preview.tasks.map((t) => ({
      code: t.code,
      group: t.group,
      title: t.title,
      lead: t.lead,
      support: t.support,
      collective: t.collective,
      deadline: t.deadline,
      objective: t.objective,
      output: t.output,
    })),
    warnings: preview.warnings.map((w) => issueJson(w, lang)),
    errors: preview.errors.map((e) => issueJson(e, lang)),
    unknownAgencies: preview.unknownAgencies,
    learnedAgencies: preview.learnedAgencies,
    needsAssignment: preview.needsAssignment,
  };
}

function printHuman(ctx: CliContext, preview: PlanPreview, lang: string): void {
  ctx.out(`${preview.plan.title}${preview.plan.documentNumber ? ` (${preview.plan.documentNumber})` : ''}`);
  ctx.out(`${preview.tasks.length} tasks in ${preview.groups.length} groups · format ${preview.plan.format}`);
  const where = (i: PreviewIssue) =>
    [i.row !== null ? `row ${i.row}` : null, i.column].filter(Boolean).join(', ');
  for (const e of preview.errors) ctx.out(`ERROR ${where(e)}: ${lang === 'en' ? e.messageEn : e.message}`);
  for (const w of preview.warnings)
    ctx.out(`warning ${where(w)}: ${lang === 'en' ? w.messageEn : w.message}`);
  for (const l of preview.learnedAgencies)
    ctx.out(`${lang === 'en' ? 'new agency' : 'cơ quan mới'}: ${l.name} (${l.rows.join(', ')})`);
  if (preview.needsAssignment.length > 0)
    ctx.out(`${lang === 'en' ? 'needs assignment' : 'cần phân công'}: ${preview.needsAssignment.join(', ')}`);
}

function tooLarge(): ImportPlanResult {
  const mb = MAX_PLAN_FILE_BYTES / 1024 / 1024;
  return {
    kind: 'unreadable',
    reason: `Tệp lớn hơn ${mb} MB.`,
    reasonEn: `The file is larger than ${mb} MB.`,
  };
}

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description(
      'Import a plan (Word .docx, PDF with text, XLSX, CSV, TSV/TXT); re-importing the same file changes nothing',
    )
    .argument('<file>', 'the plan file')
    .option('--plan <title>', 'the plan title (default: the document title)')
    .option('--sheet <name>', 'XLSX: the sheet to read (default: the first)')
    .option('--dry-run', 'show what would be imported, write nothing')
    .option('--json', 'print JSON (the documented contract)')
    .option('--lang <vi|en>', 'language of messages', 'vi')
    .action((file: string, opts: ImportOptions) => importPlanFile(ctx, file, opts));
}

/**
 * `import <file>`: reads the file (refusing one over the size limit before loading it), imports it (or
 * previews it with `--dry-run`) and reports the result; an unreadable file or a plan with errors sets
 * the exit code {@link EXIT_INVALID}.
 */
async function importPlanFile(ctx: CliContext, file: string, opts: ImportOptions): Promise<void> {
  const lang = opts.lang === 'en' ? 'en' : 'vi';
  const bytes = await readPlanBytes(file);
  if (bytes) ctx.progress(`Reading ${file} (${bytes.length} bytes)…`);
  const db = await ctx.db();
  const result =
    bytes === null
      ? tooLarge()
      : await importPlan(db, {
          bytes,
          fileName: file,
          planTitle: opts.plan,
          sheet: opts.sheet,
          dryRun: opts.dryRun ?? false,
          onProgress: (done, total) => {
            if (total > 1) ctx.progress(`Page ${done}/${total}…`);
          },
        });
  if (result.kind === 'unreadable') return reportUnreadable(ctx, result, opts, lang);
  const { preview } = result;
  ctx.progress(
    `Parsed ${preview.tasks.length} tasks, ${preview.errors.length} errors, ${preview.warnings.length} warnings.`,
  );
  if (result.kind === 'preview') return reportPreview(ctx, preview, opts, lang);
  reportImported(ctx, result, opts, lang);
}

/** The file's bytes, or null when it is over the size limit (checked before it is read: never loaded). */
async function readPlanBytes(file: string): Promise<Uint8Array | null> {
  try {
    return (await stat(file)).size > MAX_PLAN_FILE_BYTES ? null : await readFile(file);
  } catch {
    throw new CliError(`Cannot read ${file}: no such file or not readable`);
  }
}

/** A file that is no plan: the reason (as the JSON contract's one error), and the exit code. */
function reportUnreadable(
  ctx: CliContext,
  result: Extract<ImportPlanResult, { kind: 'unreadable' }>,
  opts: ImportOptions,
  lang: 'vi' | 'en',
): void {
  const message = lang === 'en' ? result.reasonEn : result.reason;
  if (opts.json)
    ctx.json({
      plan: null,
      tasks: [],
      warnings: [],
      errors: [{ row: null, column: null, message }],
      unknownAgencies: [],
      learnedAgencies: [],
      needsAssignment: [],
    });
  else ctx.out(`ERROR: ${message}`);
  process.exitCode = EXIT_INVALID;
}

/** A dry run, or a plan with errors (nothing imported): the preview, and the exit code when it has errors. */
function reportPreview(ctx: CliContext, preview: PlanPreview, opts: ImportOptions, lang: 'vi' | 'en'): void {
  if (opts.json) ctx.json(previewJson(preview, lang));
  else printHuman(ctx, preview, lang);
  if (preview.errors.length > 0) {
    if (!opts.json) ctx.out('Nothing was imported: fix the errors above and import again.');
    process.exitCode = EXIT_INVALID;
  }
}

/** An imported plan: the preview and what changed (tasks added, updated, removed, restored). */
function reportImported(
  ctx: CliContext,
  result: Extract<ImportPlanResult, { kind: 'imported' }>,
  opts: ImportOptions,
  lang: 'vi' | 'en',
): void {
  const { preview, changes } = result;
  if (opts.json) {
    ctx.json({ ...previewJson(preview, lang), changes });
    return;
  }
  printHuman(ctx, preview, lang);
  if (changes.unchanged) ctx.out(`Plan #${changes.planId} is unchanged: this file was already imported.`);
  else {
    ctx.out(`${changes.created ? 'Imported' : 'Updated'} plan #${changes.planId} (${changes.planKey}).`);
    ctx.out(
      `added ${changes.added.length} · updated ${changes.updated.length} · removed ${changes.removed.length} · restored ${changes.restored.length}`,
    );
    for (const u of changes.updated) ctx.out(`  ~ ${u.code}: ${u.fields.join(', ')}`);
    if (changes.removed.length > 0) ctx.out(`  - removed: ${changes.removed.join(', ')}`);
  }
}
