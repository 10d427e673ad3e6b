/**
 * Pure conversion of one Telegram update into the channel port's {@link IncomingMessage}.
 *
 * Handled: `message` and `edited_message` (an edit carries `edit_date` and keeps the original's
 * `message_id`) with text (commands included); a document, photo, video or voice note (its caption is the
 * text, the file is kept as `file`); a sticker, video note, location or contact as `unreadable` (answered
 * with how to report); `callback_query` (a button press under one of our messages); `my_chat_member` and a
 * group's migration to a supergroup (see chat-membership-update.ts). Everything else
 * (inline-mode callbacks without a message, ...) and anything malformed converts to
 * `null`. Only the fields relied on are validated (zod, loose objects); this never throws.
 *
 * What real clients send besides (Bot API Message fields, see docs/telegram.md):
 * - `channel_post` / `edited_channel_post`, and a message in a group sent on behalf of a channel
 *   (`sender_chat` a channel: a linked channel's automatic forward, a member posting as their channel):
 *   nobody to answer, null.
 * - a message of an anonymous group admin (`sender_chat` is the group itself; `from` is a placeholder
 *   bot user): converted with `sentAsGroup`, so that the route can say that no person can be identified.
 * - a message in a forum topic (`is_topic_message`): `threadId` is its `message_thread_id`, so that the
 *   answer goes to the same topic. A `message_thread_id` without `is_topic_message` (a reply thread, the
 *   General topic) is not a topic the bot can post in and is dropped.
 * - `reply_to_message` counts as a reply to us only when the replied message is the bot's: in a forum
 *   every topic message "replies" to the topic's root message, and in groups people reply to each other.
 * - an album arrives as one message per item sharing `media_group_id` (the caption on one of them).
 * - a forwarded message carries `forward_origin` (Bot API 7.0; `forward_date` before it).
 * - text and captions are normalised (NFC, no zero-width characters) before anything reads them.
 */
import { z } from 'zod';
import { normalizeTypedText } from '../../domain/text/typed-text.ts';
import type { FileKind, IncomingFile, IncomingMessage, UnreadableKind } from '../../handlers/channel.ts';
import { fromMigration, fromMyChatMember } from './chat-membership-update.ts';

const loose = z.looseObject;
const id = z.number().int();

