/**
 * The reply path's statements sent straight to node-postgres, on the very pool the Prisma client uses.
 *
 * Why: per call, Prisma's runtime costs more CPU in our process than the statement itself. Measured with
 * one connection on the project's machine: a `$queryRaw` about 190 µs of CPU, a `findMany` about 500 µs,
 * the same statement by node-postgres about 80 µs (docs/performance.md, "Direct statements"). A reply runs
 * a handful of statements, so the runtime was a third of the worker's time.
 *
 * How: the store writes the statement once, as a `Prisma.sql` template (values never spliced into the
 * text), and runs it with {@link rawRows} or {@link rawExecute}. On a client made by `createPrismaClient`
 * the statement goes to the client's pool, prepared under the same name the adapter gives it; on any
 * other client (an interactive transaction's, whose statements must stay on its connection) or once the
 * pool is closed, it goes through Prisma as before. Results are the same either way as long as the
 * statement selects only int4, text, bool, timestamptz, json(b) and arrays of those: cast enums and
 * dates to text (node-postgres leaves an enum array as its literal and reads a date in local time).
 *
 * Raw SQL bypasses the masking extension (store/mask-personal-data.ts): a statement that writes a column
 * listed there masks the value itself.
 */
import type pg from 'pg';
import type { Prisma, PrismaClient } from '../prisma/generated/client.ts';

/** What a client made by `createPrismaClient` shares with this module. */
export interface DirectSql {
  pool: pg.Pool;
  /** The statement name the adapter would use for this text ('' = unnamed). */
  statementName: (query: { sql: string }) => string;
  /** Called once per statement sent (the benchmark's counter). */
  onQuery?: (sql: string) => void;
}

/** A client's pool, and the client's connection (made at the first direct statement, see below). */
type Attached = DirectSql & { connected?: Promise<void> };

const attached = new WeakMap<object, Attached>();

/** Lets {@link rawRows} and {@link rawExecute} send `client`'s statements to `direct.pool`. */
export function attachDirectSql(client: PrismaClient, direct: DirectSql): void {
  attached.set(client, { ...direct });
}

function usable(db: PrismaClient): Attached | undefined {
  const direct = attached.get(db);
  // A pool ended by `$disconnect`: Prisma makes a new one if the client is used again, this one is gone.
  if (direct === undefined || direct.pool.ending || direct.pool.ended) return undefined;
  return direct;
}

/** True when `db`'s statements go straight to its pool (false: through Prisma). */
export function sendsDirect(db: PrismaClient): boolean {
  return usable(db) !== undefined;
}

async function send(db: PrismaClient, direct: Attached, query: Prisma.Sql): Promise<pg.QueryResult> {
  // Prisma ends the pool on `$disconnect` only once it has connected: connect it before the first use.
  direct.connected ??= db.$connect().catch((error: unknown) => {
    direct.connected = undefined; // tried again at the next statement
    throw error;
  });
  await direct.connected;
  direct.onQuery?.(query.text);
  const name = direct.statementName({ sql: query.text });
  return await direct.pool.query({
    ...(name === '' ? {} : { name }),
    text: query.text,
    values: query.values as unknown[],
  });
}

/** The rows `query` selects (see the file comment for the column types it may return). */
export async function rawRows<T>(db: PrismaClient, query: Prisma.Sql): Promise<T[]> {
  const direct = usable(db);
  if (direct === undefined) return await db.$queryRaw<T[]>(query);
  return (await send(db, direct, query)).rows as T[];
}

/** Runs a statement that returns no rows; answers how many rows it changed. */
export async function rawExecute(db: PrismaClient, query: Prisma.Sql): Promise<number> {
  const direct = usable(db);
  if (direct === undefined) return await db.$executeRaw(query);
  return (await send(db, direct, query)).rowCount ?? 0;
}
