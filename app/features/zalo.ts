/**
 * Wiring of the Zalo OA channel (issue 5), when `ZALO_APP_ID`, `ZALO_APP_SECRET` and `ZALO_OA_SECRET_KEY`
 * are set:
 * - the token manager over the `zalo_token` row (refresh ahead of expiry and after -216/-220, under a
 *   cross-process lock; a refused refresh alerts the admins once on their other channels);
 * - the OpenAPI client and the `zalo` channel used by the outbox (an outside-window refusal falls back to
 *   the officer's Telegram there);
 * - `POST /webhooks/zalo` on the HTTP server (not in the worker role);
 * - in processes that run the outbox worker: an hourly token check (a refresh chain left alone for 3
 *   months dies) and a check every minute for officers newly unreachable on Zalo with no fallback, of
 *   whom the admins are told once.
 */
import { registerZaloWebhook } from '../../bot/zalo/register-zalo-webhook.ts';
import { ZaloChannel } from '../../bot/zalo/zalo-channel.ts';
import { ZaloClient } from '../../bot/zalo/zalo-client.ts';
import { ZALO_REAUTHORISE_HINT, ZaloTokenManager } from '../../bot/zalo/zalo-token-manager.ts';
import type { AlertDeps } from '../../handlers/delivery/alert-admins.ts';
import { alertZaloTokenBroken, notifyUnreachableZaloOfficers } from '../../handlers/zalo/zalo-alerts.ts';
import { createZaloTokenStore, readZaloTokenStatus } from '../../store/zalo-tokens.ts';
import type { Feature, FeatureDeps } from './feature.ts';

/** How often the token is checked (and refreshed when less than an hour is left). */
const TOKEN_CHECK_INTERVAL_MS = 60 * 60 * 1000;
/** How often officers newly unreachable on Zalo are looked for. */
const UNREACHABLE_CHECK_INTERVAL_MS = 60 * 1000;

export async function startZaloFeature(deps: FeatureDeps): Promise<Feature> {
  const { config, db, logger, now } = deps;
  if (!config.zalo.enabled) return {};
  const zalo = config.zalo;
  const alertDeps = (): AlertDeps => ({
    db,
    outbox: deps.outbox,
    now,
    channels: new Set(deps.channels.keys()),
  });

  const tokens: ZaloTokenManager = new ZaloTokenManager({
    store: createZaloTokenStore(db),
    refresh: (refreshToken, at) => client.refreshAccessToken(refreshToken, at),
    now,
    logger,
    onBroken: async (broken) => {
      await alertZaloTokenBroken(alertDeps(), broken);
    },
  });
  const client = new ZaloClient({
    apiBase: zalo.apiBase,
    oauthBase: zalo.oauthBase,
    appId: zalo.appId,
    appSecret: zalo.appSecret,
    getAccessToken: () => tokens.getAccessToken(),
    onAuthError: (refused) => tokens.refreshAfterAuthError(refused),
  });
  deps.channels.set('zalo', new ZaloChannel(client));

  if (deps.server) {
    registerZaloWebhook(deps.server, {
      appId: zalo.appId,
      oaSecretKey: zalo.oaSecretKey,
      accept: (message) => deps.intake.accept(message),
      now,
      logger,
    });
  }

  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, task: () => Promise<unknown>, failure: string) => {
    const timer = setInterval(() => {
      task().catch((error: unknown) => logger.warn({ err: error }, failure));
    }, ms);
    timer.unref();
    timers.push(timer);
  };
  if (deps.role !== 'bot') {
    every(TOKEN_CHECK_INTERVAL_MS, () => tokens.getAccessToken(), 'Zalo OA token check failed');
    every(
      UNREACHABLE_CHECK_INTERVAL_MS,
      () => notifyUnreachableZaloOfficers(alertDeps()),
      'could not tell the admins about officers unreachable on Zalo',
    );
  }

  return {
    async started() {
      const status = await readZaloTokenStatus(db);
      if (!status) logger.warn(`Zalo: no OA token is stored yet; ${ZALO_REAUTHORISE_HINT}`);
      else if (status.brokenAt) logger.error(`Zalo: the OA token is broken; ${ZALO_REAUTHORISE_HINT}`);
      else logger.info({ accessExpiresAt: status.accessExpiresAt.toISOString() }, 'Zalo: OA token loaded');
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
