import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

/** CLI commands of the admin feature. */
export function registerAdmin(_program: Command, _ctx: CliContext): void {}
