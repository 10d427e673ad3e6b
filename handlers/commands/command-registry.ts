/**
 * The one table of chat commands. The router (`route-message.ts`), the help text ({@link helpText}), the
 * Telegram command menu (`bot/telegram/bot-commands.ts`) and the reply grammar's report command names
 * (`domain/reply/report-commands.ts`, used by the report entry here) all read it, so they cannot disagree.
 * A new command (e.g. `/web`) is one more entry in {@link CHAT_COMMANDS}.
 */
import { REPORT_COMMAND_NAMES } from '../../domain/reply/report-commands.ts';
import { type LocaleCode, t } from '../../locales/index.ts';
import type { OfficerRole } from '../../store/officers.ts';
import { setOfficerLocale } from '../../store/officers.ts';
import { ADMIN_COMMANDS } from '../admin/admin-commands.ts';
import { listMyTasks } from '../conversation/list-my-tasks.ts';
import { reportProgress } from '../conversation/report-progress.ts';
import { digestCommand } from '../digest/digest-command.ts';
import { leaveCommand } from '../reminders/leave-command.ts';
import { webCommand } from '../web/web-command.ts';
import { ANY_OFFICER, type ChatCommand } from './chat-command.ts';

/** `/trogiup` (`/help`, `/start` without a code): how to report, and the commands the sender may use. */
const helpCommand: ChatCommand = {
  names: ['trogiup', 'help', 'start'],
  roles: ANY_OFFICER,
  usage: null,
  summary: 'trogiup',
  menu: true,
  async run(turn) {
    await turn.reply(helpText(turn.locale, turn.officer.role));
    return 'processed';
  },
};

/** `/nhiemvu` (`/tasks`): the officer's tasks. */
const tasksCommand: ChatCommand = {
  names: ['nhiemvu', 'tasks'],
  roles: ANY_OFFICER,
  usage: null,
  summary: 'nhiemvu',
  menu: true,
  run: (turn) => listMyTasks(turn, turn.officer),
};

/** `/baocao 12 đang 60%` and every other name the reply grammar reads as the report command. */
const reportCommand: ChatCommand = {
  names: REPORT_COMMAND_NAMES,
  roles: ANY_OFFICER,
  usage: null,
  summary: 'baocao',
  menu: true,
  async run(turn, args) {
    if (!args) {
      await turn.reply(helpText(turn.locale, turn.officer.role));
      return 'processed';
    }
    return reportProgress(turn, turn.message.text.trim(), await turn.contextTaskIds());
  },
};

/** `/ngonngu vi|en` (`/language`): the officer's language. */
const languageCommand: ChatCommand = {
  names: ['ngonngu', 'language'],
  roles: ANY_OFFICER,
  usage: null,
  summary: 'ngonngu',
  menu: true,
  async run(turn, args) {
    const locale = args.toLowerCase();
    if (locale !== 'vi' && locale !== 'en') {
      await turn.reply(turn.m.languageUsage);
      return 'rejected';
    }
    await setOfficerLocale(turn.db, turn.officer.id, locale);
    await turn.reply(t(locale).languageChanged);
    return 'processed';
  },
};

/** Every chat command: the officers' own first (the menu's order), then digests and administration. */
export const CHAT_COMMANDS: readonly ChatCommand[] = [
  tasksCommand,
  reportCommand,
  helpCommand,
  languageCommand,
  ...ADMIN_COMMANDS.filter((c) => c.menu),
  leaveCommand,
  digestCommand,
  webCommand,
  ...ADMIN_COMMANDS.filter((c) => !c.menu),
];

const BY_NAME: ReadonlyMap<string, ChatCommand> = new Map(
  CHAT_COMMANDS.flatMap((command) => command.names.map((name) => [name, command] as const)),
);

/** The command a name (without the slash, any case) stands for, or null. */
export function findCommand(name: string): ChatCommand | null {
  return BY_NAME.get(name.toLowerCase()) ?? null;
}

/** The name a reader of `locale` is shown: the Vietnamese name, or the English alias. */
export function commandNameFor(command: ChatCommand, locale: LocaleCode): string {
  return locale === 'vi' ? command.names[0]! : (command.names[1] ?? command.names[0]!);
}

/** The commands a role may run that have a help line, in registry order. */
export function commandsFor(role: OfficerRole): ChatCommand[] {
  return CHAT_COMMANDS.filter((c) => c.summary !== null && c.roles.includes(role));
}

/**
 * The help text for a role in a language: how to report, then one line per command the role
 * may use (its Vietnamese name for Vietnamese readers, its English alias otherwise).
 */
export function helpText(locale: LocaleCode, role: OfficerRole): string {
  const m = t(locale);
  const lines = commandsFor(role).map(
    (c) => `/${commandNameFor(c, locale)} — ${m.commandSummaries[c.summary!]}`,
  );
  return [m.help, m.helpCommandsHeader, ...lines].join('\n');
}
