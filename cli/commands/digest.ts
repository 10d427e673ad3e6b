import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

/** CLI commands of the digest feature. */
export function registerDigest(_program: Command, _ctx: CliContext): void {}
