/**
 * `npm run db:generate`: runs `prisma generate` offline.
 *
 * Prisma 7's CLI insists on a native schema engine binary before any command, and downloads it from the
 * internet when absent, although `generate` never uses it. Pointing PRISMA_SCHEMA_ENGINE_BINARY at a
 * placeholder file, for this one command only, skips the download. (Never set it for `migrate`: the CLI
 * would then exit 0 and apply nothing; migrations go through prisma/scripts/migrate.ts.)
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(tmpdir(), 'prisma-engine-'));
const placeholder = path.join(dir, 'schema-engine');
writeFileSync(placeholder, '#!/bin/sh\nexit 1\n');
chmodSync(placeholder, 0o755);
try {
  const result = spawnSync('npx', ['prisma', 'generate'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
  process.exitCode = result.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
