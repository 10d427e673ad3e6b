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

/**
 * Starts the service's parts in this order: queues and outbox, channels, the HTTP server (not for a
 * worker), inbound intake, the features, the inbound handler, the workers and their reconciliation timer
 * (not for a bot), the Telegram bot (with a server), then listens and tells each feature it has started.
 * `close()` stops them in the order {@link closeRuntime} states.
 */
export async function startRuntime(deps: RuntimeDeps): Promise<Runtime> {
  const { config, logger, db } = deps;
  const now = deps.now ?? (() => new Date());
  const connection = redisConnectionOptions(config.redisUrl);
  const queues = createQueues({ connection, prefix: config.queuePrefix });
  const outbox = createOutbox({ db, queue: queues.outbox });
  const channels = createChannels(config);
  const server = deps.role === 'worker' ? null : createServer(deps);
  const intake = createInboundIntake({ db, queue: queues.inbound, logger });
  const features = await startFeatures({
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
  });
  const tellAdminsAboutUnreachable = unreachableOfficersNotifier({ db, outbox, now, channels, logger });
  const handler = createInboundHandler(
    { db, outbox, now, logger, onChatUnreachable: tellAdminsAboutUnreachable },
    commandDepsOf(features, channels),
  );
  const workers: Workers =
    deps.role === 'bot'
      ? { worker: null, inboundWorker: null, reconcile: null }
      : startWorkers({
          ...deps,
          now,
          connection,
          queues,
          outbox,
          channels,
          handler,
          tellAdminsAboutUnreachable,
        });
  const telegram =
    server && config.telegram.enabled
      ? await startTelegram(config.telegram, { server, intake, now, logger })
      : null;
  if (server && deps.listen !== false) await server.listen({ host: config.host, port: config.port });
  for (const feature of features) await feature.started?.();

  const { worker, inboundWorker, reconcile } = workers;
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
      await closeRuntime({ telegram, server, reconcile, features, inboundWorker, worker, queues }, logger);
    },
  };
}

/** The outbound channels the outbox delivers through: Telegram when configured (Zalo's is a feature's). */
function createChannels(config: Config): Map<ChannelId, Channel> {
  const channels = new Map<ChannelId, Channel>();
  if (config.telegram.enabled) {
    channels.set(
      'telegram',
      new TelegramChannel({ token: config.telegram.token, apiRoot: config.telegram.apiRoot }),
    );
  }
  return channels;
}

/** The HTTP server with its health checks (database, Redis) and the enabled channels; not yet listening. */
function createServer(deps: RuntimeDeps): ReturnType<typeof createHttpServer> {
  const { config, db } = deps;
  return createHttpServer({
    logger: deps.logger,
    checks: { database: () => pingDatabase(db), redis: () => pingRedis(deps.redis) },
    channels: { telegram: config.telegram.enabled, zalo: config.zalo.enabled },
    version: config.version,
  });
}

/** Starts the features one after another, in the order of {@link FEATURES}. */
async function startFeatures(featureDeps: FeatureDeps): Promise<Feature[]> {
  const features: Feature[] = [];
  for (const start of FEATURES) features.push(await start(featureDeps));
  return features;
}

/**
 * Tells the admins about officers newly unreachable (one message per officer and episode); runs after a
 * send or an update found a chat unreachable, and on the maintenance timer. Concurrent calls coalesce
 * into the one running; a failure is logged, never thrown.
 */
function unreachableOfficersNotifier(deps: {
  db: PrismaClient;
  outbox: Outbox;
  now: () => Date;
  channels: Map<ChannelId, Channel>;
  logger: Logger;
}): () => Promise<unknown> {
  const { db, outbox, now, channels, logger } = deps;
  let telling: Promise<unknown> | null = null;
  return () => {
    telling ??= notifyUnreachableOfficers({ db, outbox, now, channels: new Set(channels.keys()) })
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'could not tell the admins about unreachable officers'),
      )
      .finally(() => {
        telling = null;
      });
    return telling;
  };
}

/** What {@link startWorkers} needs: the runtime's dependencies and the parts already started. */
interface WorkerDeps extends RuntimeDeps {
  now: () => Date;
  connection: ReturnType<typeof redisConnectionOptions>;
  queues: Queues;
  outbox: Outbox;
  channels: Map<ChannelId, Channel>;
  handler: InboundHandler;
  tellAdminsAboutUnreachable: () => Promise<unknown>;
}

/** The workers a worker process runs: inbound handling, then delivery, then the reconciliation timer. */
interface Workers {
  worker: DeliveryWorker | null;
  inboundWorker: InboundWorker | null;
  reconcile: NodeJS.Timeout | null;
}

