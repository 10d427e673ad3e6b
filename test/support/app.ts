/**
 * The whole service in-process for end-to-end tests: a database of its own, a Redis prefix of its own,
 * and channels pointed at the fake servers. Nothing is mocked: the same runtime as `npm start`.
 */
import { Writable } from 'node:stream';
import { parseConfig } from '../../app/config.ts';
import { createRedis } from '../../app/connect.ts';
import { createLogger } from '../../app/logger.ts';
import { type Runtime, startRuntime } from '../../app/runtime.ts';
import type { FakeTelegram } from '../fakes/telegram-api-server.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { createTestRedis, deletePrefix, TEST_REDIS_URL, uniquePrefix } from './redis.ts';
import { waitUntil } from './wait-until.ts';

export const TEST_BOT_TOKEN = '123456789:AAHtestTokenForTheFakeBotApiServer';

export interface TestApp {
  runtime: Runtime;
  database: TestDatabase;
  /** The app's Redis key prefix (QUEUE_PREFIX), its own. */
  prefix: string;
  logs: string[];
  now: { value: Date };
  /** Waits until every stored inbound message was handled by the inbound queue (none left `received`). */
  inboundSettled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: { telegram?: FakeTelegram; env?: Record<string, string>; now?: Date } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const prefix = uniquePrefix();
  const parsed = parseConfig({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    OUTBOX_RATE_PER_SECOND: '200',
    ...(options.telegram
      ? { TELEGRAM_BOT_TOKEN: options.telegram.token, TELEGRAM_API_ROOT: options.telegram.apiRoot }
      : {}),
    ...options.env,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const logs: string[] = [];
  const logger = createLogger({
    level: 'warn',
    secrets: [],
    destination: new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  const redis = createRedis(TEST_REDIS_URL);
  await redis.connect();
  const now = { value: options.now ?? new Date() };
  const runtime = await startRuntime({
    config: parsed.config,
    role: 'all',
    db: database.db,
    redis,
    logger,
    listen: false,
    now: () => now.value,
  });
  return {
    runtime,
    database,
    prefix,
    logs,
    now,
    async inboundSettled(timeoutMs = 20_000) {
      await waitUntil(
        async () => (await database.db.inboundMessage.count({ where: { outcome: 'received' } })) === 0,
        'inbound messages handled',
        timeoutMs,
      );
    },
    async close() {
      await runtime.close();
      await redis.quit();
      const cleaner = createTestRedis();
      await deletePrefix(cleaner, prefix);
      await cleaner.quit();
      await database.drop();
    },
  };
}
