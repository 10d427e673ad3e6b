/**
 * The demo's infrastructure: its own PostgreSQL database (dropped and recreated each run), its own Redis
 * key prefix (removed at the end), the fake Telegram and Zalo servers on 127.0.0.1, and the service
 * itself (startRuntime, role 'all') listening on a free port, every clock bound to the simulated one.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { parseConfig } from '../app/config.ts';
import { createRedis } from '../app/connect.ts';
import { createLogger } from '../app/logger.ts';
import { type Runtime, startRuntime } from '../app/runtime.ts';
import { applyMigrations } from '../prisma/scripts/migrate.ts';
import { createPrismaClient, type PrismaClient } from '../store/prisma-client.ts';
import { saveZaloToken } from '../store/zalo-tokens.ts';
import { type FakeTelegram, startFakeTelegramServer } from '../test/fakes/telegram-api-server.ts';
import { type FakeZalo, startFakeZaloServer } from '../test/fakes/zalo-api-server.ts';

/** Overridable so that two checkouts on one machine can run the demo at the same time. */
export const DEMO_DATABASE = process.env['DEMO_DATABASE'] ?? 'deanbot_demo';
export const DEMO_QUEUE_PREFIX = process.env['DEMO_QUEUE_PREFIX'] ?? 'deanbot-demo';
export const OUTPUT_DIR = path.resolve(process.cwd(), 'demo-output');
const ADMIN_URL = process.env['DEMO_DATABASE_ADMIN_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env['DEMO_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** A token shaped like BotFather's, accepted by the fake Bot API only. */
const DEMO_BOT_TOKEN = '700000001:AAdemoTokenForTheFakeBotApiServer';

/** The simulated clock every part of the demo reads. */
export interface Clock {
  value: Date;
  now(): Date;
}

export function createClock(start: Date): Clock {
  const clock: Clock = { value: start, now: () => clock.value };
  return clock;
}

export interface DemoServices {
  db: PrismaClient;
  runtime: Runtime;
  telegram: FakeTelegram;
  zalo: FakeZalo;
  baseUrl: string;
  logFile: string;
  close(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Deletes every key under the prefix (never FLUSHALL: the Redis may be shared). */
async function deletePrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** Creates everything and starts the service; `close` undoes it all except the database (kept to look at). */
export async function startDemoServices(clock: Clock): Promise<DemoServices> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await adminQuery(`DROP DATABASE IF EXISTS "${DEMO_DATABASE}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${DEMO_DATABASE}"`);
  const url = databaseUrl(DEMO_DATABASE);
  await applyMigrations(url);
  await deletePrefix(DEMO_QUEUE_PREFIX);

  const telegram = await startFakeTelegramServer({ token: DEMO_BOT_TOKEN, botUsername: 'de_an_06_demo_bot' });
  const zalo = await startFakeZaloServer({ now: clock.now });
  const port = await freePort();
  const parsed = parseConfig(
    {
      DATABASE_URL: url,
      REDIS_URL,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'info',
      QUEUE_PREFIX: DEMO_QUEUE_PREFIX,
      OUTBOX_RATE_PER_SECOND: '1000',
      OUTBOX_PER_CHAT_INTERVAL_MS: '0',
      READY_CHANNEL_CACHE_SECONDS: '0',
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_BOT_USERNAME: 'de_an_06_demo_bot',
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ZALO_APP_ID: zalo.appId,
      ZALO_APP_SECRET: zalo.appSecret,
      ZALO_OA_SECRET_KEY: zalo.oaSecretKey,
      ZALO_API_BASE: zalo.apiBase,
      ZALO_OAUTH_BASE: zalo.oauthBase,
    },
    'demo',
  );
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const config = parsed.config;

  const logFile = path.join(OUTPUT_DIR, 'service.log');
  const logStream = createWriteStream(logFile);
  const logger = createLogger({ level: 'info', secrets: [], destination: logStream });
  const db = createPrismaClient({ databaseUrl: url, maxConnections: 8 });
  // The OA token pair, as `npm run cli -- zalo set-tokens` would store it.
  await saveZaloToken(db, zalo.issueTokens(), clock.now());
  const redis = createRedis(REDIS_URL);
  await redis.connect();
  const runtime = await startRuntime({ config, role: 'all', db, redis, logger, now: clock.now });

  let closed = false;
  return {
    db,
    runtime,
    telegram,
    zalo,
    baseUrl: `http://127.0.0.1:${port}`,
    logFile,
    async close() {
      if (closed) return;
      closed = true;
      await runtime.close();
      await telegram.close();
      await zalo.close();
      await redis.quit();
      await db.$disconnect();
      await deletePrefix(DEMO_QUEUE_PREFIX);
      await new Promise<void>((resolve) => logStream.end(resolve));
    },
  };
}