const userSchema = loose({
  id,
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const chatSchema = loose({ id, type: z.string() });

/** The replied message: who wrote it, and whether it is a forum topic's root (service message). */
const repliedSchema = loose({
  message_id: id,
  from: userSchema.optional(),
  forum_topic_created: z.unknown().optional(),
});

/** The fields of a Document, PhotoSize, Video or Voice the bot keeps. */
const fileSchema = loose({
  file_id: z.string().min(1),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  file_size: z.number().int().nonnegative().optional(),
});

const messageSchema = loose({
  message_id: id,
  date: z.number().int().nonnegative(),
  chat: chatSchema,
  from: userSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  reply_to_message: repliedSchema.optional(),
  sender_chat: chatSchema.optional(),
  message_thread_id: id.optional(),
  is_topic_message: z.boolean().optional(),
  media_group_id: z.string().min(1).optional(),
  forward_origin: z.unknown().optional(),
  forward_date: z.number().optional(),
  document: fileSchema.optional(),
  // PhotoSize[]: the sizes of one photo, smallest first.
  photo: z.array(fileSchema).optional(),
  video: fileSchema.optional(),
  voice: fileSchema.optional(),
  video_note: loose({}).optional(),
  sticker: loose({}).optional(),
  location: loose({}).optional(),
  venue: loose({}).optional(),
  contact: loose({}).optional(),
  edit_date: z.number().int().nonnegative().optional(),
});

const updateSchema = loose({
  update_id: z.number().int().nonnegative(),
  message: z.unknown().optional(),
  edited_message: z.unknown().optional(),
  callback_query: z.unknown().optional(),
  my_chat_member: z.unknown().optional(),
});

const callbackSchema = loose({
  id: z.string().min(1),
  from: userSchema,
  // Absent for buttons under inline-mode messages; may be an InaccessibleMessage (date 0), which still
  // carries chat and message_id.
  message: loose({
    message_id: id,
    chat: chatSchema,
    message_thread_id: id.optional(),
    is_topic_message: z.boolean().optional(),
  }),
  data: z.string(),
});

type TelegramUser = z.infer<typeof userSchema>;
type TelegramMessage = z.infer<typeof messageSchema>;

/** Context the conversion needs besides the update. */
export interface ConversionContext {
  /** The time a callback query is stamped with (callback queries carry no date). */
  now: Date;
  /** The bot's username: a command addressed to another bot (`/start@other_bot`) is then ignored. */
  botUsername?: string;
  /** The bot's user id: a reply counts as a reply to us only when it replies to this user's message. */
  botId?: number;
}

/** `/cmd@Name rest` -> `{ command: '/cmd', bot: 'Name' }` for the first word of a text. */
const ADDRESSED_COMMAND = /^(\/[A-Za-z0-9_]{1,32})@([A-Za-z0-9_]+)(?=\s|$)/;

/**
 * Converts a Telegram update (`unknown`: it may come straight from a webhook body) into an
 * {@link IncomingMessage}, or `null` when it is not a user action the bot handles or is malformed.
 * Ids become strings, `platformId` is the `update_id`, and a command's `@BotName` suffix is removed.
 */
export function toIncomingMessage(update: unknown, context: ConversionContext): IncomingMessage | null {
  const parsed = updateSchema.safeParse(update);
  if (!parsed.success) return null;
  const platformId = String(parsed.data.update_id);
  if (parsed.data.my_chat_member !== undefined)
    return fromMyChatMember(parsed.data.my_chat_member, platformId, update);
  if (parsed.data.message !== undefined)
    return (
      fromMigration(parsed.data.message, platformId, update) ??
      fromMessage(parsed.data.message, platformId, update, context)
    );
  if (parsed.data.edited_message !== undefined)
    return fromMessage(parsed.data.edited_message, platformId, update, context);
  // channel_post and edited_channel_post (a channel the bot is in): no person to answer; not asked for in
  // allowed_updates, but a webhook set up by hand may still deliver them.
  if (parsed.data.callback_query !== undefined) {
    const query = callbackSchema.safeParse(parsed.data.callback_query);
    if (!query.success) return null;
    const { from, message } = query.data;
    return {
      channel: 'telegram',
      platformId,
      chatId: String(message.chat.id),
      userId: String(from.id),
      ...sender(from),
      kind: 'button',
      text: query.data.data,
      callbackId: query.data.id,
      replyToMessageId: String(message.message_id),
      ...topicOf(message),
      isGroup: isGroupChat(message.chat.type),
      receivedAt: context.now,
      raw: update,
    };
  }
  return null;
}

function fromMessage(
  payload: unknown,
  platformId: string,
  raw: unknown,
  context: ConversionContext,
): IncomingMessage | null {
  const parsed = messageSchema.safeParse(payload);
  if (!parsed.success) return null;
  const message = parsed.data;
  const sentAsGroup = message.sender_chat !== undefined && message.sender_chat.id === message.chat.id;
  // Sent on behalf of a channel (or of any chat but the group itself): nobody to answer or to credit.
  if (message.sender_chat !== undefined && !sentAsGroup) return null;
  // Channel posts and service messages have no sender we can answer; other bots are not people.
  if (!message.from || (message.from.is_bot === true && !sentAsGroup)) return null;
  const content = messageContent(message, context.botUsername);
  if (!content) return null;
  const repliesToUs = message.reply_to_message && isOurMessage(message.reply_to_message, context);
  return {
    channel: 'telegram',
    platformId,
    chatId: String(message.chat.id),
    userId: String(message.from.id),
    ...sender(message.from),
    ...content,
    messageId: String(message.message_id),
    ...(message.edit_date !== undefined && { editedAt: new Date(message.edit_date * 1000) }),
    ...(repliesToUs && { replyToMessageId: String(message.reply_to_message!.message_id) }),
    ...topicOf(message),
    ...(message.media_group_id !== undefined && { mediaGroupId: message.media_group_id }),
    ...((message.forward_origin !== undefined || message.forward_date !== undefined) && { forwarded: true }),
    ...(sentAsGroup && { sentAsGroup: true }),
    ...(typeof message.chat.title === 'string' && message.chat.title
      ? { chatTitle: message.chat.title }
      : {}),
    isGroup: isGroupChat(message.chat.type),
    receivedAt: new Date(message.date * 1000),
    raw,
  };
}

function messageContent(
  message: TelegramMessage,
  botUsername: string | undefined,
): Pick<IncomingMessage, 'kind' | 'text' | 'file' | 'unreadable'> | null {
  if (message.text !== undefined) {
    const text = normaliseCommand(normalizeTypedText(message.text), botUsername);
    return text === null ? null : { kind: 'text', text };
  }
  const text = normalizeTypedText(message.caption ?? '');
  const file = attachedFile(message);
  if (file) return { kind: 'file', text, file };
  const unreadable = unreadableKind(message);
  return unreadable ? { kind: 'unreadable', text: '', unreadable } : null;
}

/** The file a message carries: a document, the largest size of a photo, a video or a voice note. */
function attachedFile(message: TelegramMessage): IncomingFile | null {
  const id = message.message_id;
  const { document, video, voice } = message;
  // Telegram lists the sizes of a photo from smallest to largest: keep the largest.
  const photo = message.photo?.at(-1);
  if (document) return fileOf(document, 'document', `document-${id}`);
  if (photo) return fileOf({ ...photo, mime_type: 'image/jpeg' }, 'photo', `photo-${id}.jpg`);
  if (video) return fileOf(video, 'video', `video-${id}.mp4`);
  if (voice) return fileOf(voice, 'voice', `voice-${id}.ogg`);
  return null;
}

function fileOf(file: z.infer<typeof fileSchema>, kind: FileKind, fallbackName: string): IncomingFile {
  return {
    fileId: file.file_id,
    fileName: file.file_name ?? fallbackName,
    kind,
    ...(file.mime_type !== undefined && { mimeType: file.mime_type }),
    ...(file.file_size !== undefined && { size: file.file_size }),
  };
}

/** A message with nothing to read as text (a caption-less voice note is a file without text). */
function unreadableKind(message: TelegramMessage): UnreadableKind | null {
  if (message.sticker) return 'sticker';
  if (message.video_note) return 'video_note';
  if (message.location || message.venue) return 'location';
  if (message.contact) return 'contact';
  return null;
}

/** Removes `@BotName` from a leading command; null when the command is addressed to another bot. */
function normaliseCommand(text: string, botUsername: string | undefined): string | null {
  const match = ADDRESSED_COMMAND.exec(text);
  if (!match) return text;
  const [whole, command, addressee] = match;
  if (botUsername !== undefined && addressee?.toLowerCase() !== botUsername.toLowerCase()) return null;
  return `${command}${text.slice(whole.length)}`;
}

function sender(user: TelegramUser): Pick<IncomingMessage, 'userName' | 'languageCode'> {
  const fullName = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  const userName = fullName || user.username;
  return {
    ...(userName && { userName }),
    ...(user.language_code && { languageCode: user.language_code }),
  };
}

/** `threadId` for a message in a forum topic; nothing for a reply thread or the General topic. */
function topicOf(message: {
  message_thread_id?: number | undefined;
  is_topic_message?: boolean | undefined;
}): Pick<IncomingMessage, 'threadId'> {
  return message.is_topic_message === true && message.message_thread_id !== undefined
    ? { threadId: String(message.message_thread_id) }
    : {};
}

/**
 * True when the replied message may be one of ours: written by this bot (by a bot, when our id is not
 * known; by anyone, when the replied message does not say) and not a forum topic's root.
 */
function isOurMessage(replied: z.infer<typeof repliedSchema>, context: ConversionContext): boolean {
  if (replied.forum_topic_created !== undefined) return false;
  if (!replied.from) return true;
  return context.botId !== undefined ? replied.from.id === context.botId : replied.from.is_bot === true;
}

function isGroupChat(type: string): boolean {
  return type === 'group' || type === 'supergroup';
}
