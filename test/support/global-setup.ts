import { applyMigrations } from '../../prisma/scripts/migrate.ts';
import { adminQuery, TEMPLATE_DB, urlForDatabase } from './db.ts';

/** Migrates the template database that every integration test file clones. */
export default async function setup(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${TEMPLATE_DB}"`);
  await applyMigrations(urlForDatabase(TEMPLATE_DB));
}
