/**
 * Wiring of the operations feature: readiness checks of the enabled channels (GET /ready), Prometheus
 * metrics (GET /metrics, behind METRICS_TOKEN when set) with webhook latency, and the queue dashboard
 * (/admin/queues, only with ADMIN_TOKEN). Nothing in the worker role: it has no HTTP server.
 */
import { Queue } from 'bullmq';
import { readZaloTokenStatus } from '../../store/zalo-tokens.ts';
import { addChannelReadinessCheck } from '../http-server.ts';
import { requireToken } from '../ops/bearer-auth.ts';
import { cached, telegramCheck, zaloCheck } from '../ops/channel-checks.ts';
import { createOpsMetrics } from '../ops/metrics.ts';
import { mountQueueDashboard, QUEUE_DASHBOARD_PATH } from '../ops/queue-dashboard.ts';
import type { Feature, FeatureDeps } from './feature.ts';

const CHANNEL_CHECK_TIMEOUT_MS = 3000;
const WEBHOOK_ROUTES = /^\/webhooks\//u;

export async function startOpsFeature(deps: FeatureDeps): Promise<Feature> {
  const { server, config, logger } = deps;
  if (!server) return {};

  const ttlMs = config.readyChannelCacheSeconds * 1000;
  if (config.telegram.enabled) {
    const check = telegramCheck({
      apiRoot: config.telegram.apiRoot,
      token: config.telegram.token,
      timeoutMs: CHANNEL_CHECK_TIMEOUT_MS,
    });
    addChannelReadinessCheck(server, 'telegram', cached(check, { ttlMs }));
  }
  if (config.zalo.enabled) {
    const check = zaloCheck({
      apiBase: config.zalo.apiBase,
      timeoutMs: CHANNEL_CHECK_TIMEOUT_MS,
      readToken: () => readZaloTokenStatus(deps.db),
      now: deps.now,
    });
    addChannelReadinessCheck(server, 'zalo', cached(check, { ttlMs }));
  }

  // Every BullMQ queue the runtime opened (features may add theirs to `queues`).
  const queues = Object.values(deps.queues).filter((value): value is Queue => value instanceof Queue);
  const metrics = createOpsMetrics({ db: deps.db, queues });
  server.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route && WEBHOOK_ROUTES.test(route)) {
      metrics.observeWebhook(route, reply.statusCode, reply.elapsedTime / 1000);
    }
  });
  server.get(
    '/metrics',
    config.metricsToken ? { onRequest: requireToken(config.metricsToken) } : {},
    async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()),
  );

  if (config.adminToken) {
    mountQueueDashboard(server, { queues, adminToken: config.adminToken });
  } else {
    logger.info(`queue dashboard disabled: set ADMIN_TOKEN to open ${QUEUE_DASHBOARD_PATH}`);
  }
  return {};
}
