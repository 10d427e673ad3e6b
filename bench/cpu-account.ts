/**
 * CPU time spent by each part of the deployed service during a measured span: the worker processes, the
 * webhook process (`bot` role), this process (the fake Bot API and the posting client), the PostgreSQL
 * backends of one database and the Redis server. Throughput on a shared 2-core machine swings by a
 * third between runs; CPU per reply does not, so it is the figure to compare changes by.
 *
 * Linux only (it reads /proc/<pid>/stat, as `ps` does): elsewhere, and for a part it cannot read, the
 * part is null.
 */
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type pg from 'pg';

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux build that matters). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, or null when it cannot be read. */
function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU seconds of the Redis server so far (its own count, `INFO cpu`). */
async function redisCpuSeconds(redis: Redis): Promise<number | null> {
  const info = await redis.info('cpu');
  const read = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'mu').exec(info)?.[1] ?? Number.NaN);
  const total = read('used_cpu_sys') + read('used_cpu_user');
  return Number.isFinite(total) ? total : null;
}

/** The backends of the database `watcher` is connected to (its own excluded). */
async function backendPids(watcher: pg.Client): Promise<number[]> {
  const rows = await watcher.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return rows.rows.map((r) => r.pid);
}

interface Snapshot {
  workers: (number | null)[];
  webhook: (number | null)[];
  self: NodeJS.CpuUsage;
  backends: Map<number, number | null>;
  redis: number | null;
}

/** Milliseconds of CPU per item, by part (null: not readable here). */
export interface CpuPerItem {
  workers: number | null;
  /** The webhook process(es): the `bot` role, which stores each update and acknowledges it. */
  webhook: number | null;
  /** This process: the fake Bot API and the client posting the updates (stand-ins for Telegram). */
  bench: number;
  postgres: number | null;
  redis: number | null;
  total: number | null;
}

export interface CpuAccount {
  /** Ends the span: the CPU each part used since the account was opened, per item, in ms. */
  perItem(items: number): Promise<CpuPerItem>;
}

/** The processes of the service measured, by part. */
export interface ServicePids {
  workers: readonly number[];
  webhook: readonly number[];
}

async function snapshot(pids: ServicePids, watcher: pg.Client, redis: Redis): Promise<Snapshot> {
  const backends = new Map<number, number | null>();
  for (const pid of await backendPids(watcher)) backends.set(pid, processCpuSeconds(pid));
  return {
    workers: pids.workers.map(processCpuSeconds),
    webhook: pids.webhook.map(processCpuSeconds),
    self: process.cpuUsage(),
    backends,
    redis: await redisCpuSeconds(redis),
  };
}

const sum = (values: readonly (number | null)[]): number | null =>
  values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0);

/**
 * Opens an account of the CPU used from now on. Backends that appear during the span count from zero;
 * a backend that ends during the span loses its share (pools keep theirs open under load).
 */
export async function openCpuAccount(
  pids: ServicePids,
  watcher: pg.Client,
  redis: Redis,
): Promise<CpuAccount> {
  const start = await snapshot(pids, watcher, redis);
  const used = (end: readonly (number | null)[], from: readonly (number | null)[]) =>
    sum(end.map((v, i) => (v === null || from[i] == null ? null : v - from[i]!)));
  return {
    async perItem(items) {
      const end = await snapshot(pids, watcher, redis);
      const workers = used(end.workers, start.workers);
      const webhook = used(end.webhook, start.webhook);
      const self = process.cpuUsage(start.self);
      const backends = [...end.backends].map(([pid, v]) => {
        if (v === null) return null;
        return v - (start.backends.get(pid) ?? 0);
      });
      const postgres = backends.length === 0 ? null : sum(backends);
      const redisUsed = end.redis === null || start.redis === null ? null : end.redis - start.redis;
      const ms = (seconds: number | null) => (seconds === null ? null : (seconds * 1000) / items);
      const bench = (self.user + self.system) / 1000 / items;
      const perItem = {
        workers: ms(workers),
        webhook: ms(webhook),
        postgres: ms(postgres),
        redis: ms(redisUsed),
      };
      const parts = [perItem.workers, perItem.webhook, perItem.postgres, perItem.redis, bench];
      return { ...perItem, bench, total: sum(parts) };
    },
  };
}
