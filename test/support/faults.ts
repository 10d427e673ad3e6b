/**
 * Helpers of the fault-injection tests (test/faults): polling for a condition with a deadline, a free
 * loopback port, and a private `redis-server` with an append-only file that a test may kill and restart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { waitUntil } from './wait-until.ts';

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A redis-server of the test's own: AOF on, fsync at every write, no RDB snapshots. */
export interface PrivateRedis {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** Current process id (changes on restart). */
  pid(): number | undefined;
  /** SIGKILLs the server (whatever was acknowledged is already in the AOF) and waits for its exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory and waits until it answers PING. */
  start(): Promise<void>;
  /** Kills the server and removes its directory; safe to call twice. */
  destroy(): Promise<void>;
}

async function pingable(port: number): Promise<boolean> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'deanbot-redis-'));
  let child: ChildProcess | undefined;
  const output: string[] = [];
  const start = async () => {
    const proc = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--dir',
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc.stdout?.on('data', (chunk) => output.push(String(chunk)));
    proc.stderr?.on('data', (chunk) => output.push(String(chunk)));
    child = proc;
    await waitUntil(
      async () => {
        if (proc.exitCode !== null) throw new Error(`redis-server exited:\n${output.join('')}`);
        return await pingable(port);
      },
      10_000,
      'private redis-server answers PING',
    );
  };
  const kill = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    pid: () => child?.pid,
    kill,
    start,
    async destroy() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
