/**
 * `npm start` as a process: starts with no channel credentials, answers /health with database and Redis
 * reachable, logs that both channels are disabled, and exits 0 on SIGTERM; bad configuration stops it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { TEST_REDIS_URL } from '../support/redis.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function startService(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitForHealth(port: number, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return (await res.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('service did not answer /health in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the service process', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('GIVEN no channel credentials THEN it starts, reports health, and exits 0 on SIGTERM within 10 s', async () => {
    const port = await freePort();
    const service = startService({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    try {
      const health = await waitForHealth(port, 60_000);
      expect(health).toMatchObject({
        status: 'ok',
        database: { reachable: true },
        redis: { reachable: true },
        channels: { telegram: { enabled: false }, zalo: { enabled: false } },
      });
      expect(service.output()).toContain('Telegram channel disabled');
      expect(service.output()).toContain('Zalo channel disabled');
      const stoppedAt = Date.now();
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    } finally {
      service.child.kill('SIGKILL');
    }
  });

  it.each([
    [
      'a malformed DATABASE_URL',
      { DATABASE_URL: 'not-a-url', PORT: '3000' },
      /^Configuration error: DATABASE_URL: /mu,
    ],
    [
      'a bad PORT',
      { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x', PORT: '99999' },
      /^Configuration error: PORT: /mu,
    ],
  ])(
    'GIVEN %s THEN start-up stops with a one-line explanation and a non-zero exit',
    async (_name, env, line) => {
      const service = startService(env);
      const code = await service.exited;
      expect(code).not.toBe(0);
      const lines = service.output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(service.output()).not.toMatch(/\bat .+:\d+:\d+\)/u);
    },
  );
});
