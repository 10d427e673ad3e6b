import { readFileSync } from 'node:fs';
import { readPlanFile } from '../handlers/plan-import/read-plan-file.ts';
import { parsePlanGrid } from '../domain/plan/parse-plan-grid.ts';
import { parsePlanText } from '../domain/plan/parse-plan-text.ts';
const load = async (f: string) => { const c = await readPlanFile(readFileSync(f), { fileName: f }); if (!c.ok) throw new Error(JSON.stringify(c)); return c.kind === 'text' ? parsePlanText(c.text) : parsePlanGrid(c.grid); };
const a = await load(process.argv[2]!); const b = await load(process.argv[3]!);
const flat = (s?: string) => (s ?? '').replace(/\s+/gu, ' ').trim();
console.log(a.rows.length, b.rows.length, a.groups.length, b.groups.length, b.errors.length, b.warnings.length);
console.log(a.meta, b.meta);
let diffs = 0;
for (let i = 0; i < Math.max(a.rows.length, b.rows.length); i++) {
  const x = a.rows[i], y = b.rows[i];
  for (const k of ['title','lead','support','deadline','output'] as const) {
    if (x?.code !== y?.code || flat(x?.cells[k]) !== flat(y?.cells[k])) { diffs++; console.log(x?.code, y?.code, k, '\n  D:', flat(x?.cells[k]), '\n  P:', flat(y?.cells[k])); }
  }
}
console.log('diffs', diffs);
