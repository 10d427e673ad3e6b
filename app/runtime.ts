/**
 * Builds and starts the running parts of the service from explicit dependencies: the outbox and its
 * delivery worker, the channels, the conversation handler, the Telegram bot (polling or webhook), the
 * features (app/features: Zalo, reminders, digests, administration, operations) and the HTTP server.
 * `npm start`, `npm run worker`, the demo and the end-to-end tests all use it.
 */
import type { Redis } from 'ioredis';
import { Telegram } from 'telegraf';
import { publishCommands } from '../bot/telegram/bot-commands.ts';
import { createTelegramBot, type TelegramBot } from '../bot/telegram/create-telegram-bot.ts';
import { registerTelegramWebhook, setTelegramWebhook } from '../bot/telegram/register-telegram-webhook.ts';
import { TelegramChannel } from '../bot/telegram/telegram-channel.ts';
import type { Channel, ChannelId } from '../handlers/channel.ts';
import type { CommandDeps } from '../handlers/commands/chat-command.ts';
import { createInboundHandler } from '../handlers/conversation/create-inbound-handler.ts';
import { alertAdmins } from '../handlers/delivery/alert-admins.ts';
import { notifyUnreachableOfficers } from '../handlers/delivery/notify-unreachable-officers.ts';
import type { InboundHandler, InboundIntake } from '../handlers/inbound.ts';
import type { Outbox } from '../handlers/outbox.ts';
import { createInboundIntake } from '../jobs/inbound/inbound-intake.ts';
import { createInboundWorker, type InboundWorker } from '../jobs/inbound/inbound-worker.ts';
import { reconcileInbound } from '../jobs/inbound/reconcile-inbound.ts';
import { createDeliveryWorker, type DeliveryWorker } from '../jobs/outbox/delivery-worker.ts';
import { createOutbox } from '../jobs/outbox/outbox.ts';
import { reconcileOutboxOncePerCluster } from '../jobs/outbox/reconcile-outbox.ts';
import { createQueues, type Queues, redisConnectionOptions } from '../jobs/queues.ts';
import { type PrismaClient, pingDatabase } from '../store/prisma-client.ts';
import type { Config } from './config.ts';
import { pingRedis } from './connect.ts';
import { startAdminFeature } from './features/admin.ts';
import { startDigestFeature } from './features/digest.ts';
import type { Feature, FeatureDeps, Role } from './features/feature.ts';
import { startOpsFeature } from './features/ops.ts';
import { startRemindersFeature } from './features/reminders.ts';
import { startWebFeature } from './features/web.ts';
import { startZaloFeature } from './features/zalo.ts';
import { createHttpServer } from './http-server.ts';
import type { Logger } from './logger.ts';

export type { Role };

export interface RuntimeDeps {
  config: Config;
  role: Role;
  db: PrismaClient;
  redis: Redis;
  logger: Logger;
  now?: () => Date;
  /** Start listening on config.host:config.port. @defaultValue true */
  listen?: boolean;
}

export interface Runtime {
  outbox: Outbox;
  queues: Queues;
  /** Stores inbound messages and queues their handling (what the webhooks and polling call). */
  intake: InboundIntake;
  handler: InboundHandler;
  channels: Map<ChannelId, Channel>;
  telegram: TelegramBot | null;
  server: ReturnType<typeof createHttpServer> | null;
  worker: DeliveryWorker | null;
  inboundWorker: InboundWorker | null;
  features: Feature[];
  /** Stops intake first, then finishes in-flight jobs, then closes queues. Safe to call twice. */
  close(): Promise<void>;
}

/** How often open deliveries are re-queued from PostgreSQL (once per cluster) and how old they must be. */
const RECONCILE_PERIOD_MS = 60_000;

const FEATURES = [
  startOpsFeature,
  startZaloFeature,
  startRemindersFeature,
  startDigestFeature,
  startAdminFeature,
  startWebFeature,
];

/** What the chat commands run with: every feature's contribution, over defaults that refuse politely. */
function commandDepsOf(features: readonly Feature[], channels: Map<ChannelId, Channel>): CommandDeps {
  const base: CommandDeps = {
    files: { fetch: (channel) => Promise.reject(new Error(`no file download on ${channel}`)) },
    enabledChannels: () => new Set(channels.keys()),
  };
  return Object.assign(base, ...features.map((f) => f.commandDeps ?? {}));
}

