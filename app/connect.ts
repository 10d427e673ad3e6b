/**
 * Start-up waits for PostgreSQL and Redis with a bounded retry, then gives up with one clear line.
 */
import { Redis } from 'ioredis';
import { type PrismaClient, pingDatabase } from '../store/prisma-client.ts';
import type { Logger } from './logger.ts';

export interface RetryOptions {
  attempts: number;
  delayMs: number;
}

export class StartupError extends Error {
  override name = 'StartupError';
}

async function retry(
  what: string,
  check: () => Promise<boolean>,
  opts: RetryOptions,
  logger: Logger,
  hint: string,
) {
  for (let attempt = 1; attempt <= opts.attempts; attempt++) {
    if (await check()) return;
    if (attempt < opts.attempts) {
      logger.warn(
        { attempt, of: opts.attempts },
        `${what} is not reachable yet; retrying in ${opts.delayMs} ms`,
      );
      await new Promise((resolve) => setTimeout(resolve, opts.delayMs));
    }
  }
  throw new StartupError(`${what} is not reachable after ${opts.attempts} attempts: ${hint}`);
}

export async function waitForDatabase(db: PrismaClient, opts: RetryOptions, logger: Logger): Promise<void> {
  await retry(
    'PostgreSQL',
    () => pingDatabase(db),
    opts,
    logger,
    'check DATABASE_URL and that PostgreSQL is running',
  );
}

/** A Redis connection for BullMQ workers and the app (maxRetriesPerRequest null, as BullMQ requires). */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, enableReadyCheck: true });
}

export async function waitForRedis(redis: Redis, opts: RetryOptions, logger: Logger): Promise<void> {
  // ioredis keeps reconnecting in the background once asked to connect; each attempt only asks for a PONG.
  if (redis.status === 'wait') redis.connect().catch(() => {});
  await retry('Redis', () => pingRedis(redis), opts, logger, 'check REDIS_URL and that Redis is running');
}

export async function pingRedis(redis: Redis): Promise<boolean> {
  try {
    return (
      (await Promise.race([
        redis.ping(),
        new Promise<string>((r) => setTimeout(() => r('timeout'), 1000)),
      ])) === 'PONG'
    );
  } catch {
    return false;
  }
}
