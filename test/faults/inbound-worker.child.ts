/**
 * An inbound worker in a process of its own, for the crash test (inbound-crash.e2e.test.ts): the real
 * conversation handler, confirmations queued in the outbox (not sent: no delivery worker). Configured by
 * DATABASE_URL, REDIS_URL, QUEUE_PREFIX. Prints `ready` once the worker listens to the queue.
 */
import { createInboundHandler } from '../../handlers/conversation/create-inbound-handler.ts';
import { createInboundWorker } from '../../jobs/inbound/inbound-worker.ts';
import { createOutbox } from '../../jobs/outbox/outbox.ts';
import { createQueues, redisConnectionOptions } from '../../jobs/queues.ts';
import { createPrismaClient } from '../../store/prisma-client.ts';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const db = createPrismaClient({ databaseUrl: env('DATABASE_URL'), maxConnections: 5 });
const connection = redisConnectionOptions(env('REDIS_URL'));
const queues = createQueues({ connection, prefix: env('QUEUE_PREFIX') });
const outbox = createOutbox({ db, queue: queues.outbox });
const log = (level: string) => (obj: object, msg: string) =>
  process.stderr.write(`${level} ${msg} ${JSON.stringify(obj)}\n`);
const worker = createInboundWorker({
  db,
  connection,
  prefix: env('QUEUE_PREFIX'),
  handler: createInboundHandler({ db, outbox, now: () => new Date() }),
  // Short locks, so that a killed worker's chat is taken over within seconds.
  lockDurationMs: 5_000,
  stalledIntervalMs: 2_000,
  logger: { info: () => {}, warn: log('warn'), error: log('error') },
});
await worker.worker.waitUntilReady();
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void worker.close().then(() => db.$disconnect().then(() => process.exit(0)));
});
