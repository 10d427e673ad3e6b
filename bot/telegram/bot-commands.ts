/**
 * The command menu Telegram shows next to the input field. Vietnamese users (client language `vi`) see the
 * Vietnamese commands; everybody else sees the English aliases. Both sets are always understood: the
 * reply grammar treats `/tasks` like `/nhiemvu`, and so on.
 */
import type { Telegram } from 'telegraf';
import type { BotCommand } from 'telegraf/types';

/** One menu: the `language_code` it is published for (`undefined` = the default menu) and its commands. */
export interface TelegramCommandMenu {
  readonly languageCode: string | undefined;
  readonly commands: readonly BotCommand[];
}

/** The menus published by {@link publishCommands}, Vietnamese first. */
export const TELEGRAM_COMMANDS: readonly TelegramCommandMenu[] = [
  {
    languageCode: 'vi',
    commands: [
      { command: 'nhiemvu', description: 'Nhiệm vụ của tôi' },
      { command: 'baocao', description: 'Báo cáo tiến độ' },
      { command: 'trogiup', description: 'Hướng dẫn' },
      { command: 'ngonngu', description: 'Ngôn ngữ' },
      { command: 'xingiahan', description: 'Xin gia hạn' },
      { command: 'nghiphep', description: 'Nghỉ phép' },
    ],
  },
  {
    languageCode: undefined,
    commands: [
      { command: 'tasks', description: 'My tasks' },
      { command: 'report', description: 'Report progress' },
      { command: 'help', description: 'Help' },
      { command: 'language', description: 'Language' },
      { command: 'extend', description: 'Ask for a deadline extension' },
      { command: 'leave', description: 'Leave of absence' },
    ],
  },
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
