/**
 * The service's HTTP server (fastify): health and readiness now; channel webhooks are registered on it
 * by the channel adapters.
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
    const { database, redis } = await runChecks();
    const ready = database && redis;
    return reply.code(ready ? 200 : 503).send({ ready, database, redis });
  });

  return app;
}
