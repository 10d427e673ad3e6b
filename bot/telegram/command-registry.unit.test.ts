/**
 * The command registry is the one source of the router, the reply grammar's report commands, the help
 * text and the Telegram menu: iterate it and check that they agree.
 */
import { describe, expect, it } from 'vitest';
import { analyzeReplyLine } from '../../domain/reply/analyze-reply-line.ts';
import { REPORT_COMMAND_NAMES } from '../../domain/reply/report-commands.ts';
import {
  CHAT_COMMANDS,
  commandNameFor,
  findCommand,
  helpText,
} from '../../handlers/commands/command-registry.ts';
import { LOCALES } from '../../locales/index.ts';
import type { OfficerRole } from '../../store/officers.ts';
import { TELEGRAM_COMMANDS } from './bot-commands.ts';

const ROLES: readonly OfficerRole[] = ['officer', 'committee', 'admin'];
const OPTIONS = { hasReplyTarget: false, isKnownCode: () => true };

describe('the command registry', () => {
  it('GIVEN every name the reply grammar reads as the report command THEN the router finds the report command', () => {
    const report = findCommand('baocao');
    expect(report).not.toBeNull();
    for (const name of REPORT_COMMAND_NAMES) {
      expect(analyzeReplyLine(`/${name} 12 xong`, OPTIONS).hasCommand, name).toBe(true);
      expect(findCommand(name), name).toBe(report);
      expect(findCommand(name.toUpperCase()), name).toBe(report);
    }
  });

  it('GIVEN a slash word the router knows THEN the grammar reads it as a report only when it is the report command', () => {
    for (const command of CHAT_COMMANDS) {
      for (const name of command.names) {
        const isReport = (REPORT_COMMAND_NAMES as readonly string[]).includes(name);
        expect(analyzeReplyLine(`/${name} 12 xong`, OPTIONS).hasCommand, name).toBe(isReport);
      }
    }
  });

  it('GIVEN all the names THEN each belongs to exactly one command', () => {
    const names = CHAT_COMMANDS.flatMap((c) => c.names);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z_]{1,32}$/u);
  });

  it.each(ROLES.flatMap((role) => LOCALES.map((locale) => [role, locale] as const)))(
    'GIVEN role %s in %s THEN the help lists exactly the commands the role may run',
    (role, locale) => {
      const help = helpText(locale, role);
      for (const command of CHAT_COMMANDS) {
        if (command.summary === null) continue;
        const line = new RegExp(`^/${commandNameFor(command, locale)} — `, 'mu');
        expect(line.test(help), `${role} ${command.names[0]}`).toBe(command.roles.includes(role));
      }
    },
  );

  it('GIVEN the Telegram menus THEN they hold the menu commands under their names, usable by every officer', () => {
    const [vi, en] = TELEGRAM_COMMANDS;
    const menu = CHAT_COMMANDS.filter((c) => c.menu);
    expect(vi?.commands.map((c) => c.command)).toEqual(menu.map((c) => commandNameFor(c, 'vi')));
    expect(en?.commands.map((c) => c.command)).toEqual(menu.map((c) => commandNameFor(c, 'en')));
    for (const command of menu) expect(command.roles).toContain('officer');
    for (const item of [...(vi?.commands ?? []), ...(en?.commands ?? [])]) {
      expect(findCommand(item.command)).not.toBeNull();
      expect(item.description.length).toBeGreaterThan(0);
    }
  });
});
