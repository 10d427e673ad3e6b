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
import { type Context, Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { IncomingMessage } from '../../handlers/channel.ts';
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

/** One `launch()` of long polling: `done` settles when polling ends; `settled` says whether it has. */
interface PollingRun {
  done: Promise<void>;
  settled: boolean;
}

/** Polling state shared by the middleware and the start/stop methods of one bot. */
interface PollingState {
  /** Set by `startPolling`; undefined in webhook mode. */
  run: PollingRun | undefined;
  /** Set by `stop()`: an update not stored is no longer retried. */
  stopping: boolean;
}

/**
 * Records each failed update in `failures` (read back by `handleUpdate`) and logs it; never rethrows, so
 * polling survives a failing update.
 */
function catchUpdateFailures(
  bot: Telegraf,
  failures: WeakMap<object, unknown>,
  logger: TelegramLogger,
): void {
  bot.catch((error, ctx) => {
    failures.set(ctx.update, error);
    logger.error({ err: error, updateId: ctx.update.update_id }, 'telegram update failed');
  });
}

/**
 * Answers a callback query at once, without waiting (the user sees a spinner until it is answered); an
 * answer refused because the query is too old is ignored, other failures are logged.
 */
function answerCallbackQueryInBackground(ctx: Context, logger: TelegramLogger): void {
  if (!ctx.callbackQuery) return;
  ctx.answerCbQuery().catch((error: unknown) => {
    if (error instanceof Error && TOO_OLD.test(error.message)) return;
    logger.warn({ err: error, updateId: ctx.update.update_id }, 'telegram callback query not answered');
  });
}

/**
 * Polling mode: hands the message to the intake until it is stored, waiting `storeRetryMs` then doubling
 * up to 30 s between attempts; rethrows only once the bot is stopping.
 */
async function acceptUntilStored(
  intake: InboundIntake,
  message: IncomingMessage,
  updateId: number,
  state: PollingState,
  storeRetryMs: number,
  logger: TelegramLogger,
): Promise<void> {
  for (let delay = storeRetryMs; ; delay = Math.min(delay * 2, 30_000)) {
    try {
      await intake.accept(message);
      return;
    } catch (error) {
      if (state.stopping) throw error;
      logger.error({ err: error, updateId }, 'telegram update not stored; trying again');
      await sleep(delay);
    }
  }
}

/**
 * The only middleware: answers a callback query, normalises the update, and stores it through the intake
 * (ignored updates are logged and dropped). Webhook mode: one attempt, a failure fails the update. Polling
 * mode: retried until stored, because telegraf moves the offset past the update once this returns.
 */
function useIntakeMiddleware(
  bot: Telegraf,
  options: CreateTelegramBotOptions,
  state: PollingState,
  now: () => Date,
): void {
  const { intake, logger } = options;
  const storeRetryMs = options.storeRetryMs ?? 500;
  bot.use(async (ctx) => {
    const updateId = ctx.update.update_id;
    answerCallbackQueryInBackground(ctx, logger);
    const message = toIncomingMessage(ctx.update, {
      now: now(),
      botUsername: ctx.botInfo.username,
      botId: ctx.botInfo.id,
    });
    if (!message) {
      logger.info({ updateId, type: updateType(ctx.update) }, 'telegram update ignored');
      return;
    }
    if (!state.run) {
      await intake.accept(message);
      return;
    }
    await acceptUntilStored(intake, message, updateId, state, storeRetryMs, logger);
  });
}

/** Launches long polling in the background (never awaited: `launch()` does not resolve while polling). */
function launchPolling(bot: Telegraf, logger: TelegramLogger): PollingRun {
  const run: PollingRun = {
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
  return run;
}

/**
 * Stops polling and waits for it to end. Until `launch()` has created its poller telegraf's `stop()`
 * throws, so it is tried again every 20 ms until it takes or polling has already ended.
 */
async function stopPolling(bot: Telegraf, run: PollingRun): Promise<void> {
  while (!run.settled) {
    try {
      bot.stop('shutdown');
      break;
    } catch {
      await sleep(20);
    }
  }
  await run.done;
}

/** Builds the inbound Telegram bot; nothing touches the network until an update or `startPolling`. */
export function createTelegramBot(options: CreateTelegramBotOptions): TelegramBot {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const bot = new Telegraf(options.token, {
    handlerTimeout: TELEGRAM_HANDLER_TIMEOUT_MS,
    telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  // Errors of the update being handled, read back by handleUpdate (telegraf itself swallows them).
  const failures = new WeakMap<object, unknown>();
  const state: PollingState = { run: undefined, stopping: false };
  catchUpdateFailures(bot, failures, logger);
  useIntakeMiddleware(bot, options, state, now);

  return {
    bot,
    startPolling() {
      if (state.run) {
        logger.warn({}, 'telegram polling already started on this bot');
        return;
      }
      state.run = launchPolling(bot, logger);
      logger.info({}, 'telegram polling started');
    },
    async stop() {
      const run = state.run;
      if (!run) return;
      state.stopping = true;
      await stopPolling(bot, run);
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
