/**
 * Builds the Prisma client over node-postgres (Prisma 7 + @prisma/adapter-pg, no native engine).
 * The session time zone is pinned to UTC: adapter-pg misreads timestamptz in any other zone, and every
 * instant is stored in UTC; Vietnam time is applied only at the edges.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../prisma/generated/client.ts';

export type { PrismaClient };
export type Db = PrismaClient;

export interface PrismaOptions {
  databaseUrl: string;
  /** Pool size. @defaultValue 10 */
  maxConnections?: number;
}

export function createPrismaClient(options: PrismaOptions): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    options: '-c TimeZone=UTC',
  });
  return new PrismaClient({ adapter });
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
