/**
 * Shared set-up for the benchmark: a database of its own (migrated from the committed migrations),
 * a Redis prefix of its own, both removed at the end.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { applyMigrations } from '../prisma/scripts/migrate.ts';
import { createPrismaClient, type PrismaClient } from '../store/prisma-client.ts';

export const ADMIN_URL =
  process.env['BENCH_DATABASE_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface BenchEnv {
  url: string;
  db: PrismaClient;
  prefix: string;
  close(): Promise<void>;
}

/** `onQuery` is called for every SQL statement of `db` (queries per reply). */
export async function benchEnv(
  label: string,
  options: { onQuery?: (sql: string) => void } = {},
): Promise<BenchEnv> {
  const name = `deanbot_bench_${label}_${randomUUID().slice(0, 8)}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  const db = createPrismaClient({
    databaseUrl: url.toString(),
    maxConnections: 20,
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
  });
  const prefix = `bench-${label}-${randomUUID().slice(0, 6)}`;
  return {
    url: url.toString(),
    db,
    prefix,
    async close() {
      await db.$disconnect();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      const redis = new Redis(REDIS_URL);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
    },
  };
}

/** The project's root (bench/ is one level down). */
export const ROOT = path.resolve(import.meta.dirname, '..');

/** Builds dist/ when a source is newer than it (scripts/build-if-stale.mjs): the parts that spawn the build. */
export function buildIfStale(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-if-stale.mjs')], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}

/** True when the service on `port` answers `GET /health` with 200 within 1 s. */
export async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
