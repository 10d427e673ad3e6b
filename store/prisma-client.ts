/**
 * Builds the Prisma client over node-postgres (Prisma 7 + @prisma/adapter-pg, no native engine).
 * The session time zone is pinned to UTC: adapter-pg misreads timestamptz in any other zone, and every
 * instant is stored in UTC; Vietnam time is applied only at the edges.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../prisma/generated/client.ts';
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

/**
 * A client whose every write to a column that can hold what people typed is masked
 * (see {@link withPersonalDataMasked}): no caller can get an unmasked one.
 */
export function createPrismaClient(options: PrismaOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    options: '-c TimeZone=UTC',
  });
  if (!options.onQuery) return withPersonalDataMasked(new PrismaClient({ adapter }));
  const onQuery = options.onQuery;
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (event) => onQuery(event.query));
  return withPersonalDataMasked(client);
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
