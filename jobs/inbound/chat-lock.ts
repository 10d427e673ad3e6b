/**
 * The per-chat lock of the inbound queue (Redis, one key per chat): only its holder handles that chat's
 * messages, so that they are handled one at a time, in order. A job that finds the chat busy raises the
 * chat's "again" flag and is done: the holder checks the flag atomically when it releases, and drains the
 * chat once more instead. So a message stored while the holder works is never left behind, and no job
 * waits for another.
 *
 * The lock's value is the holder's job id: when a worker dies, BullMQ runs its stalled job again and that
 * run takes its own lock back at once (other jobs wait for the TTL).
 *
 * Each chat also keeps the messages its drains handled lately (their id and reception time, which
 * together name one stored row even across a restore from a dump that hands out the same ids again),
 * added on release. A job made for a message found there ends at once ("handled"), without a query: in a
 * burst most jobs find their message already drained by the job before.
 */
import type { Redis } from 'ioredis';

const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current ~= ARGV[1] and ARGV[3] ~= '' and redis.call('ZSCORE', KEYS[3], ARGV[3]) then
  return 2
end
if (not current) or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  redis.call('DEL', KEYS[2])
  return 1
end
redis.call('SET', KEYS[2], '1', 'PX', 3600000)
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if #ARGV > 4 then
  for i = 5, #ARGV, 2 do redis.call('ZADD', KEYS[3], ARGV[i], ARGV[i + 1]) end
  redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -1001)
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
end
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

/** Acquire result: taken; busy (the again-flag is raised for the holder); handled (by an earlier drain). */
export type AcquireResult = 'taken' | 'busy' | 'handled';

/** A stored message: its id and reception time in ms (see the file comment). */
export interface MessageMark {
  id: number;
  receivedAt: number;
}

/** How long a chat's handled messages are remembered after its last drain (the latest 1,000 of them). */
const HANDLED_TTL_MS = 24 * 3_600_000;

const memberOf = (message: MessageMark) => `${message.id}:${message.receivedAt}`;

export interface ChatLock {
  /**
   * Takes the chat for `holder`, or raises the chat's again-flag and answers `busy`; answers `handled`
   * when a drain of another holder handled `message`.
   */
  acquire(chat: string, holder: string, message?: MessageMark): Promise<AcquireResult>;
  /** Keeps the lock alive; false when it was lost (expired and taken). */
  extend(chat: string, holder: string): Promise<boolean>;
  /**
   * Releases the chat unless its again-flag was raised meanwhile (then clears the flag and keeps the lock:
   * `again`). With `force` it releases whatever the flag says (the holder hands the chat to a later job).
   * `handled` (the messages the holder's drain handled) are remembered.
   */
  release(
    chat: string,
    holder: string,
    options?: { force?: boolean; handled?: readonly MessageMark[] },
  ): Promise<ReleaseResult>;
}

/** A {@link ChatLock} with keys under `<prefix>:inbound-chat:`; `ttlMs` bounds a dead holder's lock. */
export function createChatLock(redis: Redis, prefix: string, ttlMs: number): ChatLock {
  const keys = (chat: string) => [
    `${prefix}:inbound-chat:${chat}`,
    `${prefix}:inbound-again:${chat}`,
    `${prefix}:inbound-handled:${chat}`,
  ];
  // Defined once per connection and sent by EVALSHA (not the script's text on every call).
  type Call = (...args: (string | number)[]) => Promise<unknown>;
  const commands = redis as Redis & {
    inboundChatAcquire?: Call;
    inboundChatExtend?: Call;
    inboundChatRelease?: Call;
  };
  if (!commands.inboundChatAcquire) {
    redis.defineCommand('inboundChatAcquire', { numberOfKeys: 3, lua: ACQUIRE });
    redis.defineCommand('inboundChatExtend', { numberOfKeys: 1, lua: EXTEND });
    redis.defineCommand('inboundChatRelease', { numberOfKeys: 3, lua: RELEASE });
  }
  return {
    async acquire(chat, holder, message) {
      const result = await commands.inboundChatAcquire!(
        ...keys(chat),
        holder,
        ttlMs,
        message ? memberOf(message) : '',
      );
      return result === 1 ? 'taken' : result === 2 ? 'handled' : 'busy';
    },
    async extend(chat, holder) {
      return (await commands.inboundChatExtend!(keys(chat)[0]!, holder, ttlMs)) === 1;
    },
    async release(chat, holder, { force = false, handled = [] } = {}) {
      const result = await commands.inboundChatRelease!(
        ...keys(chat),
        holder,
        force ? '1' : '0',
        ttlMs,
        HANDLED_TTL_MS,
        ...handled.flatMap((message) => [message.id, memberOf(message)]),
      );
      return result === 1 ? 'released' : result === 0 ? 'again' : 'lost';
    },
  };
}
