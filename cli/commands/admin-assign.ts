/**
 * `assign import <csv>`: lead and support agencies for many tasks at once. Every row is checked first
 * (task known, every agency in the directory); one bad row writes nothing.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { foldForMatch } from '../../domain/text/normalize-vietnamese.ts';
import { assignAgencies, findTasksByCode } from '../../store/admin-tasks.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import type { Actor } from '../../store/audit.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { CliError } from '../context.ts';

const COLUMNS: Record<string, 'code' | 'lead' | 'support'> = {
  code: 'code',
  task: 'code',
  ma: 'code',
  stt: 'code',
  'ma nhiem vu': 'code',
  lead: 'lead',
  'chu tri': 'lead',
  'co quan chu tri': 'lead',
  support: 'support',
  'phoi hop': 'support',
  'co quan phoi hop': 'support',
};

const Row = z.object({
  code: z.string().trim().min(1),
  lead: z.string().trim().min(2),
  support: z.string().trim().default(''),
});

const split = (cell: string) =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

async function readRows(file: string) {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/u, '');
  const delimiter =
    (text.split('\n')[0] ?? '').includes(';') && !(text.split('\n')[0] ?? '').includes(',') ? ';' : ',';
  const grid = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const [header = [], ...body] = grid;
  const fields = header.map((h) => COLUMNS[foldForMatch(h)]);
  if (!fields.includes('code') || !fields.includes('lead'))
    throw new CliError('The CSV needs a task code column and a lead column (code, lead, support).');
  return body.map((cells, i) => {
    const record: Record<string, string> = {};
    fields.forEach((f, col) => {
      if (f) record[f] = cells[col] ?? '';
    });
    const parsed = Row.safeParse(record);
    if (!parsed.success) throw new CliError(`Row ${i + 2}: ${z.prettifyError(parsed.error)}`);
    return { line: i + 2, ...parsed.data };
  });
}

export async function assignFromCsv(
  db: PrismaClient,
  file: string,
  planId: number | undefined,
  actor: Actor,
): Promise<number> {
  const rows = await readRows(file);
  const problems: string[] = [];
  const plan: Array<{ taskId: number; lead: number[]; support: number[] | null }> = [];
  for (const row of rows) {
    const tasks = await findTasksByCode(db, row.code, planId);
    if (tasks.length !== 1) {
      problems.push(
        `Row ${row.line}: ${tasks.length === 0 ? 'no task' : 'several plans have task'} #${row.code}`,
      );
      continue;
    }
    const ids = async (names: string[]) => {
      const out: number[] = [];
      for (const name of names) {
        const agency = await resolveAgencyId(db, name);
        if (agency) out.push(agency.id);
        else problems.push(`Row ${row.line}: unknown agency "${name}"`);
      }
      return out;
    };
    const lead = await ids(split(row.lead));
    const support = row.support ? await ids(split(row.support)) : null;
    plan.push({ taskId: tasks[0]!.id, lead, support });
  }
  if (problems.length > 0) throw new CliError(`Nothing assigned:\n${problems.join('\n')}`);
  for (const p of plan) await assignAgencies(db, p.taskId, p.lead, p.support, actor);
  return plan.length;
}
