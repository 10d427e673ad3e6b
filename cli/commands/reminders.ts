import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

/** CLI commands of the reminders feature. */
export function registerReminders(_program: Command, _ctx: CliContext): void {}