export async function startRuntime(deps: RuntimeDeps): Promise<Runtime> {
  const { config, logger, db } = deps;
  const now = deps.now ?? (() => new Date());
  const connection = redisConnectionOptions(config.redisUrl);
  const queues = createQueues({ connection, prefix: config.queuePrefix });
  const outbox = createOutbox({ db, queue: queues.outbox });
  const channels = new Map<ChannelId, Channel>();
  if (config.telegram.enabled) {
    channels.set(
      'telegram',
      new TelegramChannel({ token: config.telegram.token, apiRoot: config.telegram.apiRoot }),
    );
  }
  const server =
    deps.role === 'worker'
      ? null
      : createHttpServer({
          logger,
          checks: { database: () => pingDatabase(db), redis: () => pingRedis(deps.redis) },
          channels: { telegram: config.telegram.enabled, zalo: config.zalo.enabled },
          version: config.version,
        });

  const intake = createInboundIntake({ db, queue: queues.inbound, logger });
  const featureDeps: FeatureDeps = {
    config,
    role: deps.role,
    db,
    redis: deps.redis,
    connection,
    logger,
    now,
    outbox,
    queues,
    channels,
    server,
    intake,
  };
  const features: Feature[] = [];
  for (const start of FEATURES) features.push(await start(featureDeps));
  // Tells the admins about officers newly unreachable (one message per officer and episode); runs after a
  // send or an update found a chat unreachable, and on the maintenance timer. Concurrent calls coalesce.
  let telling: Promise<unknown> | null = null;
  const tellAdminsAboutUnreachable = (): Promise<unknown> => {
    telling ??= notifyUnreachableOfficers({ db, outbox, now, channels: new Set(channels.keys()) })
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'could not tell the admins about unreachable officers'),
      )
      .finally(() => {
        telling = null;
      });
    return telling;
  };
  const handler = createInboundHandler(
    { db, outbox, now, logger, onChatUnreachable: tellAdminsAboutUnreachable },
    commandDepsOf(features, channels),
  );

  let worker: DeliveryWorker | null = null;
  let inboundWorker: InboundWorker | null = null;
  let reconcile: NodeJS.Timeout | null = null;
  if (deps.role !== 'bot') {
    inboundWorker = createInboundWorker({
      db,
      connection,
      prefix: config.queuePrefix,
      handler,
      logger,
      onGaveUp: async (row, error) => {
        const detail = (error instanceof Error ? error.message : String(error)).slice(0, 300);
        await alertAdmins(
          { db, outbox, now, channels: new Set(channels.keys()) },
          {
            key: `inbound-failed-${row.id}-${row.attempts + 1}`,
            text: (m) => m.inboundFailed(row.id, row.message.channel, row.message.chatId, detail),
          },
        );
      },
    });
    worker = createDeliveryWorker({
      db,
      connection,
      prefix: config.queuePrefix,
      channels,
      ratePerSecond: config.outboxRatePerSecond,
      perChatIntervalMs: config.outboxPerChatIntervalMs,
      onChatUnreachable: () => void tellAdminsAboutUnreachable(),
      logger,
    });
    // Every worker process runs the timer; the Redis period key lets one of them do the work.
    reconcile = setInterval(() => {
      reconcileOutboxOncePerCluster(deps.redis, config.queuePrefix, RECONCILE_PERIOD_MS - 1_000, {
        db,
        queue: queues.outbox,
        olderThanMs: RECONCILE_PERIOD_MS,
      })
        .then(() => tellAdminsAboutUnreachable())
        .catch((error: unknown) => logger.warn({ err: error }, 'outbox reconciliation failed'));
      reconcileInbound({ db, queue: queues.inbound, now: new Date(), olderThanMs: 60_000 }).catch(
        (error: unknown) => logger.warn({ err: error }, 'inbound reconciliation failed'),
      );
    }, RECONCILE_PERIOD_MS);
    reconcile.unref();
  }

  let telegram: TelegramBot | null = null;
  if (server && config.telegram.enabled) {
    telegram = createTelegramBot({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      intake,
      logger,
      now,
    });
    const api = new Telegram(config.telegram.token, { apiRoot: config.telegram.apiRoot });
    await publishCommands(api).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not publish the command menu'),
    );
    if (config.telegram.mode === 'webhook' && config.telegram.webhookUrl && config.telegram.webhookSecret) {
      registerTelegramWebhook(server, { secretToken: config.telegram.webhookSecret, bot: telegram, logger });
      await setTelegramWebhook(api, {
        url: config.telegram.webhookUrl,
        secretToken: config.telegram.webhookSecret,
      });
      logger.info('Telegram: receiving updates by webhook');
    } else {
      telegram.startPolling();
      logger.info('Telegram: receiving updates by long polling');
    }
  }
  if (server && deps.listen !== false) await server.listen({ host: config.host, port: config.port });
  for (const feature of features) await feature.started?.();

  let closed = false;
  return {
    outbox,
    queues,
    intake,
    handler,
    channels,
    telegram,
    server,
    worker,
    inboundWorker,
    features,
    async close() {
      if (closed) return;
      closed = true;
      await telegram?.stop();
      await server?.close();
      if (reconcile) clearInterval(reconcile);
      for (const feature of [...features].reverse()) {
        await feature
          .close?.()
          .catch((error: unknown) => logger.error({ err: error }, 'feature failed to close'));
      }
      await inboundWorker?.close();
      await worker?.close();
      await queues.close();
    },
  };
}
