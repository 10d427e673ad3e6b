import { randomBytes } from 'node:crypto';
import type { Document, Message, PhotoSize } from 'telegraf/types';
import { BotApiError, badRequest } from '../errors.ts';
import { parseFormatted } from '../html.ts';
import { guessMimeType, isUploadedFile, optString, type Params, type UploadedFile } from '../params.ts';
import { type FakeState, type MethodHandler, ok, type StoredFile } from '../state.ts';
import { outgoingBase, targetChat } from './common.ts';

/** Longest media caption after entity parsing. */
export const MAX_CAPTION_LENGTH = 1024;
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

function readUpload(state: FakeState, params: Params, field: string): StoredFile {
  let value = params[field];
  const attach = typeof value === 'string' ? /^attach:\/\/(.+)$/.exec(value) : null;
  if (attach) value = params[attach[1]!];
  if (value === undefined || value === '') throw badRequest(`there is no ${field} in the request`);
  if (isUploadedFile(value)) {
    if (value.size === 0) throw badRequest('file must be non-empty');
    const stored: StoredFile = {
      fileId: `${field === 'photo' ? 'AgAC' : 'BQAC'}${randomBytes(24).toString('base64url')}`,
      fileUniqueId: `AgAD${randomBytes(8).toString('base64url')}`,
      upload: value,
    };
    state.files.set(stored.fileId, stored);
    return stored;
  }
  const reference = String(value);
  const known = state.files.get(reference);
  if (known) return known;
  if (/^https?:\/\//.test(reference)) {
    return {
      fileId: `BQAC${randomBytes(24).toString('base64url')}`,
      fileUniqueId: reference,
      upload: undefined,
    };
  }
  throw badRequest('wrong file identifier/HTTP URL specified');
}

function captionFields(params: Params): Pick<Message.CaptionableMessage, 'caption' | 'caption_entities'> {
  const source = optString(params, 'caption');
  if (source === undefined) return {};
  const parsed = parseFormatted(source, optString(params, 'parse_mode'));
  if (parsed.text.length > MAX_CAPTION_LENGTH) throw badRequest('message caption is too long');
  if (parsed.text === '') return {};
  return {
    caption: parsed.text,
    ...(parsed.entities.length > 0 ? { caption_entities: parsed.entities } : {}),
  };
}

/** Width and height of a PNG or JPEG, else 0x0. */
export function imageSize(bytes: Buffer): { width: number; height: number } {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  let i = 2;
  while (bytes[0] === 0xff && bytes[1] === 0xd8 && i + 9 < bytes.length) {
    const marker = bytes[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) };
    }
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return { width: 0, height: 0 };
}

function photoSizes(file: StoredFile, upload: UploadedFile | undefined): PhotoSize[] {
  const { width, height } = upload ? imageSize(upload.bytes) : { width: 0, height: 0 };
  const longest = Math.max(width, height);
  const sides = [90, 320, 800, 1280].filter((side) => side < longest);
  const sizes = sides.map((side, index) => ({
    file_id: `${file.fileId}_${index}`,
    file_unique_id: `${file.fileUniqueId}_${index}`,
    width: Math.round((width * side) / longest),
    height: Math.round((height * side) / longest),
  }));
  const full = { file_id: file.fileId, file_unique_id: file.fileUniqueId, width, height };
  return [...sizes, upload ? { ...full, file_size: upload.size } : full];
}

/** sendDocument: multipart upload, file_id or URL; records the file name; caption ≤ 1024. */
export const sendDocument: MethodHandler = ({ params, state }) => {
  const chat = targetChat(state, params);
  const file = readUpload(state, params, 'document');
  if (file.upload && file.upload.size > MAX_DOCUMENT_BYTES)
    throw new BotApiError(413, 'Request Entity Too Large');
  const caption = captionFields(params);
  const document: Document = { file_id: file.fileId, file_unique_id: file.fileUniqueId };
  if (file.upload) {
    Object.assign(document, {
      file_name: file.upload.filename,
      mime_type: guessMimeType(file.upload.filename),
      file_size: file.upload.size,
    });
  }
  const message: Message.DocumentMessage = { ...outgoingBase(state, chat, params), ...caption, document };
  state.chats.put(message);
  return ok(message);
};

/** sendPhoto: returns several PhotoSize entries like Telegram (dimensions read from PNG/JPEG headers). */
export const sendPhoto: MethodHandler = ({ params, state }) => {
  const chat = targetChat(state, params);
  const file = readUpload(state, params, 'photo');
  if (file.upload && file.upload.size > MAX_PHOTO_BYTES) throw badRequest('file is too big');
  const caption = captionFields(params);
  const message: Message.PhotoMessage = {
    ...outgoingBase(state, chat, params),
    ...caption,
    photo: photoSizes(file, file.upload),
  };
  state.chats.put(message);
  return ok(message);
};
