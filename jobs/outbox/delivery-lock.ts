/**
 * A short Redis lock per delivery, so that two jobs for the same delivery (a duplicate job under another
 * id, a stalled job picked up again while the first run still works) never send at the same time.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface DeliveryLock {
  /** Takes the lock for `ttlMs`; returns its token, or null when someone else holds it. */
  acquire(deliveryId: number, ttlMs: number): Promise<string | null>;
  /** Releases the lock if `token` still holds it. */
  release(deliveryId: number, token: string): Promise<void>;
}

/** Locks stored under `<prefix>:outbox-lock:<deliveryId>`. */
export function createDeliveryLock(redis: Redis, prefix: string): DeliveryLock {
  const key = (id: number) => `${prefix}:outbox-lock:${id}`;
  const commands = redis as Redis & { outboxLockRelease?: (key: string, token: string) => Promise<number> };
  if (!commands.outboxLockRelease)
    redis.defineCommand('outboxLockRelease', { numberOfKeys: 1, lua: RELEASE });
  return {
    async acquire(deliveryId, ttlMs) {
      const token = randomUUID();
      const ok = await redis.set(key(deliveryId), token, 'PX', Math.round(ttlMs), 'NX');
      return ok === 'OK' ? token : null;
    },
    async release(deliveryId, token) {
      await commands.outboxLockRelease!(key(deliveryId), token);
    },
  };
}
