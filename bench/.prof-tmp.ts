import { previousDigest } from '../store/digests.ts';
import { createPrismaClient } from '../store/prisma-client.ts';
import { listedTasks, loadOverviewSnapshot } from '../store/web-overview.ts';

const db = createPrismaClient({
  databaseUrl: 'postgresql://postgres@127.0.0.1:5432/deanbot_bench_keep_909b4523',
  maxConnections: 20,
});
await db.officer.findFirstOrThrow({ where: { role: 'committee' }, include: { agency: true } });
await db.$queryRaw`SELECT 1`;
const now = new Date('2025-12-01T03:00:00Z');
const time = async (label: string, f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return `${label} ${(performance.now() - t).toFixed(1)}`;
};
const mode = process.argv[2];
const out: string[] = [];
if (mode === 'seq') {
  out.push(await time('prev', () => previousDigest(db, 'weekly', now, '2025-W49')));
  out.push(await time('raw1', () => db.$queryRaw`SELECT id, title FROM plan ORDER BY id`));
}
out.push(await time('snap', () => loadOverviewSnapshot(db, now)));
out.push(await time('snap2', () => loadOverviewSnapshot(db, now)));
out.push(await time('listed', () => listedTasks(db, [1, 2, 3, 4, 5])));
out.push(await time('listed2', () => listedTasks(db, [1, 2, 3, 4, 6])));
console.log(mode ?? '', out.join(' | '));
await db.$disconnect();
