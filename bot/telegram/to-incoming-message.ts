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
 */
import { z } from 'zod';
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
  reply_to_message: loose({ message_id: id }).optional(),
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
  message: loose({ message_id: id, chat: chatSchema }),
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
  // Channel posts and service messages have no sender we can answer.
  if (!message.from || message.from.is_bot === true) return null;
  const content = messageContent(message, context.botUsername);
  if (!content) return null;
  return {
    channel: 'telegram',
    platformId,
    chatId: String(message.chat.id),
    userId: String(message.from.id),
    ...sender(message.from),
    ...content,
    messageId: String(message.message_id),
    ...(message.edit_date !== undefined && { editedAt: new Date(message.edit_date * 1000) }),
    ...(message.reply_to_message && { replyToMessageId: String(message.reply_to_message.message_id) }),
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
    const text = normaliseCommand(message.text, botUsername);
    return text === null ? null : { kind: 'text', text };
  }
  const text = message.caption ?? '';
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

function isGroupChat(type: string): boolean {
  return type === 'group' || type === 'supergroup';
}
