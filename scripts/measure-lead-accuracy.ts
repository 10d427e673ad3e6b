/**
 * Prints, per unseen-plan fixture, how many tasks have exactly the expected lead agencies, how many
 * deadlines are exactly right, and the learned and unknown bodies: `npx tsx scripts/measure-lead-accuracy.ts`.
 * Reads with the built-in directory only (no alias typed by hand); writes nothing.
 */
import { readFile } from 'node:fs/promises';
import { AgencyDirectory } from '../domain/agency/agency-directory.ts';
import { BUILTIN_AGENCIES } from '../domain/agency/builtin-directory.ts';
import { UNSEEN_PLANS } from '../handlers/plan-import/__fixtures__/unseen-plans.ts';
import { readPlanPreview } from '../handlers/plan-import/read-plan-preview.ts';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

for (const plan of UNSEEN_PLANS) {
  const bytes = await readFile(new URL(`../handlers/plan-import/__fixtures__/${plan.file}`, import.meta.url));
  const result = await readPlanPreview({ bytes, fileName: plan.file }, new AgencyDirectory(BUILTIN_AGENCIES));
  if (!result.ok) {
    console.log(`${plan.file}: unreadable (${result.reasonEn})`);
    continue;
  }
  const { tasks, unknownAgencies, learnedAgencies } = result.preview;
  let leads = 0;
  let deadlines = 0;
  for (const expected of plan.tasks) {
    const task = tasks.find((t) => t.ref === expected.ref);
    if (task && same(task.lead, expected.lead)) leads++;
    const d = task?.deadline;
    if (d && same([d.kind, d.due, d.start], [expected.kind, expected.due, expected.start])) deadlines++;
  }
  const total = plan.tasks.length;
  const pct = ((100 * leads) / total).toFixed(1);
  console.log(
    `${plan.file} (${plan.level}): tasks ${tasks.length}/${total} · lead agencies exactly right ${leads}/${total} (${pct} %) · deadlines ${deadlines}/${total} · learned ${learnedAgencies.length} · unknown ${unknownAgencies.length}`,
  );
}
