/**
 * Pure conversion of one Telegram update into the channel port's {@link IncomingMessage}.
 *
 * Handled: `message` with text (commands included), a document or a photo (caption as text), and
 * `callback_query` (a button press under one of our messages); `my_chat_member` and a group's migration to a
 * supergroup (see chat-membership-update.ts). Everything else (edited messages, stickers, inline-mode callbacks without a message, ...) and anything malformed
 * converts to `null`. Only the fields relied on are validated (zod, loose objects); this never throws.
 */
import { z } from 'zod';
import type { IncomingMessage } from '../../handlers/channel.ts';
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

const messageSchema = loose({
  message_id: id,
  date: z.number().int().nonnegative(),
  chat: chatSchema,
  from: userSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  reply_to_message: loose({ message_id: id }).optional(),
  document: loose({
    file_id: z.string().min(1),
    file_name: z.string().optional(),
    mime_type: z.string().optional(),
    file_size: z.number().int().nonnegative().optional(),
  }).optional(),
  photo: z
    .array(loose({ file_id: z.string().min(1), file_size: z.number().int().nonnegative().optional() }))
    .optional(),
});

const updateSchema = loose({
  update_id: z.number().int().nonnegative(),
  message: z.unknown().optional(),
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
): Pick<IncomingMessage, 'kind' | 'text' | 'file'> | null {
  if (message.text !== undefined) {
    const text = normaliseCommand(message.text, botUsername);
    return text === null ? null : { kind: 'text', text };
  }
  const text = message.caption ?? '';
  const { document, photo } = message;
  if (document) {
    return {
      kind: 'file',
      text,
      file: {
        fileId: document.file_id,
        fileName: document.file_name ?? `document-${message.message_id}`,
        ...(document.mime_type !== undefined && { mimeType: document.mime_type }),
        ...(document.file_size !== undefined && { size: document.file_size }),
      },
    };
  }
  // Telegram lists the sizes of a photo from smallest to largest: keep the largest.
  const largest = photo?.at(-1);
  if (largest) {
    return {
      kind: 'file',
      text,
      file: {
        fileId: largest.file_id,
        fileName: `photo-${message.message_id}.jpg`,
        mimeType: 'image/jpeg',
        ...(largest.file_size !== undefined && { size: largest.file_size }),
      },
    };
  }
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