/** Starts the inbound worker (alerting the admins of a message it gave up on), the delivery worker and the timer. */
function startWorkers(deps: WorkerDeps): Workers {
  const { config, db, connection, logger, channels } = deps;
  const inboundWorker = createInboundWorker({
    db,
    connection,
    prefix: config.queuePrefix,
    handler: deps.handler,
    logger,
    onGaveUp: async (row, error) => {
      const detail = (error instanceof Error ? error.message : String(error)).slice(0, 300);
      await alertAdmins(
        { db, outbox: deps.outbox, now: deps.now, channels: new Set(channels.keys()) },
        {
          key: `inbound-failed-${row.id}-${row.attempts + 1}`,
          text: (m) => m.inboundFailed(row.id, row.message.channel, row.message.chatId, detail),
        },
      );
    },
  });
  const worker = createDeliveryWorker({
    db,
    connection,
    prefix: config.queuePrefix,
    channels,
    ratePerSecond: config.outboxRatePerSecond,
    perChatIntervalMs: config.outboxPerChatIntervalMs,
    onChatUnreachable: () => void deps.tellAdminsAboutUnreachable(),
    logger,
  });
  return { worker, inboundWorker, reconcile: startReconcileTimer(deps) };
}

/**
 * Every {@link RECONCILE_PERIOD_MS}: re-queues open deliveries (once per cluster; every worker process
 * runs the timer and the Redis period key lets one of them do the work), then tells the admins about
 * unreachable officers; re-queues inbound messages left unhandled. Failures are logged. The timer does
 * not keep the process alive.
 */
function startReconcileTimer(deps: WorkerDeps): NodeJS.Timeout {
  const { config, db, queues, logger } = deps;
  const reconcile = setInterval(() => {
    reconcileOutboxOncePerCluster(deps.redis, config.queuePrefix, RECONCILE_PERIOD_MS - 1_000, {
      db,
      queue: queues.outbox,
      olderThanMs: RECONCILE_PERIOD_MS,
    })
      .then(() => deps.tellAdminsAboutUnreachable())
      .catch((error: unknown) => logger.warn({ err: error }, 'outbox reconciliation failed'));
    reconcileInbound({ db, queue: queues.inbound, now: new Date(), olderThanMs: 60_000 }).catch(
      (error: unknown) => logger.warn({ err: error }, 'inbound reconciliation failed'),
    );
  }, RECONCILE_PERIOD_MS);
  reconcile.unref();
  return reconcile;
}

/**
 * Creates the Telegram bot, publishes its command menu (a failure is logged) and starts receiving
 * updates: by webhook on the server when a webhook URL and secret are configured, else by long polling.
 */
async function startTelegram(
  config: Extract<Config['telegram'], { enabled: true }>,
  parts: {
    server: ReturnType<typeof createHttpServer>;
    intake: InboundIntake;
    now: () => Date;
    logger: Logger;
  },
): Promise<TelegramBot> {
  const { server, logger } = parts;
  const telegram = createTelegramBot({
    token: config.token,
    apiRoot: config.apiRoot,
    intake: parts.intake,
    logger,
    now: parts.now,
  });
  const api = new Telegram(config.token, { apiRoot: config.apiRoot });
  await publishCommands(api).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not publish the command menu'),
  );
  if (config.mode === 'webhook' && config.webhookUrl && config.webhookSecret) {
    registerTelegramWebhook(server, { secretToken: config.webhookSecret, bot: telegram, logger });
    await setTelegramWebhook(api, {
      url: config.webhookUrl,
      secretToken: config.webhookSecret,
    });
    logger.info('Telegram: receiving updates by webhook');
  } else {
    telegram.startPolling();
    logger.info('Telegram: receiving updates by long polling');
  }
  return telegram;
}

/**
 * Stops intake first (the Telegram bot, then the HTTP server), then the reconciliation timer, then the
 * features in reverse start order (a failure is logged and the others still close), then finishes
 * in-flight jobs (inbound worker, delivery worker) and closes the queues.
 */
async function closeRuntime(
  parts: Pick<Runtime, 'telegram' | 'server' | 'features' | 'inboundWorker' | 'worker' | 'queues'> & {
    reconcile: NodeJS.Timeout | null;
  },
  logger: Logger,
): Promise<void> {
  await parts.telegram?.stop();
  await parts.server?.close();
  if (parts.reconcile) clearInterval(parts.reconcile);
  for (const feature of [...parts.features].reverse()) {
    await feature
      .close?.()
      .catch((error: unknown) => logger.error({ err: error }, 'feature failed to close'));
  }
  await parts.inboundWorker?.close();
  await parts.worker?.close();
  await parts.queues.close();
}
