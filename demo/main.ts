/**
 * `npm run demo`: the whole product in one command, with no tokens. A database and a Redis prefix of its
 * own, the fake Telegram and Zalo servers of test/fakes, the real service in-process, and six simulated
 * weeks of a 2023 plan: onboarding, reminders, replies, an extension, escalations and committee digests.
 * See demo/run-demo.ts for the story; this file only makes sure the Prisma client exists first (the
 * service imports it statically).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
if (!existsSync(path.join(root, 'prisma/generated/client.ts'))) {
  process.stderr.write('• Prisma client missing: npm run db:generate\n');
  const generated = spawnSync('npm', ['run', '--silent', 'db:generate'], { cwd: root, stdio: 'inherit' });
  if (generated.status !== 0) process.exit(1);
}

const { runDemo } = await import('./run-demo.ts');
let code = 1;
try {
  code = await runDemo();
} catch (error) {
  process.stderr.write(
    `Demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
}
process.exit(code);
