/**
 * A delivery worker in a process of its own, for the crash test (worker-crash.e2e.test.ts): the test
 * SIGKILLs it mid-batch. Configured by the environment: DATABASE_URL, REDIS_URL, QUEUE_PREFIX,
 * TELEGRAM_API_ROOT, TELEGRAM_BOT_TOKEN. Prints `ready` once the worker listens to the queue.
 */
import { TelegramChannel } from '../../bot/telegram/telegram-channel.ts';
import type { Channel, ChannelId } from '../../handlers/channel.ts';
import { createDeliveryWorker } from '../../jobs/outbox/delivery-worker.ts';
import { redisConnectionOptions } from '../../jobs/queues.ts';
import { createPrismaClient } from '../../store/prisma-client.ts';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const db = createPrismaClient({ databaseUrl: env('DATABASE_URL'), maxConnections: 5 });
const channel = new TelegramChannel({
  token: env('TELEGRAM_BOT_TOKEN'),
  apiRoot: env('TELEGRAM_API_ROOT'),
  partIntervalMs: 0,
  requestTimeoutMs: 5_000,
});
const log = (level: string) => (obj: object, msg: string) =>
  process.stderr.write(`${level} ${msg} ${JSON.stringify(obj)}\n`);
const worker = createDeliveryWorker({
  db,
  connection: redisConnectionOptions(env('REDIS_URL')),
  prefix: env('QUEUE_PREFIX'),
  channels: new Map<ChannelId, Channel>([['telegram', channel]]),
  // A paced batch: 20 sends a second, so that the test can kill the process mid-way.
  ratePerSecond: 20,
  perChatIntervalMs: 0,
  concurrency: 5,
  // Short locks, so that a killed worker's jobs and deliveries are taken over within seconds.
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
  deliveryLockTtlMs: 3_000,
  logger: { info: () => {}, warn: log('warn'), error: log('error') },
});
await worker.worker.waitUntilReady();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker.close().then(() => db.$disconnect().then(() => process.exit(0)));
});
