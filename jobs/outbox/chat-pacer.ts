/**
 * Per-chat pacing in Redis, shared by every worker process: each chat has a "next free" instant, and a
 * reservation atomically takes the next slot and pushes the instant one interval further. Times come
 * from the Redis server clock, so workers on machines with skewed clocks still agree.
 */
import type { Redis } from 'ioredis';

/** Milliseconds the caller must wait for its reserved slot (0 = go now). */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, free)
local nextFree = slot + tonumber(ARGV[1])
redis.call('SET', KEYS[1], nextFree, 'PX', nextFree - now + 60000)
return slot - now
`;

/** Makes sure nothing is reserved before now + ARGV[1] ms. */
const HOLD = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local wanted = now + tonumber(ARGV[1])
if wanted > free then redis.call('SET', KEYS[1], wanted, 'PX', wanted - now + 60000) end
return 0
`;

/** Spaces out the sends to each chat. */
export interface ChatPacer {
  /** Reserves the next slot of `chat` and returns how many ms until it (0 = now). */
  reserve(chat: string, intervalMs: number): Promise<number>;
  /** Keeps `chat` free of sends for `ms` from now (after a 429). */
  hold(chat: string, ms: number): Promise<void>;
}

/** A pacer storing its keys under `<prefix>:outbox-pace:<chat>`. */
export function createChatPacer(redis: Redis, prefix: string): ChatPacer {
  const key = (chat: string) => `${prefix}:outbox-pace:${chat}`;
  // Defined once per connection and sent by EVALSHA (not the script's text on every call).
  const commands = redis as Redis & {
    outboxPaceReserve?: (key: string, intervalMs: number) => Promise<number>;
    outboxPaceHold?: (key: string, ms: number) => Promise<number>;
  };
  if (!commands.outboxPaceReserve) {
    redis.defineCommand('outboxPaceReserve', { numberOfKeys: 1, lua: RESERVE });
    redis.defineCommand('outboxPaceHold', { numberOfKeys: 1, lua: HOLD });
  }
  return {
    async reserve(chat, intervalMs) {
      return Number(await commands.outboxPaceReserve!(key(chat), Math.max(0, Math.round(intervalMs))));
    },
    async hold(chat, ms) {
      await commands.outboxPaceHold!(key(chat), Math.max(0, Math.round(ms)));
    },
  };
}
