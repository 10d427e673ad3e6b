/**
 * The file-download port: the bytes of a file a user sent, by the platform's file reference. The
 * Telegram implementation lives in bot/telegram/telegram-file-fetcher.ts.
 */
import type { ChannelId } from '../channel.ts';

export interface FileFetcher {
  /** Downloads the file; rejects with {@link FileTooLargeError} above the size cap, or any error. */
  fetch(channel: ChannelId, fileId: string): Promise<Uint8Array>;
}

/** The largest plan file accepted from chat, in bytes (the plan reader refuses above 20 MB too). */
export const MAX_CHAT_FILE_BYTES = 20 * 1024 * 1024;

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`file larger than ${limitBytes} bytes`);
  }
}
