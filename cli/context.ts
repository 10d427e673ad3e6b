/**
 * What every CLI command shares: output helpers, exit codes, and a lazily opened database.
 * Exit codes: 0 success, 1 invalid input (the command ran and refused), 2 usage error.
 */
import { parseConfig, readEnvironment } from '../app/config.ts';
import { createPrismaClient, type PrismaClient } from '../store/prisma-client.ts';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_INVALID,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliContext {
  db(): Promise<PrismaClient>;
  out(text: string): void;
  json(value: unknown): void;
  /** Progress and notes go to standard error, so that --json output stays parseable. */
  progress(text: string): void;
  /** One optional setting from the environment (after .env). */
  env(name: string): string | undefined;
  close(): Promise<void>;
}

export function createCliContext(): CliContext {
  let client: PrismaClient | undefined;
  return {
    async db() {
      if (client) return client;
      const parsed = parseConfig(readEnvironment());
      if (!parsed.ok) {
        const problems = parsed.problems.filter((p) => p.startsWith('DATABASE_URL'));
        throw new CliError(
          problems.length > 0 ? problems.join('\n') : parsed.problems.join('\n'),
          EXIT_USAGE,
        );
      }
      client = createPrismaClient({ databaseUrl: parsed.config.databaseUrl, maxConnections: 4 });
      return client;
    },
    out: (text) => void process.stdout.write(`${text}\n`),
    json: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    progress: (text) => void process.stderr.write(`${text}\n`),
    env: (name) => readEnvironment()[name] || undefined,
    async close() {
      await client?.$disconnect();
    },
  };
}
