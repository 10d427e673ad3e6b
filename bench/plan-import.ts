/**
 * Import cost of the files plans come in: reading, parsing and previewing (agencies, deadlines) the
 * largest Word fixture, a generated 500-task Word plan and the 13-page city PDF. In process, no database.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AgencyDirectory } from '../domain/agency/agency-directory.ts';
import { BUILTIN_AGENCIES } from '../domain/agency/builtin-directory.ts';
import { buildPlanPreview } from '../domain/plan/build-plan-preview.ts';
import { parsePlanGrid } from '../domain/plan/parse-plan-grid.ts';
import { readPlanFile } from '../handlers/plan-import/read-plan-file.ts';
import { generatedPlan } from '../test/fixtures/plans/plan-specs.ts';
import { planDocx } from '../test/support/plan-docx.ts';

const PLANS = path.resolve(import.meta.dirname, '../test/fixtures/plans');

/** Milliseconds to read, parse and preview one file, and the tasks found. */
async function timeImport(bytes: Uint8Array, fileName: string): Promise<{ ms: number; tasks: number }> {
  const start = performance.now();
  const content = await readPlanFile(bytes, { fileName });
  if (!content.ok || content.kind !== 'grid') throw new Error(`${fileName} unreadable`);
  const preview = buildPlanPreview(parsePlanGrid(content.grid), new AgencyDirectory(BUILTIN_AGENCIES));
  return { ms: performance.now() - start, tasks: preview.tasks.length };
}

export async function planImportCost() {
  const word = await timeImport(
    readFileSync(path.join(PLANS, 'lamdong-cchc-2026-2030-plan.docx')),
    'plan.docx',
  );
  const generated = await timeImport(await planDocx(generatedPlan(500)), 'generated-500.docx');
  const pdf = await timeImport(readFileSync(path.join(PLANS, 'city-plan.pdf')), 'city-plan.pdf');
  return { word, generated, pdf };
}
