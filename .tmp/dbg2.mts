import { readFileSync } from 'node:fs';
import { readPdfTables } from '../handlers/plan-import/read-pdf-tables.ts';
const r = await readPdfTables(readFileSync(process.argv[2]!));
if (!r.ok) throw 0;
const pg = r.pages[Number(process.argv[3])]!;
const hs = pg.rules.filter(x => Math.abs(x.y1 - x.y2) < 0.5).sort((a, b) => a.y1 - b.y1);
console.log(hs.slice(0, 12).map(h => `${h.y1.toFixed(1)}:${Math.min(h.x1,h.x2).toFixed(0)}-${Math.max(h.x1,h.x2).toFixed(0)}`).join('\n'));
console.log(pg.texts.filter(t => /^4[45]$/.test(t.str.trim())).map(t => `${t.str}@${t.y}`));
