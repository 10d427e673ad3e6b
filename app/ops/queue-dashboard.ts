/**
 * The queue dashboard (Bull Board) at /admin/queues, for operators holding ADMIN_TOKEN: every route of it,
 * the page, its assets and its API, answers 401 without the token. The token goes in
 * `Authorization: Bearer <token>`, or as the password of the browser's login prompt (HTTP Basic, any
 * user name), since a browser cannot add a Bearer header to the page's own requests.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { requireToken } from './bearer-auth.ts';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

export function mountQueueDashboard(
  server: FastifyInstance,
  options: { queues: readonly Queue[]; adminToken: string; path?: string },
): void {
  const path = options.path ?? QUEUE_DASHBOARD_PATH;
  const adapter = new FastifyAdapter();
  adapter.setBasePath(path);
  createBullBoard({
    queues: options.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Đề án 06 bot' } },
  });
  // One encapsulated scope: the token check covers every route Bull Board adds, and nothing else.
  void server.register(
    async (scope) => {
      scope.addHook('onRequest', requireToken(options.adminToken, 'deanbot admin'));
      await scope.register(adapter.registerPlugin());
    },
    { prefix: path },
  );
}
