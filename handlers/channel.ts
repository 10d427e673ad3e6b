/**
 * The one channel port. Channel adapters (bot/telegram, bot/zalo) translate between their platform and
 * these types; handlers and jobs see nothing else.
 */
import type { SensitiveKind } from '../domain/reply/mask-sensitive.ts';

export const CHANNELS = ['telegram', 'zalo'] as const;
export type ChannelId = (typeof CHANNELS)[number];

/** A button under a message. Telegram sends `payload` back as callback data (at most 64 bytes); Zalo
 * sends it back as an ordinary user text message (an `oa.query.hide` button), so payloads are written in
 * the reply grammar ("#12 xong"). */
export interface OutgoingButton {
  label: string;
  payload: string;
}

/** A file to attach: the bytes travel base64-encoded so that a queued message is plain JSON. */
export interface OutgoingAttachment {
  kind: 'document' | 'image';
  filename: string;
  mimeType: string;
  base64: string;
  caption?: string;
}

/** What a handler wants to say, whatever the channel. `text` is plain text; adapters escape it. */
export interface OutgoingMessage {
  text: string;
  /** Rows of buttons. */
  buttons?: OutgoingButton[][];
  attachments?: OutgoingAttachment[];
  /** Deliver without a notification sound where the channel supports it (early reminders). */
  silent?: boolean;
  /** Edit this earlier message of ours instead of sending a new one, where the channel allows. */
  replaceMessageId?: string;
  /**
   * The topic of a forum chat to post in (Telegram `message_thread_id`), when answering a message written
   * in a topic; the adapter falls back to the chat's General topic when the topic is gone.
   */
  threadId?: string;
}

/** Where a message goes on a channel: a Telegram chat id, or a Zalo user id (per-OA id, a string). */
export interface ChannelAddress {
  channel: ChannelId;
  chatId: string;
}

/** What kind of file a message carries (kept as evidence when the message is a report). */
export type FileKind = 'document' | 'photo' | 'video' | 'voice';

/** An uploaded file: the platform's reference (downloaded only when needed), name, type and size. */
export interface IncomingFile {
  fileId: string;
  fileName: string;
  /** What the user sent; documents when the channel does not say. */
  kind?: FileKind;
  mimeType?: string;
  size?: number;
}

/** Messages the bot answers with how to report instead of reading them. */
export type UnreadableKind = 'sticker' | 'voice' | 'video_note' | 'location' | 'contact' | 'other';

/** One inbound user action, normalised. Ids stay strings (Zalo ids exceed 2^53). */
export interface IncomingMessage {
  channel: ChannelId;
  /** Platform id of this inbound event, unique per channel: Telegram update_id, Zalo msg_id. */
  platformId: string;
  chatId: string;
  /** The sender's platform user id (equals chatId in private chats). */
  userId: string;
  userName?: string;
  /** The group's title, for group chats. */
  chatTitle?: string;
  languageCode?: string;
  /**
   * `file`: a document, photo, video or voice note (its caption, if any, is `text`); `unreadable`: a
   * message the bot cannot read as text (a sticker, a voice note without caption, a location, a contact);
   * `follow`/`unfollow`: the user (re)opened or closed the chat to the bot (Zalo follow, Telegram
   * `my_chat_member`); `moved`: the chat got a new id ({@link IncomingMessage.movedToChatId}).
   */
  kind: 'text' | 'button' | 'file' | 'follow' | 'unfollow' | 'unreadable' | 'moved';
  text: string;
  /** The platform id of this message within its chat (Telegram message_id); an edit keeps the original's. */
  messageId?: string;
  /** Set when this is an edit of an earlier message (`messageId`): when the edit was made. */
  editedAt?: Date;
  /** For `unreadable`: what was sent. */
  unreadable?: UnreadableKind;
  /** For a button press on Telegram: the callback query id to acknowledge. */
  callbackId?: string;
  /**
   * The platform message id of our message the user replied to or pressed a button under (a reply to
   * someone else's message, or a forum topic's root, is not one).
   */
  replyToMessageId?: string;
  /** The forum topic the message was written in (Telegram `message_thread_id` of a topic message). */
  threadId?: string;
  /** The album (Telegram `media_group_id`) this photo or file arrived in, one message per item. */
  mediaGroupId?: string;
  /** The message is forwarded from someone else (Telegram `forward_origin`): not the sender's own words. */
  forwarded?: boolean;
  /**
   * Sent on behalf of the group itself (a Telegram anonymous group admin): no person can be identified, so
   * `userId` names nobody and no role applies.
   */
  sentAsGroup?: boolean;
  /** For an uploaded file: the platform file reference and name. */
  file?: IncomingFile;
  /**
   * The kinds of personal number masked out of `text` when the message was stored (store/inbound.ts):
   * the handler sees the masked text and still tells the sender what was hidden and why.
   */
  maskedOnIntake?: SensitiveKind[];
  /** For `moved`: the chat's new id (a Telegram group upgraded to a supergroup); `chatId` is the old one. */
  movedToChatId?: string;
  isGroup: boolean;
  receivedAt: Date;
  /** The raw platform payload, kept verbatim for the InboundMessage table. */
  raw: unknown;
}

/** The outcome of one delivery attempt. Expected refusals are values, not exceptions. */
export type SendResult =
  | { ok: true; platformMessageId: string }
  | {
      ok: false;
      /** `moved`: the chat now lives under `movedToChatId` (resend there). */
      reason:
        | 'outside-window'
        | 'not-reachable'
        | 'moved'
        | 'rate-limited'
        | 'transient'
        | 'permanent'
        | 'auth';
      retryAfterMs?: number;
      movedToChatId?: string;
      detail: string;
    };

/** A channel adapter as the outbox sees it. */
export interface Channel {
  readonly id: ChannelId;
  /** Longest text one message may carry on this channel (characters). */
  readonly maxTextLength: number;
  send(to: ChannelAddress, message: OutgoingMessage): Promise<SendResult>;
}
