/**
 * `npm run setup`: everything a fresh clone needs before `npm start`, idempotent.
 * Copies .env.example to .env when there is none, creates the database named in DATABASE_URL when it is
 * missing, generates the Prisma client and applies the migrations.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import pg from 'pg';
import { applyMigrations } from '../prisma/scripts/migrate.ts';

function step(message: string): void {
  process.stdout.write(`• ${message}\n`);
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[\w-]+$/u.test(name)) throw new Error(`unexpected database name in DATABASE_URL: ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`);
      step(`created database ${name}`);
    } else {
      step(`database ${name} exists`);
    }
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  if (!existsSync('.env')) {
    copyFileSync('.env.example', '.env');
    step('wrote .env from .env.example (edit it to add channel credentials)');
  }
  process.loadEnvFile('.env');
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set in .env');
  await ensureDatabase(url);
  const generate = spawnSync('npm', ['run', '--silent', 'db:generate'], { stdio: 'inherit' });
  if (generate.status !== 0) throw new Error('prisma generate failed');
  const applied = await applyMigrations(url);
  step(applied.length ? `applied migrations: ${applied.join(', ')}` : 'migrations up to date');
  step('ready: npm start');
}

main().catch((error: unknown) => {
  process.stderr.write(`Setup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
