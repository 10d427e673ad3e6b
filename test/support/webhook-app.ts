/**
 * The service in webhook mode for fault and security tests: the in-process app of `app.ts` with
 * TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET set (so `POST /webhooks/telegram` exists), the seed
 * plan imported, and one officer of the provincial People's Committee office linked to a Telegram chat.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { TELEGRAM_WEBHOOK_PATH } from '../../bot/telegram/register-telegram-webhook.ts';
import { importPlan } from '../../handlers/plan-import/import-plan.ts';
import { resolveAgencyId } from '../../store/agencies.ts';
import { createInvite, createOfficer } from '../../store/officers.ts';
import type { FakeTelegram } from '../fakes/telegram-api-server.ts';
import { startTestApp, TEST_BOT_TOKEN, type TestApp } from './app.ts';
import { waitUntil } from './wait-until.ts';

export { TEST_BOT_TOKEN };

export const WEBHOOK_SECRET = 'fault_tests_webhook_secret_0123456789';
/** The linked officer's Telegram user (private chat id = user id); VP UBND leads task #2 of the seed plan. */
export const OFFICER_USER = { id: 6001, first_name: 'Lan', language_code: 'vi' };

const SEED = path.resolve(import.meta.dirname, '../../domain/plan/__fixtures__/003_9b0c4ba75028efa0.txt');

export interface WebhookApp extends TestApp {
  /**
   * POSTs `body` (an object is sent as JSON) to the webhook route, with the right secret unless given. After
   * a 200 it waits until the inbound queue handled the update, unless `handled: false`.
   */
  post(
    body: unknown,
    options?: { secret?: string | null; rawPayload?: string; handled?: boolean },
  ): Promise<LightMyRequestResponse>;
  /** Waits until the stored update `updateId` was handled (its outcome is no longer `received`). */
  handled(updateId: number | string, timeoutMs?: number): Promise<void>;
  /** A text message update from the officer. */
  textUpdate(updateId: number, text: string): object;
}

let nextMessageId = 1;

export async function startWebhookApp(fake: FakeTelegram): Promise<WebhookApp> {
  const app = await startTestApp({
    telegram: fake,
    env: {
      TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/telegram',
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
  });
  const server = app.runtime.server;
  if (!server) throw new Error('the test app has no HTTP server');
  const handled: WebhookApp['handled'] = async (updateId, timeoutMs = 20_000) => {
    await waitUntil(
      async () =>
        (await app.database.db.inboundMessage.count({
          where: { channel: 'telegram', platformId: String(updateId), outcome: { not: 'received' } },
        })) === 1,
      timeoutMs,
      `update ${updateId} handled`,
    );
  };
  const post: WebhookApp['post'] = async (body, options = {}) => {
    const secret = options.secret === undefined ? WEBHOOK_SECRET : options.secret;
    const answer = await server.inject({
      method: 'POST',
      url: TELEGRAM_WEBHOOK_PATH,
      headers: {
        'content-type': 'application/json',
        ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      },
      payload: options.rawPayload ?? JSON.stringify(body),
    });
    const updateId = (body as { update_id?: unknown } | null)?.update_id;
    if (answer.statusCode === 200 && options.handled !== false && typeof updateId === 'number') {
      await handled(updateId);
    }
    return answer;
  };
  const textUpdate = (updateId: number, text: string) => ({
    update_id: updateId,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: OFFICER_USER.id, type: 'private', first_name: OFFICER_USER.first_name },
      from: { ...OFFICER_USER, is_bot: false },
      text,
    },
  });
  const db = app.database.db;
  await importPlan(db, { bytes: readFileSync(SEED), fileName: '003.txt', dryRun: false });
  const vpub = await resolveAgencyId(db, 'VP UBND tỉnh');
  const officer = await createOfficer(db, {
    name: 'Trần Thị Lan',
    agencyId: vpub!.id,
    role: 'officer',
    locale: 'vi',
  });
  const { code } = await createInvite(db, { officerId: officer.id, purpose: 'officer', now: new Date() });
  const linked = await post(textUpdate(700_000, `/start ${code}`));
  if (linked.statusCode !== 200) throw new Error(`linking failed: ${linked.statusCode} ${linked.body}`);
  await fake.waitFor(
    (c) => c.method === 'sendMessage' && /Xin chào Trần Thị Lan/u.test(String(c.params['text'])),
    15_000,
  );
  return { ...app, post, handled, textUpdate };
}
