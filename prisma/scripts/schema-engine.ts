/**
 * Prisma's schema engine, run as WebAssembly through the PostgreSQL driver adapter.
 *
 * Why: Prisma 7's CLI downloads a native schema engine from the internet before `migrate`, which the
 * project's machines cannot reach. The same engine is published on npm as `@prisma/schema-engine-wasm`;
 * driven through `@prisma/adapter-pg` it applies and diffs migrations exactly as `prisma migrate` does, and
 * writes the same `_prisma_migrations` table, so the ordinary CLI keeps working where the native engine exists.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';

const require = createRequire(import.meta.url);

/** prisma/ of the project: one level up from prisma/scripts (tsx), or from dist/prisma/scripts (the build). */
export const PRISMA_DIR = existsSync(path.resolve(import.meta.dirname, '../schema.prisma'))
  ? path.resolve(import.meta.dirname, '..')
  : path.resolve(import.meta.dirname, '../../../prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');

type EngineModule = typeof import('@prisma/schema-engine-wasm');

/** Node's WebAssembly global (the project's type library has no DOM, so it is typed here). */
const wasmRuntime = (
  globalThis as unknown as {
    WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<unknown> };
  }
).WebAssembly;

let engineModule: Promise<EngineModule> | undefined;

/** The glue module keeps the wasm instance in module state: instantiate it once per process. */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= instantiateEngineModule();
  return engineModule;
}

async function instantiateEngineModule(): Promise<EngineModule> {
  const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
  const glue = (await import(path.join(pkgDir, 'schema_engine_bg.js'))) as EngineModule & {
    __wbg_set_wasm(exports: Record<string, unknown>): void;
  };
  const bytes = await readFile(path.join(pkgDir, 'schema_engine_bg.wasm'));
  const { instance } = (await wasmRuntime.instantiate(bytes, { './schema_engine_bg.js': glue })) as {
    instance: { exports: Record<string, unknown> };
  };
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports['__wbindgen_start'] as () => void)();
  return glue;
}

/**
 * Discrete pool settings instead of a connection string: adapter-pg opens the shadow database by
 * overriding `database`, which a connection string would silently win over (diffs then ran on the real DB).
 */
function poolConfigFromUrl(databaseUrl: string) {
  const url = new URL(databaseUrl);
  return {
    host: decodeURIComponent(url.hostname) || '127.0.0.1',
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: decodeURIComponent(url.pathname.replace(/^\//u, '')) || undefined,
    options: '-c TimeZone=UTC',
  };
}

/**
 * The schema engine describes a database by reading catalog columns of PostgreSQL's internal "char" type
 * (OID 18), which adapter-pg 7.10 refuses ("Column type 'char' could not be deserialized"). In this
 * migration tool only, such columns are reported as text (their values already arrive as strings).
 */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
let charPatched = false;
function reportCharColumnsAsText(): void {
  if (charPatched) return;
  charPatched = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const fix = (result: { fields?: Array<{ dataTypeID: number }> } | undefined) => {
    for (const field of result?.fields ?? [])
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  proto.query = function patchedQuery(this: unknown, ...args: unknown[]) {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, result: { fields?: Array<{ dataTypeID: number }> }) =>
        callback(error, fix(result));
    }
    const out = original.apply(this, args);
    return out instanceof Promise ? out.then(fix) : out;
  };
}

/**
 * adapter-pg 7.10's own shadow database drops the database before closing its pool (PostgreSQL refuses:
 * "being accessed by other users") and leaks a connection. This factory closes the pool first, then drops.
 */
function withDisposableShadowDb(
  config: ReturnType<typeof poolConfigFromUrl>,
  opened: Array<{ dispose(): Promise<void> }>,
) {
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  return Object.assign(factory, {
    async connect() {
      const adapter = await connect();
      opened.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const database = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client(config);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${database}"`);
      const adapter = await new PrismaPg({ ...config, database }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.end();
      };
      return adapter;
    },
  });
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened. */
  close(): Promise<void>;
}

/** Opens the engine against a database URL. */
export async function openSchemaEngine(databaseUrl: string): Promise<OpenEngine> {
  reportCharColumnsAsText();
  const mod = await loadEngineModule();
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const opened: Array<{ dispose(): Promise<void> }> = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(
    withDisposableShadowDb(poolConfigFromUrl(databaseUrl), opened),
  );
  const log = () => {};
  const engine = await mod.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, log, adapter);
  return {
    engine,
    async close() {
      engine.free();
      await Promise.allSettled(opened.map((a) => a.dispose()));
    },
  };
}

/** The committed migrations in Prisma's layout, as the engine expects them. */
export async function loadMigrationList(): Promise<MigrationList> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => {
        const content = await readFile(path.join(MIGRATIONS_DIR, dir, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        );
        return { path: dir, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

export async function readSchema(): Promise<{ content: string; path: string }> {
  return { content: await readFile(SCHEMA_PATH, 'utf8'), path: SCHEMA_PATH };
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
