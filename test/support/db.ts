/**
 * Test databases: the global setup migrates a template database once per run; each test file clones
 * it (CREATE DATABASE ... TEMPLATE, a few milliseconds) and drops its clone afterwards.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '../../store/prisma-client.ts';

/** Where the tests may create databases (trust auth on the local PostgreSQL). */
export const TEST_ADMIN_URL =
  process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEMPLATE_DB = process.env['TEST_TEMPLATE_DB'] ?? 'deanbot_test_template';

export function urlForDatabase(name: string): string {
  const url = new URL(TEST_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  db: PrismaClient;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `deanbot_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
  const url = urlForDatabase(name);
  const db = createPrismaClient({ databaseUrl: url, maxConnections: 5 });
  return {
    name,
    url,
    db,
    async drop() {
      await db.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
