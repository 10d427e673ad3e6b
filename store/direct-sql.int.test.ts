import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../prisma/generated/client.ts';
import { createTestDatabase, type TestDatabase } from '../test/support/db.ts';
import { rawExecute, rawRows, sendsDirect } from './direct-sql.ts';
import { createPrismaClient } from './prisma-client.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const AT = new Date('2026-12-06T01:02:03.456Z');

/** One row of every column type the store's direct statements may select, from parameters. */
const everyType = () => Prisma.sql`
  SELECT ${7}::int AS n, ${'Sở Tư pháp'}::text AS s, ${true}::boolean AS b, ${AT}::timestamptz AS at,
         ${JSON.stringify({ a: [1, 'x'], b: null })}::jsonb AS j, json_build_object('k', 1) AS js,
         ${[1, 2, 3]}::int[] AS ints, ${['a', 'b"c', null]}::text[] AS texts,
         ARRAY['pending-report'::text] AS kinds, NULL::text AS none`;

describe('direct statements (store/direct-sql.ts)', () => {
  it('GIVEN a statement of every allowed column type THEN the pool and Prisma (a transaction) read the same values', async () => {
    expect(sendsDirect(t.db)).toBe(true);
    const direct = await rawRows<Record<string, unknown>>(t.db, everyType());
    const viaPrisma = await t.db.$transaction((tx) => {
      expect(sendsDirect(tx as never)).toBe(false);
      return rawRows<Record<string, unknown>>(tx as never, everyType());
    });
    expect(direct).toEqual(viaPrisma);
    expect(direct[0]).toEqual({
      n: 7,
      s: 'Sở Tư pháp',
      b: true,
      at: AT,
      j: { a: [1, 'x'], b: null },
      js: { k: 1 },
      ints: [1, 2, 3],
      texts: ['a', 'b"c', null],
      kinds: ['pending-report'],
      none: null,
    });
  });

  it('GIVEN a write THEN rawExecute answers the rows changed, by either path', async () => {
    await rawExecute(t.db, Prisma.sql`CREATE TABLE direct_probe (n int NOT NULL)`);
    const created = await rawExecute(t.db, Prisma.sql`INSERT INTO direct_probe (n) VALUES (${1}), (${2})`);
    expect(created).toBe(2);
    const renamed = await t.db.$transaction((tx) =>
      rawExecute(tx as never, Prisma.sql`UPDATE direct_probe SET n = n + ${10}`),
    );
    expect(renamed).toBe(2);
    expect(await rawRows(t.db, Prisma.sql`SELECT n FROM direct_probe ORDER BY n`)).toEqual([
      { n: 11 },
      { n: 12 },
    ]);
  });

  it('GIVEN a counting client THEN its direct statements are counted; once disconnected they still run, through Prisma', async () => {
    const seen: string[] = [];
    const db = createPrismaClient({
      databaseUrl: t.url,
      maxConnections: 2,
      onQuery: (sql) => seen.push(sql),
    });
    try {
      const [row] = await rawRows<{ n: number }>(db, Prisma.sql`SELECT ${41}::int + 1 AS n`);
      expect(row).toEqual({ n: 42 });
      expect(seen.filter((sql) => sql.includes('+ 1 AS n'))).toHaveLength(1);
      await db.$disconnect();
      expect(sendsDirect(db)).toBe(false);
      const [again] = await rawRows<{ n: number }>(db, Prisma.sql`SELECT ${1}::int + 1 AS n`);
      expect(again).toEqual({ n: 2 });
    } finally {
      await db.$disconnect();
    }
  });
});
