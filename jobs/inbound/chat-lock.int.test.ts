/**
 * The per-chat lock against the real Redis: one holder at a time, the again-flag, and the messages a
 * drain handled, which end later jobs of those messages without a query — but never a job of another
 * row that has the same id (a database restored from a dump), nor the holder's own re-run.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis, deletePrefix, uniquePrefix } from '../../test/support/redis.ts';
import { type ChatLock, createChatLock } from './chat-lock.ts';

let redis: Redis;
let lock: ChatLock;
const prefix = uniquePrefix();

beforeAll(() => {
  redis = createTestRedis();
  lock = createChatLock(redis, prefix, 15_000);
});

afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('chat lock', () => {
  it('GIVEN a holder THEN another job is busy, and the holder is asked to drain again', async () => {
    expect(await lock.acquire('telegram-1', 'job-a')).toBe('taken');
    expect(await lock.acquire('telegram-1', 'job-b', { id: 7, receivedAt: 1_000 })).toBe('busy');
    expect(await lock.release('telegram-1', 'job-a')).toBe('again');
    expect(await lock.release('telegram-1', 'job-a')).toBe('released');
    expect(await lock.acquire('telegram-1', 'job-b')).toBe('taken');
    expect(await lock.release('telegram-1', 'job-b')).toBe('released');
  });

  it('GIVEN messages a drain handled THEN their jobs end as handled; a row with the same id received later is drained', async () => {
    const handled = [
      { id: 10, receivedAt: 5_000 },
      { id: 11, receivedAt: 5_001 },
    ];
    expect(await lock.acquire('telegram-2', 'job-10', handled[0])).toBe('taken');
    expect(await lock.release('telegram-2', 'job-10', { handled })).toBe('released');

    expect(await lock.acquire('telegram-2', 'job-11', { id: 11, receivedAt: 5_001 })).toBe('handled');
    // The same id in another database lifetime (a restore): another row, not handled.
    expect(await lock.acquire('telegram-2', 'job-11b', { id: 11, receivedAt: 9_000 })).toBe('taken');
    expect(await lock.release('telegram-2', 'job-11b')).toBe('released');
    // Another chat's message with that id is not covered either.
    expect(await lock.acquire('telegram-3', 'job-x', { id: 10, receivedAt: 5_000 })).toBe('taken');
    expect(await lock.release('telegram-3', 'job-x')).toBe('released');
  });

  it('GIVEN a holder that died mid-drain THEN its own re-run takes the chat back, even for a handled message', async () => {
    const message = { id: 20, receivedAt: 6_000 };
    expect(await lock.acquire('telegram-4', 'job-20', message)).toBe('taken');
    expect(await lock.release('telegram-4', 'job-20', { handled: [message] })).toBe('released');
    expect(await lock.acquire('telegram-4', 'job-21')).toBe('taken');
    // job-21 dies holding the lock; BullMQ runs it again with the same id.
    expect(await lock.acquire('telegram-4', 'job-21', message)).toBe('taken');
    expect(await lock.release('telegram-4', 'job-21', { force: true })).toBe('released');
  });
});
