/**
 * Builds the Prisma client over node-postgres (Prisma 7 + @prisma/adapter-pg, no native engine).
 * The session time zone is pinned to UTC: adapter-pg misreads timestamptz in any other zone, and every
 * instant is stored in UTC; Vietnam time is applied only at the edges.
 *
 * Statements are prepared by name (see {@link statementNames}): PostgreSQL parses and plans each of our
 * statements once per connection instead of at every call, which was most of the database's time per
 * reply (docs/performance.md). This needs a direct connection or a session-mode pooler; a
 * transaction-mode pooler (PgBouncer's default) does not keep prepared statements.
 */
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../prisma/generated/client.ts';
import { attachDirectSql } from './direct-sql.ts';
import { withPersonalDataMasked } from './mask-personal-data.ts';

export type { PrismaClient };
export type Db = PrismaClient;

export interface PrismaOptions {
  databaseUrl: string;
  /** Pool size. @defaultValue 10 */
  maxConnections?: number;
  /** Called once per SQL statement sent (the benchmark counts queries per reply with it). */
  onQuery?: (sql: string) => void;
}

/** Distinct statements prepared by name; more (e.g. an `IN (...)` of an unusual length) run unnamed. */
const NAMED_STATEMENTS = 1_000;

/**
 * The name a statement is prepared under: a digest of its text, so that one name never stands for two
 * texts. Past {@link NAMED_STATEMENTS} distinct texts, '' (unnamed: parsed at each call, as before), so
 * that the prepared statements a connection keeps stay bounded.
 */
export function statementNames(limit = NAMED_STATEMENTS): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= limit) return '';
    const name = `q${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
    return name;
  };
}

/**
 * A client whose every write to a column that can hold what people typed is masked
 * (see {@link withPersonalDataMasked}): no caller can get an unmasked one.
 */
export function createPrismaClient(options: PrismaOptions): PrismaClient {
  // One pool for the adapter and for the store's direct statements (store/direct-sql.ts); Prisma ends it
  // on `$disconnect`.
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    options: '-c TimeZone=UTC',
  });
  // An idle connection's error (PostgreSQL restarted) surfaces again on the next statement.
  pool.on('error', () => {});
  const statementName = statementNames();
  const adapter = new PrismaPg(pool, { statementNameGenerator: statementName, disposeExternalPool: true });
  const onQuery = options.onQuery;
  let client: PrismaClient;
  if (!onQuery) client = withPersonalDataMasked(new PrismaClient({ adapter }));
  else {
    const logged = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
    logged.$on('query', (event) => onQuery(event.query));
    client = withPersonalDataMasked(logged);
  }
  attachDirectSql(client, { pool, statementName, ...(onQuery ? { onQuery } : {}) });
  return client;
}

/** True when the database answers a trivial query. */
export async function pingDatabase(db: PrismaClient): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
