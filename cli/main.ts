/**
 * The admin CLI: `npm run cli -- <command>`. Exit codes: 0 success, 1 invalid input, 2 usage error.
 * `--json` outputs are documented contracts (README.md).
 */
import { Command, CommanderError } from 'commander';
import { registerAdmin } from './commands/admin.ts';
import { registerAgencies } from './commands/agencies.ts';
import { registerDeadline } from './commands/deadline.ts';
import { registerDigest } from './commands/digest.ts';
import { registerImport } from './commands/import.ts';
import { registerInbound } from './commands/inbound.ts';
import { registerOfficers } from './commands/officers.ts';
import { registerReminders } from './commands/reminders.ts';
import { registerTasks } from './commands/tasks.ts';
import { registerWeb } from './commands/web.ts';
import { registerZalo } from './commands/zalo.ts';
import { CliError, createCliContext, EXIT_USAGE } from './context.ts';

async function main(argv: string[]): Promise<number> {
  const ctx = createCliContext();
  const program = new Command()
    .name('npm run cli --')
    .description('Đề án 06 bot — admin CLI')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError();
  registerImport(program, ctx);
  registerDeadline(program, ctx);
  registerAgencies(program, ctx);
  registerOfficers(program, ctx);
  registerTasks(program, ctx);
  registerReminders(program, ctx);
  registerDigest(program, ctx);
  registerAdmin(program, ctx);
  registerZalo(program, ctx);
  registerInbound(program, ctx);
  registerWeb(program, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
        ? 0
        : EXIT_USAGE;
    }
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`Failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await ctx.close();
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
