/**
 * The per-chat lock of the inbound queue (Redis, one key per chat): only its holder handles that chat's
 * messages, so that they are handled one at a time, in order. A job that finds the chat busy raises the
 * chat's "again" flag and is done: the holder checks the flag atomically when it releases, and drains the
 * chat once more instead. So a message stored while the holder works is never left behind, and no job
 * waits for another.
 *
 * The lock's value is the holder's job id: when a worker dies, BullMQ runs its stalled job again and that
 * run takes its own lock back at once (other jobs wait for the TTL).
 */
import type { Redis } from 'ioredis';

const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if (not current) or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  redis.call('DEL', KEYS[2])
  return 1
end
redis.call('SET', KEYS[2], '1', 'PX', 3600000)
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if ARGV[2] == '0' and redis.call('DEL', KEYS[2]) == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return 0
end
redis.call('DEL', KEYS[1])
return 1`;

const EXTEND = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** Release result: released; `again` (a message came meanwhile: drain once more, still locked); lost. */
export type ReleaseResult = 'released' | 'again' | 'lost';

export interface ChatLock {
  /** Takes the chat for `holder`, or raises the chat's again-flag and answers false. */
  acquire(chat: string, holder: string): Promise<boolean>;
  /** Keeps the lock alive; false when it was lost (expired and taken). */
  extend(chat: string, holder: string): Promise<boolean>;
  /**
   * Releases the chat unless its again-flag was raised meanwhile (then clears the flag and keeps the lock:
   * `again`). With `force` it releases whatever the flag says (the holder hands the chat to a later job).
   */
  release(chat: string, holder: string, force?: boolean): Promise<ReleaseResult>;
}

/** A {@link ChatLock} with keys under `<prefix>:inbound-chat:`; `ttlMs` bounds a dead holder's lock. */
export function createChatLock(redis: Redis, prefix: string, ttlMs: number): ChatLock {
  const keys = (chat: string) => [`${prefix}:inbound-chat:${chat}`, `${prefix}:inbound-again:${chat}`];
  // Defined once per connection and sent by EVALSHA (not the script's text on every call).
  type Call = (...args: (string | number)[]) => Promise<unknown>;
  const commands = redis as Redis & {
    inboundChatAcquire?: Call;
    inboundChatExtend?: Call;
    inboundChatRelease?: Call;
  };
  if (!commands.inboundChatAcquire) {
    redis.defineCommand('inboundChatAcquire', { numberOfKeys: 2, lua: ACQUIRE });
    redis.defineCommand('inboundChatExtend', { numberOfKeys: 1, lua: EXTEND });
    redis.defineCommand('inboundChatRelease', { numberOfKeys: 2, lua: RELEASE });
  }
  return {
    async acquire(chat, holder) {
      return (await commands.inboundChatAcquire!(...keys(chat), holder, ttlMs)) === 1;
    },
    async extend(chat, holder) {
      return (await commands.inboundChatExtend!(keys(chat)[0]!, holder, ttlMs)) === 1;
    },
    async release(chat, holder, force = false) {
      const result = await commands.inboundChatRelease!(...keys(chat), holder, force ? '1' : '0', ttlMs);
      return result === 1 ? 'released' : result === 0 ? 'again' : 'lost';
    },
  };
}
