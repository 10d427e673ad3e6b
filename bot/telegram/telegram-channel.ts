/**
 * The Telegram channel adapter: sends the port's plain-text messages through telegraf's `Telegram`
 * client as HTML (every piece of text escaped), with inline keyboards, edits, documents and photos.
 * Expected refusals come back as {@link SendResult} values; only programming errors (a button payload
 * over 64 bytes) throw. The token never appears in a result or an error detail.
 */
import { Telegram, TelegramError } from 'telegraf';
import type { InlineKeyboardMarkup, Message } from 'telegraf/types';
import type {
  Channel,
  ChannelAddress,
  OutgoingAttachment,
  OutgoingMessage,
  SendResult,
} from '../../handlers/channel.ts';
import { escapeHtml } from './escape-html.ts';
import { inlineKeyboard } from './inline-keyboard.ts';
import { splitMessage } from './split-message.ts';
import {
  classifyTelegramError,
  isEditImpossible,
  isNotModified,
  isThreadNotFound,
} from './telegram-errors.ts';

/** Longest media caption Telegram accepts (after entity parsing). */
export const MAX_CAPTION_LENGTH = 1024;

export interface TelegramChannelOptions {
  token: string;
  /** Bot API server. @defaultValue `https://api.telegram.org` */
  apiRoot?: string;
  /** Abort a Bot API request after this long (it then counts as transient). @defaultValue 30 000 */
  requestTimeoutMs?: number;
  /** Pause between the messages of one send (text parts, files): Telegram advises 1 msg/s per chat. @defaultValue 1000 */
  partIntervalMs?: number;
  /** After the first message of a send went out, a 429 shorter than this is waited out in place
   * (so that a retry of the whole send does not repeat the parts already delivered). @defaultValue 10 000 */
  maxInPlaceWaitMs?: number;
}

type CallOptions = NonNullable<Parameters<Telegram['callApi']>[2]>;
type Sent = Message.TextMessage | Message.DocumentMessage | Message.PhotoMessage | true;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** {@link Channel} for Telegram (id `telegram`, 4096 characters per message). */
export class TelegramChannel implements Channel {
  readonly id = 'telegram' as const;
  readonly maxTextLength = 4096;
  readonly #telegram: Telegram;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #partIntervalMs: number;
  readonly #maxInPlaceWaitMs: number;

