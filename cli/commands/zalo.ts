import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

/** CLI commands of the zalo feature. */
export function registerZalo(_program: Command, _ctx: CliContext): void {}
