/**
 * The Telegram inbound adapter: a telegraf bot whose only middleware normalises every update with
 * {@link toIncomingMessage} and hands it to the inbound intake (stored, then handled from the inbound
 * queue). It decides nothing itself. In webhook mode a message that could not be stored makes the update
 * fail (the route answers 5xx and Telegram redelivers); in polling mode it is stored again with backoff
 * until it is, before the next updates are asked for (the offset does not move past it).
 *
 * telegraf 4.16.3 behaviour relied on (see docs/telegram.md):
 * - `bot.catch` defaults to rethrowing, which stops polling and kills the process: ours logs and swallows.
 * - `handlerTimeout` defaults to 90 s, longer than Telegram's 60 s webhook wait: ours is 50 s.
 * - `launch()` never resolves while polling: it is started without being awaited.
 * - `stop()` throws "Bot is not running!" until polling has really started (after getMe and deleteWebhook).
 */
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { InboundIntake } from '../../handlers/inbound.ts';
import { toIncomingMessage } from './to-incoming-message.ts';

/** The few logger methods the adapter uses (pino-compatible; bot/ may not import app/). */
export interface TelegramLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Update types the bot asks Telegram for, in polling and webhook mode alike. */
export const TELEGRAM_ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'callback_query',
  'my_chat_member',
] as const;

/** How long one update may take before telegraf gives up on it (below Telegram's 60 s webhook wait). */
export const TELEGRAM_HANDLER_TIMEOUT_MS = 50_000;

export interface CreateTelegramBotOptions {
  token: string;
  /** Bot API server. @defaultValue `https://api.telegram.org` */
  apiRoot?: string;
  intake: InboundIntake;
  logger: TelegramLogger;
  /** Polling mode: first delay before storing an update again after a failure (doubling up to 30 s). @defaultValue 500 */
  storeRetryMs?: number;
  /** Clock for callback queries, which carry no date. @defaultValue `() => new Date()` */
  now?: () => Date;
}

/** A running inbound adapter. */
export interface TelegramBot {
  /** The underlying telegraf instance (its `telegram` client is usable for commands and webhook setup). */
  readonly bot: Telegraf;
  /** Starts long polling in the background; a no-op when polling already ran on this instance. */
  startPolling(): void;
  /** Stops polling and waits for the updates in hand to finish; resolves at once when not polling. */
  stop(): Promise<void>;
  /**
   * Stores one update (webhook mode). Unlike telegraf's own `handleUpdate`, it rejects when the update
   * could not be stored, so that the webhook can answer 5xx and Telegram redelivers.
   */
  handleUpdate(update: Update): Promise<void>;
}

const TOO_OLD = /query is too old|query id is invalid/i;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds the inbound Telegram bot; nothing touches the network until an update or `startPolling`. */
export function createTelegramBot(options: CreateTelegramBotOptions): TelegramBot {
  const { intake, logger } = options;
  const storeRetryMs = options.storeRetryMs ?? 500;
  const now = options.now ?? (() => new Date());
  const bot = new Telegraf(options.token, {
    handlerTimeout: TELEGRAM_HANDLER_TIMEOUT_MS,
    telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  // Errors of the update being handled, read back by handleUpdate (telegraf itself swallows them).
  const failures = new WeakMap<object, unknown>();

  bot.catch((error, ctx) => {
    failures.set(ctx.update, error);
    logger.error({ err: error, updateId: ctx.update.update_id }, 'telegram update failed');
  });

  bot.use(async (ctx) => {
    const updateId = ctx.update.update_id;
    // The user sees a spinner until the query is answered: answer at once, without waiting for it.
    if (ctx.callbackQuery) {
      ctx.answerCbQuery().catch((error: unknown) => {
        if (error instanceof Error && TOO_OLD.test(error.message)) return;
        logger.warn({ err: error, updateId }, 'telegram callback query not answered');
      });
    }
    const message = toIncomingMessage(ctx.update, {
      now: now(),
      botUsername: ctx.botInfo.username,
      botId: ctx.botInfo.id,
    });
    if (!message) {
      logger.info({ updateId, type: updateType(ctx.update) }, 'telegram update ignored');
      return;
    }
    if (!polling) {
      await intake.accept(message);
      return;
    }
    // Polling: telegraf moves the offset past this update once we return, so store it before returning.
    for (let delay = storeRetryMs; ; delay = Math.min(delay * 2, 30_000)) {
      try {
        await intake.accept(message);
        return;
      } catch (error) {
        if (stopping) throw error;
        logger.error({ err: error, updateId }, 'telegram update not stored; trying again');
        await sleep(delay);
      }
    }
  });

  let polling: { done: Promise<void>; settled: boolean } | undefined;
  let stopping = false;

  return {
    bot,
    startPolling() {
      if (polling) {
        logger.warn({}, 'telegram polling already started on this bot');
        return;
      }
      const run = {
        settled: false,
        done: bot
          .launch({ dropPendingUpdates: false, allowedUpdates: [...TELEGRAM_ALLOWED_UPDATES] })
          .then(
            () => logger.info({}, 'telegram polling stopped'),
            (error: unknown) => logger.error({ err: error }, 'telegram polling failed'),
          )
          .finally(() => {
            run.settled = true;
          }),
      };
      polling = run;
      logger.info({}, 'telegram polling started');
    },
    async stop() {
      const run = polling;
      if (!run) return;
      stopping = true;
      // Until launch() has created its poller, telegraf's stop() throws: retry until it takes.
      while (!run.settled) {
        try {
          bot.stop('shutdown');
          break;
        } catch {
          await sleep(20);
        }
      }
      await run.done;
    },
    async handleUpdate(update) {
      await bot.handleUpdate(update);
      if (!failures.has(update)) return;
      const error = failures.get(update);
      failures.delete(update);
      throw error instanceof Error ? error : new Error(`telegram update ${update.update_id} failed`);
    },
  };
}

function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'unknown';
}
