/**
 * Start-up cost of the service: the time from spawning the process until `GET /health` answers 200, and
 * the resident memory once idle (1 s after that, summed over the process and its children: `tsx` runs
 * the service in a child process of its own). Two ways to run it: the build (`node dist/app/main.js`,
 * what `npm start` and the image run) and tsx (`tsx app/main.ts`, what `npm run dev` runs). The build is
 * brought up to date first (scripts/build-if-stale.mjs, not timed). Median of `runs` starts each.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { benchEnv, buildIfStale, healthy, REDIS_URL, ROOT } from './support.ts';

export interface StartupFigure {
  ms: number;
  rssMB: number;
}

export interface StartupResult {
  build: StartupFigure;
  tsx: StartupFigure;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Resident set of `pid` and all its descendants, in MB (Linux /proc). */
function treeRssMB(pid: number): number {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, ppid] of parent)
      if (tree.has(ppid) && !tree.has(child)) {
        tree.add(child);
        grew = true;
      }
  }
  let kB = 0;
  for (const p of tree) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      kB += Number(match?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kB / 1024;
}

async function startOnce(command: string[], env: NodeJS.ProcessEnv, port: number): Promise<StartupFigure> {
  const started = performance.now();
  const child: ChildProcess = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit');
  try {
    const deadline = Date.now() + 60_000;
    while (!(await healthy(port))) {
      if (child.exitCode !== null) throw new Error(`the service exited at start:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`no /health within 60 s:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const ms = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return { ms, rssMB: treeRssMB(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

export async function startupCost(runs = 3): Promise<StartupResult> {
  buildIfStale();
  const env = await benchEnv('startup');
  try {
    const port = 38_000 + Math.floor(Math.random() * 1000);
    const serviceEnv: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      DATABASE_URL: env.url,
      REDIS_URL,
      QUEUE_PREFIX: env.prefix,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
    };
    const measure = async (command: string[]): Promise<StartupFigure> => {
      const figures: StartupFigure[] = [];
      for (let i = 0; i < runs; i++) figures.push(await startOnce(command, serviceEnv, port));
      return { ms: median(figures.map((f) => f.ms)), rssMB: median(figures.map((f) => f.rssMB)) };
    };
    const build = await measure([process.execPath, 'dist/app/main.js']);
    const tsx = await measure([
      process.execPath,
      path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'app/main.ts',
    ]);
    return { build, tsx };
  } finally {
    await env.close();
  }
}
