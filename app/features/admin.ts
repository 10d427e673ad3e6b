/**
 * Wiring of the administration feature (handlers/admin): the admin chat commands, the plan-file upload
 * flow (files downloaded through the Telegram Bot API), deadline extensions and explanations.
 */
import { TelegramFileFetcher } from '../../bot/telegram/telegram-file-fetcher.ts';
import { type FileFetcher, MAX_CHAT_FILE_BYTES } from '../../handlers/admin/file-fetcher.ts';
import type { ChannelId } from '../../handlers/channel.ts';
import type { Feature, FeatureDeps } from './feature.ts';

function fileFetcher(deps: FeatureDeps): FileFetcher {
  const telegram = deps.config.telegram.enabled
    ? new TelegramFileFetcher({
        token: deps.config.telegram.token,
        apiRoot: deps.config.telegram.apiRoot,
        maxBytes: MAX_CHAT_FILE_BYTES,
      })
    : null;
  return {
    fetch(channel, fileId) {
      if (channel === 'telegram' && telegram) return telegram.fetch(channel, fileId);
      return Promise.reject(new Error(`no file download on ${channel}`));
    },
  };
}

/** Starts the administration feature: what its chat commands need (file downloads, live channels). */
export async function startAdminFeature(deps: FeatureDeps): Promise<Feature> {
  return {
    commandDeps: {
      files: fileFetcher(deps),
      enabledChannels: () => new Set<ChannelId>(deps.channels.keys()),
    },
  };
}
