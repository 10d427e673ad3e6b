/**
 * Entry point: `npm start` (HTTP server, channels and workers in one process), `npm run worker`
 * (`--role=worker`: queue workers only). Builds every dependency explicitly and owns graceful shutdown.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '../store/prisma-client.ts';
import { loadConfigOrExit, secretsOf } from './config.ts';
import { createRedis, StartupError, waitForDatabase, waitForRedis } from './connect.ts';
import { createLogger } from './logger.ts';
import { type Role, type Runtime, startRuntime } from './runtime.ts';

/** The version in package.json: one level up from app/ (tsx), two from dist/app/ (the build). */
function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as {
        name?: string;
        version: string;
      };
      if (pkg.name === 'de-an-06-bot') return pkg.version;
    } catch {
      // not there: try the next level
    }
  }
  return '0.0.0';
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string', default: 'all' } } });
  const role = values.role as Role;
  if (!['all', 'bot', 'worker'].includes(role)) {
    process.stderr.write(`Unknown --role=${role}: use all, bot or worker\n`);
    process.exit(2);
  }
  const config = loadConfigOrExit(readVersion());
  const logger = createLogger({
    level: config.logLevel,
    secrets: secretsOf(config),
    base: { service: 'deanbot', role },
  });

  if (!config.telegram.enabled) logger.info('Telegram channel disabled: TELEGRAM_BOT_TOKEN is not set');
  if (!config.zalo.enabled) {
    logger.info('Zalo channel disabled: ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY are not set');
  }

  const db = createPrismaClient({ databaseUrl: config.databaseUrl });
  const redis = createRedis(config.redisUrl);
  const retry = { attempts: 10, delayMs: 1000 };
  await waitForDatabase(db, retry, logger);
  await waitForRedis(redis, retry, logger);

  // Signals are handled from here on, also while the runtime is still starting: a SIGTERM then waits
  // for start-up to finish and shuts down cleanly instead of killing the process mid-start.
  let stopping = false;
  let runtimeReady: Promise<Runtime | null> = Promise.resolve(null);
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    timer.unref();
    const runtime = await runtimeReady.catch(() => null);
    await runtime?.close().catch((error: unknown) => logger.error({ err: error }, 'error while closing'));
    await redis.quit().catch(() => redis.disconnect());
    await db.$disconnect();
    logger.info('stopped');
    logger.flush();
    process.exitCode = 0;
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  runtimeReady = startRuntime({ config, role, db, redis, logger });
  await runtimeReady;
  logger.info({ version: config.version }, 'service started');
}

main().catch((error: unknown) => {
  const message =
    error instanceof StartupError ? error.message : `Start-up failed: ${(error as Error)?.message ?? error}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
