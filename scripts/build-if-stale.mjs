// `npm start` / `npm run worker` run the compiled JavaScript in dist/: this builds it first when it is
// missing or older than a source file (plain Node, so that it runs before anything is compiled).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCES = ['app', 'bot', 'cli', 'domain', 'handlers', 'jobs', 'locales', 'store', 'prisma'];
const STAMP = path.join(ROOT, 'dist', '.tsbuildinfo');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

let built = 0;
try {
  built = statSync(STAMP).mtimeMs;
} catch {
  // never built
}
const sources = Math.max(
  ...SOURCES.map((dir) => newest(path.join(ROOT, dir))),
  statSync(path.join(ROOT, 'tsconfig.build.json')).mtimeMs,
);
if (built < sources) {
  process.stderr.write('Building dist/ (npm run build)…\n');
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  const now = new Date();
  utimesSync(STAMP, now, now);
}
