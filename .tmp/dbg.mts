import { readFileSync } from 'node:fs';
import { readPdfTables } from '../handlers/plan-import/read-pdf-tables.ts';
import { blocksFromPdfPages } from '../domain/plan/blocks-from-pdf-pages.ts';
const r = await readPdfTables(readFileSync(process.argv[2]!));
if (!r.ok) throw 0;
const blocks = blocksFromPdfPages(r.pages);
for (const b of blocks) if (b.kind === 'table') { console.log('---TABLE'); for (const row of b.table.rows) console.log(JSON.stringify(row.cells.map(c => (c.continuesAbove ? '^' : '') + (c.span > 1 ? `[${c.span}]` : '') + c.text.slice(0, 30)))); }
