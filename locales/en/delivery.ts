import type { deliveryVi } from '../vi/delivery.ts';

/** Messages about delivery to officers' chats, in English. */
export const deliveryEn: typeof deliveryVi = {
  telegramUnreachable: (name, agency, hasFallback) =>
    [
      `⚠️ Telegram messages cannot reach ${name} (${agency}): the officer blocked the bot, left the chat, deleted the account or never opened a chat with the bot.`,
      hasFallback
        ? 'Their messages now go through Zalo instead.'
        : 'The officer has no other channel to receive reminders on.',
      'Please ask the officer to open Telegram, unblock the bot and send any message (e.g. /help). The bot can reach them again right after.',
    ].join('\n'),
};
