/**
 * The command menu Telegram shows next to the input field, built from the command registry's `menu`
 * entries. Vietnamese users (client language `vi`) see the Vietnamese names; everybody else sees the
 * English aliases. Both names are always understood (the registry routes every name of a command).
 */
import type { Telegram } from 'telegraf';
import type { BotCommand } from 'telegraf/types';
import { CHAT_COMMANDS, commandNameFor } from '../../handlers/commands/command-registry.ts';
import { type LocaleCode, t } from '../../locales/index.ts';

/** One menu: the `language_code` it is published for (`undefined` = the default menu) and its commands. */
export interface TelegramCommandMenu {
  readonly languageCode: string | undefined;
  readonly commands: readonly BotCommand[];
}

/** The menu of one language: each menu command of the registry under its name for that language. */
function menuFor(locale: LocaleCode): BotCommand[] {
  const m = t(locale);
  return CHAT_COMMANDS.filter((c) => c.menu && c.summary !== null).map((c) => {
    const summary = m.commandSummaries[c.summary!];
    return {
      command: commandNameFor(c, locale),
      description: summary.charAt(0).toUpperCase() + summary.slice(1),
    };
  });
}

/** The menus published by {@link publishCommands}, Vietnamese first, read from the command registry. */
export const TELEGRAM_COMMANDS: readonly TelegramCommandMenu[] = [
  { languageCode: 'vi', commands: menuFor('vi') },
  { languageCode: undefined, commands: menuFor('en') },
];

/** Publishes every menu of {@link TELEGRAM_COMMANDS} with setMyCommands (default scope). */
export async function publishCommands(telegram: Pick<Telegram, 'setMyCommands'>): Promise<void> {
  for (const menu of TELEGRAM_COMMANDS) {
    await telegram.setMyCommands(
      [...menu.commands],
      menu.languageCode === undefined ? {} : { language_code: menu.languageCode },
    );
  }
}
