import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery, urlForDatabase } from '../test/support/db.ts';
import { applyMigrations, pendingSchemaSql } from './scripts/migrate.ts';
import { SCHEMA_PATH } from './scripts/schema-engine.ts';

const NAME = `deanbot_test_migrate_${process.pid}`;
const url = urlForDatabase(NAME);

describe('committed migrations', () => {
  beforeAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${NAME}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${NAME}"`);
  });
  afterAll(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${NAME}" WITH (FORCE)`);
  });

  it('GIVEN a fresh database THEN they apply, create every table, and a second run applies nothing', async () => {
    const first = await applyMigrations(url);
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(url)).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    await client.end();
    const tables = rows.map((r) => r.table_name);
    for (const table of [
      'plan',
      'task',
      'agency',
      'officer',
      'status_report',
      'reminder',
      'delivery',
      'audit_log',
      'zalo_token',
      '_prisma_migrations',
    ]) {
      expect(tables).toContain(table);
    }
  });

  it('GIVEN schema.prisma THEN it matches the migrations (no drift)', async () => {
    expect(await pendingSchemaSql(url)).toBe('');
  });

  it('GIVEN a schema with a new column THEN the drift check reports it', async () => {
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    const changed = schema.replace(
      '  province       String?',
      '  province       String?\n  driftProbe     String?',
    );
    expect(changed).not.toBe(schema);
    expect(await pendingSchemaSql(url, changed)).toMatch(/driftProbe/u);
  });
});
