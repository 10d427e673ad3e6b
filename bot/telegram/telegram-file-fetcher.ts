/**
 * Downloads a file a Telegram user sent: `getFile` gives its size and path, then the bytes come from
 * `<apiRoot>/file/bot<token>/<file_path>` (telegraf's `getFileLink`). A file over the size cap is refused
 * before any byte is downloaded (getFile's `file_size`, or its 400 "file is too big" above the Bot
 * API's 20 MB download limit); the download itself also stops at the cap.
 */
import { Telegram } from 'telegraf';
import { type FileFetcher, FileTooLargeError } from '../../handlers/admin/file-fetcher.ts';
import type { ChannelId } from '../../handlers/channel.ts';

export interface TelegramFileFetcherOptions {
  token: string;
  apiRoot?: string;
  maxBytes: number;
  /** Abort a download after this long. @defaultValue 60 s */
  timeoutMs?: number;
}

export class TelegramFileFetcher implements FileFetcher {
  private readonly api: Telegram;

  constructor(private readonly options: TelegramFileFetcherOptions) {
    this.api = new Telegram(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : {});
  }

  async fetch(channel: ChannelId, fileId: string): Promise<Uint8Array> {
    if (channel !== 'telegram') throw new Error(`cannot download files from ${channel}`);
    const file = await this.getFile(fileId);
    if (file.file_size !== undefined && file.file_size > this.options.maxBytes)
      throw new FileTooLargeError(this.options.maxBytes);
    const link = await this.api.getFileLink(file);
    const response = await fetch(link, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000) });
    if (!response.ok || !response.body) throw new Error(`file download failed: HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > this.options.maxBytes) throw new FileTooLargeError(this.options.maxBytes);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > this.options.maxBytes) throw new FileTooLargeError(this.options.maxBytes);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  private async getFile(fileId: string) {
    try {
      return await this.api.getFile(fileId);
    } catch (error) {
      const description = (error as { description?: unknown }).description;
      if (typeof description === 'string' && /file is too big/iu.test(description))
        throw new FileTooLargeError(this.options.maxBytes);
      throw error;
    }
  }
}
