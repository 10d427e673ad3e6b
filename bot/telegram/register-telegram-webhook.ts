/**
 * Telegram webhook mode: a fastify route that receives updates, and the setWebhook call that points
 * Telegram at it.
 *
 * Telegram sends the secret given to setWebhook in `X-Telegram-Bot-Api-Secret-Token`, waits at most 60 s
 * for the answer and repeats the update on any non-2xx answer. So: wrong secret -> 401 before the body is
 * read; an update that could not be stored -> 500 (redelivered; storing is idempotent on update_id);
 * stored -> 200 at once (the update is handled afterwards from the inbound queue). telegraf's own `webhookCallback` is not used: it answers 200 even when the
 * update failed, and it expects to read the body stream that fastify has already consumed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import { z } from 'zod';
import { TELEGRAM_ALLOWED_UPDATES, type TelegramLogger } from './create-telegram-bot.ts';

/** Default path of the webhook route. */
export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';
/** The secret header, lower-cased as Node delivers it. */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Largest accepted update body. */
export const TELEGRAM_WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** What the route hands updates to: the `TelegramBot` from `createTelegramBot` (it rejects on failure). */
export interface TelegramUpdateSink {
  handleUpdate(update: Update): Promise<void>;
}

export interface TelegramWebhookOptions {
  /** @defaultValue {@link TELEGRAM_WEBHOOK_PATH} */
  path?: string;
  /** The `secret_token` given to setWebhook (1-256 of `A-Z a-z 0-9 _ -`). */
  secretToken: string;
  bot: TelegramUpdateSink;
  logger: TelegramLogger;
}

const updateBodySchema = z.looseObject({ update_id: z.number().int().nonnegative() });

/**
 * Adds `POST <path>` to `app` (call before `listen`/`ready`). Answers 401 for a missing or wrong secret,
 * 400 for a body that is not an update, 500 when it could not be stored, else 200 `{ ok: true }`.
 */
export function registerTelegramWebhook(app: FastifyInstance, options: TelegramWebhookOptions): void {
  const { bot, logger } = options;
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(options.secretToken)) {
    throw new Error('Telegram webhook secret must be 1-256 characters of A-Z a-z 0-9 _ -');
  }
  const expected = digest(options.secretToken);

  app.post(
    options.path ?? TELEGRAM_WEBHOOK_PATH,
    {
      bodyLimit: TELEGRAM_WEBHOOK_BODY_LIMIT,
      // Runs before the body is parsed: an unauthenticated request costs no parsing.
      onRequest: async (request, reply) => {
        const given = request.headers[TELEGRAM_SECRET_HEADER];
        if (typeof given === 'string' && timingSafeEqual(digest(given), expected)) return;
        logger.warn({ ip: request.ip }, 'telegram webhook: missing or wrong secret token');
        await reply.code(401).send({ ok: false, error: 'unauthorized' });
      },
    },
    async (request, reply) => {
      const body = updateBodySchema.safeParse(asJson(request.body));
      if (!body.success) {
        logger.warn({}, 'telegram webhook: body is not an update');
        return reply.code(400).send({ ok: false, error: 'not a Telegram update' });
      }
      const update = body.data as unknown as Update;
      try {
        await bot.handleUpdate(update);
      } catch (error) {
        logger.error({ err: error, updateId: update.update_id }, 'telegram webhook: update failed');
        return reply.code(500).send({ ok: false, error: 'update failed' });
      }
      return reply.code(200).send({ ok: true });
    },
  );
}

/** Options of {@link setTelegramWebhook}. */
export interface SetTelegramWebhookOptions {
  /** Public https URL of the route, e.g. `https://bot.example.vn/webhooks/telegram`. */
  url: string;
  secretToken: string;
}

/**
 * Points Telegram at the webhook, keeping the pending updates and asking for the same update types as
 * long polling.
 */
export async function setTelegramWebhook(
  telegram: Pick<Telegram, 'setWebhook'>,
  options: SetTelegramWebhookOptions,
): Promise<void> {
  await telegram.setWebhook(options.url, {
    secret_token: options.secretToken,
    allowed_updates: [...TELEGRAM_ALLOWED_UPDATES],
    drop_pending_updates: false,
  });
}

/** Fixed-length digests, so that comparing them is constant-time whatever the lengths given. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The parsed JSON body; also accepts a raw body in case a buffer/string content parser is installed. */
function asJson(body: unknown): unknown {
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return body;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
