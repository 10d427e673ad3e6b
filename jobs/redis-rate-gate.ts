/**
 * A send gate shared by every process through Redis: the generic cell rate algorithm (GCRA). One key per
 * platform holds the "theoretical arrival time" (TAT) of the next send, in microseconds of the Redis
 * server's clock (so processes on machines with skewed clocks agree). Taking a slot is one EVALSHA: the
 * slot is max(TAT, now), the TAT moves one emission interval past it, and the answer is how long to wait
 * for the slot (0 = send now). Slots are never closer than one interval, so any second holds at most
 * `ratePerSecond` of them: unlike fixed windows, there is no burst at a window's edge.
 *
 * What the platform counts is arrivals, not slots. A send that leaves later than its slot (the event loop
 * was busy, a timer fired late) would crowd the ones after it, so the gate bounds that lateness: a slot
 * missed by more than `lateMs` is given up and a new one taken. The interval is computed over
 * 1000 + `headroomMs` ms, which leaves that many ms per second for lateness and network jitter: with the
 * defaults (headroom 20 ms, late 10 ms) a gate at 300/s hands out 294 slots a second.
 */
import type { Redis } from 'ioredis';

/** Takes a slot. KEYS[1]: the TAT key; ARGV[1]: emission interval (µs). Returns the wait in µs. */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(tat, now)
local nextTat = slot + tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%.0f', nextTat), 'PX', math.ceil((nextTat - now) / 1000) + 60000)
return slot - now
`;

/** Closes the gate for ARGV[1] ms from now (a 429 from the platform). */
const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local wanted = now + tonumber(ARGV[1]) * 1000
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if wanted > tat then
  redis.call('SET', KEYS[1], string.format('%.0f', wanted), 'PX', tonumber(ARGV[1]) + 60000)
end
return 0
`;

export interface RateGateOptions {
  /** Sends per second allowed through one key, across every process sharing the Redis keys. */
  ratePerSecond: number;
  /** Milliseconds per second kept free for sends that leave late or travel slower. @defaultValue 20 */
  headroomMs?: number;
  /** A slot missed by more than this is given up and a new one taken. @defaultValue 10 */
  lateMs?: number;
  /** Key prefix: keys are `<prefix>:outbox-rate:<key>`. */
  prefix: string;
  /** Tests: the clock and the sleep. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RateGate {
  /** Resolves when `key` (a platform) may send one message now; call it right before the send. */
  acquire(key: string): Promise<void>;
  /** Keeps `key` closed for `ms` from now, for every process (the platform answered 429). */
  hold(key: string, ms: number): Promise<void>;
  /** Slots per second the gate hands out per key. */
  readonly slotsPerSecond: number;
}

/** After this many missed slots in a row the send goes anyway (a machine too busy to ever be on time). */
const MAX_RETAKES = 8;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A {@link RateGate} over `redis` (commands are defined on it once, then sent by EVALSHA). */
export function createRateGate(redis: Redis, options: RateGateOptions): RateGate {
  if (!Number.isFinite(options.ratePerSecond) || options.ratePerSecond <= 0)
    throw new RangeError('ratePerSecond must be a positive number');
  const headroomMs = options.headroomMs ?? 20;
  const lateMs = options.lateMs ?? 10;
  const intervalUs = Math.ceil(((1000 + headroomMs) * 1000) / options.ratePerSecond);
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  const key = (k: string) => `${options.prefix}:outbox-rate:${k}`;
  const commands = redis as Redis & {
    outboxGateTake?: (key: string, intervalUs: number) => Promise<number>;
    outboxGateHold?: (key: string, ms: number) => Promise<number>;
  };
  if (!commands.outboxGateTake) {
    redis.defineCommand('outboxGateTake', { numberOfKeys: 1, lua: TAKE });
    redis.defineCommand('outboxGateHold', { numberOfKeys: 1, lua: HOLD });
  }
  return {
    slotsPerSecond: 1_000_000 / intervalUs,
    async acquire(k) {
      for (let retakes = 0; ; retakes++) {
        const asked = now();
        const waitUs = Number(await commands.outboxGateTake!(key(k), intervalUs));
        if (waitUs <= 0) {
          // The slot is now at Redis: late only if the answer itself took long to be read.
          if (now() - asked <= lateMs || retakes >= MAX_RETAKES) return;
          continue;
        }
        // The slot is at `asked + wait` or later (Redis read its clock after we asked): measuring from
        // there can only overstate the lateness, never hide it.
        const slot = asked + waitUs / 1000;
        await sleep(Math.max(0, Math.ceil(slot - now())));
        if (now() - slot <= lateMs || retakes >= MAX_RETAKES) return;
      }
    },
    async hold(k, ms) {
      await commands.outboxGateHold!(key(k), Math.max(0, Math.round(ms)));
    },
  };
}
