/**
 * Fan-out at the limit: N reminders to N different chats through the outbox, with the fake Bot API
 * server enforcing a global rate (429 beyond it) and the outbox configured to the same rate.
 */
import { TelegramChannel } from '../bot/telegram/telegram-channel.ts';
import type { Channel, ChannelId } from '../handlers/channel.ts';
import { createDeliveryWorker } from '../jobs/outbox/delivery-worker.ts';
import { createOutbox } from '../jobs/outbox/outbox.ts';
import { createQueues, redisConnectionOptions } from '../jobs/queues.ts';
import { startFakeTelegramServer } from '../test/fakes/telegram-api-server.ts';
import { waitUntil } from '../test/support/wait-until.ts';
import { benchEnv, REDIS_URL } from './support.ts';

const TOKEN = '123456789:AAHbenchTokenForTheFakeBotApiServer';

export interface FanoutResult {
  limit: number | null;
  messages: number;
  /** Wall time from starting the worker to the last delivery, start-up included. */
  seconds: number;
  /** The window the rate is measured over: first to last message accepted by the fake server. */
  windowSeconds: number;
  achieved: number;
  ratio: number | null;
  /** CPU time of this process (worker and fake server) per message while sending, in ms. */
  cpuMsPerMessage: number;
  http429: number;
}

export async function fanout(
  messages: number,
  ratePerSecond: number | null,
  concurrency?: number,
): Promise<FanoutResult> {
  const env = await benchEnv('fanout');
  const fake = await startFakeTelegramServer({
    token: TOKEN,
    globalRatePerSecond: ratePerSecond,
    perChatPerSecond: 1,
  });
  const connection = redisConnectionOptions(REDIS_URL);
  const queues = createQueues({ connection, prefix: env.prefix });
  const outbox = createOutbox({ db: env.db, queue: queues.outbox });
  const channels = new Map<ChannelId, Channel>([
    ['telegram', new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot })],
  ]);
  try {
    const items = Array.from({ length: messages }, (_, i) => ({
      dedupKey: `bench-${i}`,
      kind: 'reminder' as const,
      officerId: null,
      to: { channel: 'telegram' as const, chatId: String(100_000 + i) },
      message: { text: `Nhắc việc Đề án 06: #${i % 42} sắp đến hạn (còn 3 ngày)` },
    }));
    for (let i = 0; i < items.length; i += 500) await outbox.enqueue(items.slice(i, i + 500));
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    const worker = createDeliveryWorker({
      db: env.db,
      connection,
      prefix: env.prefix,
      channels,
      ratePerSecond,
      perChatIntervalMs: 1100,
      ...(concurrency === undefined ? {} : { concurrency }),
    });
    await waitUntil(() => fake.sent().length >= messages, 180_000, `${messages} messages delivered`);
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    await worker.close();
    // The rate the platform sees: messages accepted over the span from the first to the last one
    // (the worker's start-up — connections, first queries — is not sending time).
    const times = fake.sent().map((c) => c.at);
    const span = (Math.max(...times) - Math.min(...times)) / 1000;
    const achieved = (messages - 1) / span;
    return {
      limit: ratePerSecond,
      messages,
      seconds,
      windowSeconds: span,
      achieved,
      ratio: ratePerSecond ? achieved / ratePerSecond : null,
      cpuMsPerMessage: (cpu.user + cpu.system) / 1000 / messages,
      http429: fake.http429Count,
    };
  } finally {
    await queues.close();
    await fake.close();
    await env.close();
  }
}