  constructor(options: TelegramChannelOptions) {
    this.#token = options.token;
    this.#telegram = new Telegram(options.token, {
      ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
      webhookReply: false,
    });
    this.#timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#partIntervalMs = options.partIntervalMs ?? 1000;
    this.#maxInPlaceWaitMs = options.maxInPlaceWaitMs ?? 10_000;
  }

  /**
   * Sends `message` to the chat `to.chatId`. Long text is split at line boundaries and the buttons go on
   * the last part; attachments follow the text. `replaceMessageId` edits that message instead (identical
   * content counts as success; a vanished message is sent anew). The returned platform message id is the
   * last text part (the one with the buttons), else the last attachment.
   * @throws RangeError when a button payload is empty or longer than 64 bytes (a programming error).
   */
  async send(to: ChannelAddress, message: OutgoingMessage): Promise<SendResult> {
    const keyboard = inlineKeyboard(message.buttons);
    const attachments = message.attachments ?? [];
    const text = message.text.trim() === '' ? '' : message.text;
    if (text === '' && attachments.length === 0) {
      return { ok: false, reason: 'permanent', detail: 'nothing to send: empty text and no attachment' };
    }
    let delivered = 0;
    // The forum topic to post in; dropped for the rest of the send when Telegram no longer knows it.
    let thread = message.threadId !== undefined ? Number(message.threadId) : undefined;
    try {
      if (message.replaceMessageId && attachments.length === 0 && text.length <= this.maxTextLength) {
        const edited = await this.#edit(to.chatId, message.replaceMessageId, text, keyboard);
        if (edited) return edited;
      }
      let mainId: number | undefined;
      const send = async (method: (thread: number | undefined) => Promise<Sent>) => {
        if (delivered > 0 && this.#partIntervalMs > 0) await sleep(this.#partIntervalMs);
        const result = await this.#withInPlaceWait(async () => {
          try {
            return await method(thread);
          } catch (error) {
            // A topic closed for good or deleted: "message thread not found"; the General topic takes it.
            if (thread === undefined || !isThreadNotFound(error)) throw error;
            thread = undefined;
            return await method(thread);
          }
        }, delivered > 0);
        delivered += 1;
        return result === true ? undefined : result.message_id;
      };
      const parts = text === '' ? [] : splitMessage(text, this.maxTextLength);
      for (const [index, part] of parts.entries()) {
        const markup = index === parts.length - 1 ? keyboard : undefined;
        mainId = await send((topic) => this.#sendText(to.chatId, part, markup, message.silent, topic));
      }
      for (const [index, attachment] of attachments.entries()) {
        const markup = parts.length === 0 && index === attachments.length - 1 ? keyboard : undefined;
        const caption = attachment.caption ?? '';
        if (caption.length > MAX_CAPTION_LENGTH) {
          for (const part of splitMessage(caption, this.maxTextLength))
            await send((topic) => this.#sendText(to.chatId, part, undefined, message.silent, topic));
        }
        const fitting = caption.length <= MAX_CAPTION_LENGTH ? caption : '';
        const id = await send((topic) =>
          this.#sendFile(to.chatId, attachment, fitting, markup, message.silent, topic),
        );
        if (parts.length === 0) mainId = id;
      }
      return { ok: true, platformMessageId: String(mainId ?? '') };
    } catch (error) {
      const result = classifyTelegramError(error, this.#token);
      if (delivered === 0) return result;
      return { ...result, detail: `${result.detail} (after ${delivered} message(s) of this send went out)` };
    }
  }

  /** Edits a text message; undefined when the message cannot be edited and a new one must be sent. */
  async #edit(
    chatId: string,
    messageId: string,
    text: string,
    keyboard: InlineKeyboardMarkup | undefined,
  ): Promise<SendResult | undefined> {
    try {
      await this.#telegram.callApi(
        'editMessageText',
        {
          chat_id: chatId,
          message_id: Number(messageId),
          text: escapeHtml(text),
          parse_mode: 'HTML',
          ...(keyboard ? { reply_markup: keyboard } : {}),
        },
        this.#callOptions(),
      );
      return { ok: true, platformMessageId: messageId };
    } catch (error) {
      if (isNotModified(error)) return { ok: true, platformMessageId: messageId };
      if (isEditImpossible(error)) return undefined;
      throw error;
    }
  }

  #sendText(
    chatId: string,
    text: string,
    keyboard: InlineKeyboardMarkup | undefined,
    silent: boolean | undefined,
    thread: number | undefined,
  ): Promise<Sent> {
    return this.#telegram.callApi(
      'sendMessage',
      {
        chat_id: chatId,
        ...(thread !== undefined ? { message_thread_id: thread } : {}),
        text: escapeHtml(text),
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(silent ? { disable_notification: true } : {}),
        ...(keyboard ? { reply_markup: keyboard } : {}),
      },
      this.#callOptions(),
    );
  }

  #sendFile(
    chatId: string,
    attachment: OutgoingAttachment,
    caption: string,
    keyboard: InlineKeyboardMarkup | undefined,
    silent: boolean | undefined,
    thread: number | undefined,
  ): Promise<Sent> {
    const file = { source: Buffer.from(attachment.base64, 'base64'), filename: attachment.filename };
    const extra = {
      chat_id: chatId,
      ...(thread !== undefined ? { message_thread_id: thread } : {}),
      ...(caption.trim() !== '' ? { caption: escapeHtml(caption), parse_mode: 'HTML' as const } : {}),
      ...(silent ? { disable_notification: true } : {}),
      ...(keyboard ? { reply_markup: keyboard } : {}),
    };
    const options = this.#callOptions();
    return attachment.kind === 'image'
      ? this.#telegram.callApi('sendPhoto', { ...extra, photo: file }, options)
      : this.#telegram.callApi('sendDocument', { ...extra, document: file }, options);
  }

  /** A fresh timeout per request (telegraf types the signal with an older AbortSignal shim). */
  #callOptions(): CallOptions {
    return { signal: AbortSignal.timeout(this.#timeoutMs) as unknown as CallOptions['signal'] };
  }

  /** Runs one call; once part of a send went out, waits out short 429s instead of failing the send. */
  async #withInPlaceWait(call: () => Promise<Sent>, partial: boolean): Promise<Sent> {
    for (let tries = 0; ; tries++) {
      try {
        return await call();
      } catch (error) {
        const waitMs =
          error instanceof TelegramError && error.code === 429
            ? (error.parameters?.retry_after ?? 1) * 1000
            : Number.POSITIVE_INFINITY;
        if (!partial || tries >= 3 || waitMs > this.#maxInPlaceWaitMs) throw error;
        await sleep(waitMs);
      }
    }
  }
}
