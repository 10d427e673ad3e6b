/**
 * Downloads a file a Telegram user sent: `getFile` gives its path, then the bytes come from
 * `<apiRoot>/file/bot<token>/<file_path>` (telegraf's `getFileLink`). The download stops at a size cap.
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
    const link = await this.api.getFileLink(fileId);
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
}
