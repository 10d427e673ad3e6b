/**
 * A fake Telegram Bot API server on 127.0.0.1 for tests. Point telegraf at it with
 * `new Telegraf(token, { telegram: { apiRoot: fake.apiRoot } })`; it answers `/bot<token>/<method>` (and the
 * `/bot<token>/test/<method>` form) with the real envelopes, records every call, queues injected updates for
 * long polling or delivers them to a webhook, and can be scripted to fail.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatMember } from 'telegraf/types';
import type { FakeTelegram, FakeTelegramOptions, RecordedCall, ScriptedFailure } from './telegram/api.ts';
import type { UnreachableReason } from './telegram/check-reachable.ts';
import { type ApiEnvelope, BotApiError, tooManyRequests } from './telegram/errors.ts';
import {
  callbackUpdate,
  completeUpdate,
  createForumTopic,
  editUpdate,
  type FakeUser,
  type InjectTextOptions,
  type MediaInput,
  mediaUpdate,
  textUpdate,
  type UpdateInput,
} from './telegram/inject.ts';
import { filePathOf } from './telegram/methods/get-file.ts';
import { findMethod, SENDING_METHODS } from './telegram/methods/index.ts';
import { optString, type Params, parseBody, readParams } from './telegram/params.ts';
import { myChatMemberUpdate, upgradeToSupergroup } from './telegram/reachability.ts';
import { createState, type FakeState } from './telegram/state.ts';
import type { WebhookAnswer } from './telegram/webhook.ts';

export type {
  FakeTelegram,
  FakeTelegramOptions,
  RecordedCall,
  ScriptedFailure,
} from './telegram/api.ts';
export { UNREACHABLE_ERRORS, type UnreachableReason } from './telegram/check-reachable.ts';
export type { ApiEnvelope, ResponseParameters } from './telegram/errors.ts';
export type { FakeUser, InjectTextOptions, MediaInput, UpdateInput, UpdateKind } from './telegram/inject.ts';
export type { Params, UploadedFile } from './telegram/params.ts';
export { postUpdateToWebhook, type WebhookAnswer } from './telegram/webhook.ts';

const SENT_METHODS = new Set(['sendMessage', 'sendDocument', 'sendPhoto', 'editMessageText']);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

function scriptedError(kind: Exclude<ScriptedFailure, { delayMs: number }>): BotApiError {
  if (kind.status === 429) return tooManyRequests(kind.retryAfter);
  if (kind.status === 500) return new BotApiError(500, 'Internal Server Error');
  return new BotApiError(kind.status, kind.description);
}

interface Waiter {
  readonly predicate: (call: RecordedCall) => boolean;
  readonly settle: (call: RecordedCall | Error) => void;
}

class FakeTelegramServer implements FakeTelegram {
  readonly calls: RecordedCall[] = [];
  http429Count = 0;
  apiRoot = '';
  private readonly server: Server;
  private readonly state: FakeState;
  private failures: { kind: ScriptedFailure; method: string | undefined }[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly inflight = new Set<AbortController>();
  private readonly serving = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(options: FakeTelegramOptions) {
    this.state = createState(
      {
        token: options.token ?? '123456:TEST',
        botUsername: options.botUsername ?? 'test_bot',
        globalRatePerSecond: options.globalRatePerSecond ?? null,
        perChatPerSecond: options.perChatPerSecond ?? null,
        groupPerMinute: options.groupPerMinute ?? null,
        retryAfterSeconds: options.retryAfterSeconds,
        requireKnownChat: options.requireKnownChat ?? false,
        webhookRetryDelayMs: options.webhookRetryDelayMs ?? 200,
      },
      (answer) => this.runWebhookReply(answer),
    );
    this.server = createServer((req, res) => {
      const serving = this.serve(req, res).finally(() => this.serving.delete(serving));
      this.serving.add(serving);
    });
  }

  get token(): string {
    return this.state.options.token;
  }

  async listen(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  sent(chatId?: number | string): RecordedCall[] {
    return this.calls.filter(
      (c) =>
        c.response.ok &&
        SENT_METHODS.has(c.method) &&
        (chatId === undefined || optString(c.params, 'chat_id') === String(chatId)),
    );
  }

  injectUpdate(update: UpdateInput): number {
    return this.state.updates.push(completeUpdate(this.state, update)).update_id;
  }

  injectText(from: FakeUser, text: string, opts?: InjectTextOptions): number {
    return this.injectUpdate(textUpdate(this.state, from, text, opts));
  }

  injectCallback(from: FakeUser, data: string, messageId: number, chatId?: number): number {
    return this.injectUpdate(callbackUpdate(this.state, from, data, messageId, chatId));
  }

  /** A photo, video, voice note (with an optional caption), sticker, location or contact from a user. */
  injectMedia(from: FakeUser, media: MediaInput, opts?: InjectTextOptions): number {
    return this.injectUpdate(mediaUpdate(this.state, from, media, opts));
  }

  /** The user edits their message `messageId` (text, or caption of a media message): an `edited_message`. */
  injectEdit(from: FakeUser, messageId: number, newText: string, chatId = from.id): number {
    return this.injectUpdate(editUpdate(this.state, messageId, newText, chatId));
  }

  failNext(n: number, kind: ScriptedFailure, opts: { method?: string } = {}): void {
    for (let i = 0; i < n; i++) this.failures.push({ kind, method: opts.method });
  }

  blockChat(chatId: number, blocked = true): void {
    if (blocked) this.state.blockedChats.add(chatId);
    else this.state.blockedChats.delete(chatId);
  }

  setUnreachable(chatId: number, reason: UnreachableReason | null): void {
    if (reason) this.state.unreachableChats.set(chatId, reason);
    else this.state.unreachableChats.delete(chatId);
  }

  createForumTopic(from: FakeUser, chatId: number, name: string): number {
    return createForumTopic(this.state, from, chatId, name);
  }

  deleteForumTopic(chatId: number, threadId: number): void {
    this.state.forumTopics.get(chatId)?.delete(threadId);
  }

  injectMyChatMember(
    from: FakeUser,
    chatId: number,
    before: ChatMember['status'],
    after: ChatMember['status'],
  ): number {
    return this.injectUpdate(myChatMemberUpdate(this.state, from, chatId, before, after));
  }

  upgradeToSupergroup(
    from: FakeUser,
    groupId: number,
    supergroupId: number,
    opts: { announce?: boolean } = {},
  ): number[] {
    const updates = upgradeToSupergroup(this.state, from, groupId, supergroupId);
    return opts.announce === false ? [] : updates.map((update) => this.injectUpdate(update));
  }

  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 2000): Promise<RecordedCall> {
    const found = this.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise<RecordedCall>((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.calls.map((c) => `${c.method}:${c.status}`).join(', ');
        waiter.settle(
          new Error(`waitFor: no matching call within ${timeoutMs} ms (seen: ${seen || 'none'})`),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        predicate,
        settle: (outcome) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        },
      };
      this.waiters.add(waiter);
    });
  }

  reset(): void {
    const { state } = this;
    this.calls.length = 0;
    this.http429Count = 0;
    this.failures = [];
    for (const limiter of Object.values(state.limits)) limiter?.clear();
    state.chats.clear();
    state.updates.reset();
    state.callbackQueries.clear();
    state.files.clear();
    state.commands.clear();
    state.blockedChats.clear();
    state.unreachableChats.clear();
    state.migratedChats.clear();
    state.forumTopics.clear();
    state.webhook.config = undefined;
    state.webhook.lastError = undefined;
  }

  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    this.state.webhook.close();
    for (const controller of this.inflight) controller.abort();
    for (const waiter of [...this.waiters])
      waiter.settle(new Error('waitFor: the fake Telegram server was closed'));
    // Let answers to aborted long polls reach their clients, but never wait on a stuck upload.
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.serving]),
      new Promise<void>((resolve) => {
        grace = setTimeout(resolve, 500);
      }),
    ]);
    clearTimeout(grace);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', this.apiRoot);
    if (this.serveFile(url, res)) return;
    const route = /^\/bot([^/]*)\/(?:test\/)?([^/]+)$/.exec(url.pathname);
    const controller = new AbortController();
    this.inflight.add(controller);
    res.on('close', () => controller.abort());
    let method = route?.[2] ?? url.pathname;
    let params: Params = {};
    let envelope: ApiEnvelope;
    try {
      params = await readParams(req, url);
      if (!route) throw new BotApiError(404, 'Not Found');
      if (decodeURIComponent(route[1]!) !== this.token) throw new BotApiError(401, 'Unauthorized');
      method = findMethod(method)?.name ?? method;
      envelope = await this.execute(method, params, controller.signal);
    } catch (error) {
      envelope = this.errorEnvelope(error);
    } finally {
      this.inflight.delete(controller);
    }
    const delivered = !res.destroyed && !res.writableEnded;
    const status = envelope.ok ? 200 : envelope.error_code;
    this.record({ method, params, at, status: delivered ? status : 0, response: envelope, via: 'http' });
    if (!delivered) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    await new Promise<void>((resolve) => {
      res.once('close', resolve);
      res.end(JSON.stringify(envelope), () => resolve());
    });
  }

  /** File downloads, as Telegram serves them: GET /file/bot<token>/<file_path>. */
  private serveFile(url: URL, res: ServerResponse): boolean {
    const route = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
    if (!route) return false;
    const wanted = decodeURIComponent(route[2]!);
    const file =
      decodeURIComponent(route[1]!) === this.token
        ? [...this.state.files.values()].find(
            (f) => f.upload && filePathOf(f.fileId, f.upload.filename) === wanted,
          )
        : undefined;
    if (!file?.upload) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"ok":false,"error_code":404,"description":"Not Found"}');
      return true;
    }
    res
      .writeHead(200, { 'content-type': file.upload.mimeType, 'content-length': file.upload.bytes.length })
      .end(file.upload.bytes);
    return true;
  }

  /**
   * A document a user sends to the bot (e.g. a plan file): stored so that getFile and the download
   * URL serve its bytes. Returns the update id.
   */
  injectDocument(
    from: FakeUser,
    document: {
      fileName: string;
      bytes: Buffer;
      mimeType?: string;
      caption?: string;
      /** The size Telegram reports (getFile, the update) if not the bytes' length: a file too big to send in a test. */
      size?: number;
      /** Leave `file_size` out of the update (clients do not always send it); getFile still has it. */
      omitSizeInUpdate?: boolean;
    },
    opts?: InjectTextOptions,
  ): number {
    const fileId = `BQAC${randomBytes(24).toString('base64url')}`;
    const mimeType = document.mimeType ?? 'application/octet-stream';
    this.state.files.set(fileId, {
      fileId,
      fileUniqueId: `AgAD${randomBytes(8).toString('base64url')}`,
      upload: {
        filename: document.fileName,
        mimeType,
        size: document.size ?? document.bytes.length,
        bytes: document.bytes,
      },
    });
    const base = textUpdate(this.state, from, document.caption ?? '', opts).message as unknown as Record<
      string,
      unknown
    >;
    delete base['text'];
    delete base['entities'];
    const message = {
      ...base,
      document: {
        file_id: fileId,
        file_unique_id: fileId.slice(-12),
        file_name: document.fileName,
        mime_type: mimeType,
        ...(document.omitSizeInUpdate ? {} : { file_size: document.size ?? document.bytes.length }),
      },
      ...(document.caption ? { caption: document.caption } : {}),
    };
    return this.injectUpdate({ message: message as never });
  }

  /** Runs one method with scripted failures and flood limits; errors become envelopes. */
  private async execute(name: string, params: Params, signal: AbortSignal): Promise<ApiEnvelope> {
    const method = findMethod(name);
    if (!method) throw new BotApiError(404, 'Not Found');
    const failure = this.takeFailure(method.name);
    if (failure && 'delayMs' in failure)
      await sleep(failure.delayMs, AbortSignal.any([signal, this.closing.signal]));
    else if (failure) throw scriptedError(failure);
    const sending = SENDING_METHODS.has(method.name);
    const chatKey = optString(params, 'chat_id') ?? '';
    if (sending) this.checkFloodLimits(chatKey);
    const pending = method.handler({
      params,
      state: this.state,
      signal: AbortSignal.any([signal, this.closing.signal]),
    });
    if (sending) this.countSend(chatKey);
    const answer = await pending;
    return {
      ok: true,
      result: answer.result,
      ...(answer.description ? { description: answer.description } : {}),
    };
  }

  private takeFailure(method: string): ScriptedFailure | undefined {
    const index = this.failures.findIndex((f) =>
      f.method === undefined ? method !== 'getUpdates' : f.method.toLowerCase() === method.toLowerCase(),
    );
    if (index < 0) return undefined;
    return this.failures.splice(index, 1)[0]!.kind;
  }

  private checkFloodLimits(chatKey: string): void {
    const { global, perChat, group } = this.state.limits;
    const now = Date.now();
    const wait = Math.max(
      global?.waitMs('*', now) ?? 0,
      perChat?.waitMs(chatKey, now) ?? 0,
      chatKey.startsWith('-') ? (group?.waitMs(chatKey, now) ?? 0) : 0,
    );
    if (wait > 0)
      throw tooManyRequests(this.state.options.retryAfterSeconds ?? Math.max(1, Math.ceil(wait / 1000)));
  }

  private countSend(chatKey: string): void {
    const { global, perChat, group } = this.state.limits;
    const now = Date.now();
    global?.record('*', now);
    perChat?.record(chatKey, now);
    if (chatKey.startsWith('-')) group?.record(chatKey, now);
  }

  private errorEnvelope(error: unknown): ApiEnvelope {
    const apiError = error instanceof BotApiError ? error : new BotApiError(500, 'Internal Server Error');
    if (apiError.code === 429) this.http429Count += 1;
    return apiError.toEnvelope();
  }

  /** Telegram executes a method the bot wrote into its webhook answer (telegraf's `webhookReply`). */
  private async runWebhookReply(answer: WebhookAnswer): Promise<void> {
    const params = await parseBody(answer.body, answer.contentType);
    const name = optString(params, 'method');
    if (!name) return;
    const at = Date.now();
    let envelope: ApiEnvelope;
    try {
      envelope = await this.execute(name, params, this.closing.signal);
    } catch (error) {
      envelope = this.errorEnvelope(error);
    }
    const method = findMethod(name)?.name ?? name;
    const status = envelope.ok ? 200 : envelope.error_code;
    this.record({ method, params, at, status, response: envelope, via: 'webhook-reply' });
  }

  private record(call: Omit<RecordedCall, 'result'>): void {
    const full: RecordedCall = call.response.ok ? { ...call, result: call.response.result } : call;
    this.calls.push(full);
    for (const waiter of [...this.waiters]) if (waiter.predicate(full)) waiter.settle(full);
  }
}

/**
 * Starts a fake Bot API server on an ephemeral port of 127.0.0.1.
 *
 * @example
 * const fake = await startFakeTelegramServer({ perChatPerSecond: 1 });
 * const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
 * // ... fake.injectText({ id: 42 }, '/start'); await fake.waitFor((c) => c.method === 'sendMessage');
 * await fake.close();
 */
export async function startFakeTelegramServer(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  return await new FakeTelegramServer(options).listen();
}
