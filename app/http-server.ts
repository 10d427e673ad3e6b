/**
 * The service's HTTP server (fastify): health and readiness now; channel webhooks are registered on it
 * by the channel adapters. Readiness also asks each enabled channel whether its platform answers: the
 * operations feature adds those checks with {@link addChannelReadinessCheck}.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from './logger.ts';

export interface HealthChecks {
  database: () => Promise<boolean>;
  redis: () => Promise<boolean>;
}

export interface HttpServerDeps {
  logger: Logger;
  checks: HealthChecks;
  channels: { telegram: boolean; zalo: boolean };
  version: string;
  /** Largest accepted request body. @defaultValue 1 MiB */
  bodyLimit?: number;
}

const channelChecks = new WeakMap<FastifyInstance, Map<string, () => Promise<boolean>>>();

/** Makes GET /ready also require `check` (a channel's platform answers); add before the first request. */
export function addChannelReadinessCheck(
  server: FastifyInstance,
  channel: string,
  check: () => Promise<boolean>,
): void {
  const checks = channelChecks.get(server) ?? new Map<string, () => Promise<boolean>>();
  checks.set(channel, check);
  channelChecks.set(server, checks);
}

export function createHttpServer(deps: HttpServerDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    return503OnClosing: true,
  });

  const runChecks = async () => {
    const [database, redis] = await Promise.all([deps.checks.database(), deps.checks.redis()]);
    return { database, redis };
  };

  app.get('/health', async () => {
    const { database, redis } = await runChecks();
    return {
      status: database && redis ? 'ok' : 'degraded',
      version: deps.version,
      database: { reachable: database },
      redis: { reachable: redis },
      channels: { telegram: { enabled: deps.channels.telegram }, zalo: { enabled: deps.channels.zalo } },
    };
  });

  app.get('/ready', async (_req, reply) => {
    const checks = [...(channelChecks.get(app) ?? new Map<string, () => Promise<boolean>>())];
    const [{ database, redis }, reachable] = await Promise.all([
      runChecks(),
      Promise.all(checks.map(([, check]) => check().catch(() => false))),
    ]);
    const channels = Object.fromEntries(checks.map(([name], i) => [name, reachable[i] === true]));
    const ready = database && redis && reachable.every(Boolean);
    return reply.code(ready ? 200 : 503).send({ ready, database, redis, channels });
  });

  return app;
}
