/**
 * One planning run in a process of its own (so that its peak memory is its own): plans the day of
 * `at` against the given database and prints {ms, rssMB, reminders} as JSON.
 */

import { scheduleAndQueueReminders } from '../handlers/reminders/schedule-and-queue-reminders.ts';
import { createOutbox } from '../jobs/outbox/outbox.ts';
import { createQueues, redisConnectionOptions } from '../jobs/queues.ts';
import { createPrismaClient } from '../store/prisma-client.ts';

const [url, redisUrl, prefix, at] = process.argv.slice(2) as [string, string, string, string];
const db = createPrismaClient({ databaseUrl: url, maxConnections: 4 });
const queues = createQueues({ connection: redisConnectionOptions(redisUrl), prefix });
const outbox = createOutbox({ db, queue: queues.outbox });
const started = performance.now();
scheduleAndQueueReminders({ db, outbox, sendTime: '08:30', channels: new Set(['telegram']) }, new Date(at))
  .then(async (outcome) => {
    const ms = performance.now() - started;
    const rssMB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ ms, rssMB, reminders: outcome.lines.length })}\n`);
    await queues.close();
    await db.$disconnect();
    process.exit(0);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
