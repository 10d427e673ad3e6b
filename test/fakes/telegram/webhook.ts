import { request as httpRequest, STATUS_CODES } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Update } from 'telegraf/types';
import { readBody } from './params.ts';
import type { UpdateQueue } from './updates.ts';

/** What the bot's webhook answered. */
export interface WebhookAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Options of {@link postUpdateToWebhook}. */
export interface PostUpdateOptions {
  /** Telegram waits about 60 s for the answer; default 60 000. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * POSTs one update to a webhook URL the way Telegram does: JSON body, `X-Telegram-Bot-Api-Secret-Token`
 * header when a secret is set, no connection reuse. Rejects on network errors and on timeout.
 */
export function postUpdateToWebhook(
  url: string,
  update: object,
  secretToken?: string,
  options: PostUpdateOptions = {},
): Promise<WebhookAnswer> {
  const body = Buffer.from(JSON.stringify(update));
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise<WebhookAnswer>((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      agent: false,
      timeout: options.timeoutMs ?? 60_000,
      ...(options.signal ? { signal: options.signal } : {}),
      headers: {
        'content-type': 'application/json',
        'content-length': body.length,
        ...(secretToken ? { 'x-telegram-bot-api-secret-token': secretToken } : {}),
      },
    });
    req.on('timeout', () => req.destroy(new Error('Read timeout expired')));
    req.on('error', reject);
    req.on('response', (res) => {
      readBody(res).then(
        (buffer) =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            body: buffer,
          }),
        reject,
      );
    });
    req.end(body);
  });
}

/** Webhook settings from setWebhook. */
export interface WebhookConfig {
  readonly url: string;
  readonly secretToken?: string;
  readonly maxConnections: number;
  readonly ipAddress?: string;
}

/** Timing of automatic webhook delivery. */
export interface DeliveryTiming {
  readonly retryDelayMs: number;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
}

/**
 * Delivers queued updates to the webhook one at a time; a 2xx answer confirms the update (and its body, when it
 * names a `method`, is executed like Telegram does); anything else is retried, then dropped.
 */
export class WebhookDelivery {
  config: WebhookConfig | undefined;
  lastError: { date: number; message: string } | undefined;
  private running = false;
  private readonly controller = new AbortController();
  private sleeping: { timer: NodeJS.Timeout; resolve: () => void } | undefined;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly timing: DeliveryTiming,
    private readonly onReply: (answer: WebhookAnswer) => Promise<void>,
  ) {
    queue.onPush(() => this.kick());
  }

  /** Starts delivering if a webhook is set and updates are pending. */
  kick(): void {
    if (this.running || !this.config || this.controller.signal.aborted) return;
    this.running = true;
    this.run().finally(() => {
      this.running = false;
    });
  }

  /** Aborts the request in flight and any retry wait. */
  close(): void {
    this.controller.abort();
    if (this.sleeping) {
      clearTimeout(this.sleeping.timer);
      this.sleeping.resolve();
    }
  }

  private async run(): Promise<void> {
    let attempts = 0;
    while (this.config && !this.controller.signal.aborted) {
      const update = this.queue.peek()[0];
      if (!update) return;
      if (await this.deliver(this.config, update)) attempts = 0;
      else if (++attempts < this.timing.maxAttempts) await this.sleep(this.timing.retryDelayMs);
      else {
        this.queue.confirm(update.update_id + 1);
        attempts = 0;
      }
    }
  }

  private async deliver(config: WebhookConfig, update: Update): Promise<boolean> {
    try {
      const answer = await postUpdateToWebhook(config.url, update, config.secretToken, {
        timeoutMs: this.timing.timeoutMs,
        signal: this.controller.signal,
      });
      if (answer.status >= 200 && answer.status < 300) {
        this.queue.confirm(update.update_id + 1);
        await this.onReply(answer).catch(() => undefined);
        return true;
      }
      this.fail(
        `Wrong response from the webhook: ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`.trim(),
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.fail(code === 'ECONNREFUSED' ? 'Connection refused' : (error as Error).message);
    }
    return false;
  }

  private fail(message: string): void {
    this.lastError = { date: Math.floor(Date.now() / 1000), message };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.sleeping = undefined;
        resolve();
      }, ms);
      this.sleeping = { timer, resolve };
    });
  }
}
