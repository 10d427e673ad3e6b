import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis, deletePrefix, uniquePrefix } from '../test/support/redis.ts';
import { createRateGate } from './redis-rate-gate.ts';

let redis: Redis[];
const prefix = uniquePrefix();

beforeAll(() => {
  // Three connections: three "processes" sharing the gate through Redis.
  redis = [createTestRedis(), createTestRedis(), createTestRedis()];
});
afterAll(async () => {
  await deletePrefix(redis[0]!, prefix);
  for (const r of redis) r.disconnect();
});

/** Most acquisitions that fell in any window of `windowMs` (both ends included: the strictest reading). */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! > windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('the Redis send gate (GCRA)', () => {
  it('GIVEN three processes taking 150 slots at 40/s THEN no second ever holds more than 40', async () => {
    const rate = 40;
    const gates = redis.map((r) => createRateGate(r, { ratePerSecond: rate, prefix }));
    const times: number[] = [];
    let left = 150;
    // Eight concurrent senders per process, each taking slots until 150 were taken in all.
    await Promise.all(
      gates.flatMap((gate) =>
        Array.from({ length: 8 }, async () => {
          while (left > 0) {
            left -= 1;
            await gate.acquire('telegram');
            times.push(performance.now());
          }
        }),
      ),
    );
    expect(times).toHaveLength(150);
    expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(rate);
    // How evenly the slots are spaced within a second is a timing figure (a busy test machine bunches the
    // moments this process observes): `npm run bench -- --only fanout` measures it at the fake platform.
  });

  it('GIVEN a hold after a 429 THEN no slot is handed out before it ends, in any process', async () => {
    const [a, b] = redis.map((r) => createRateGate(r, { ratePerSecond: 1000, prefix }));
    await a!.acquire('zalo');
    const held = performance.now();
    await a!.hold('zalo', 300);
    await b!.acquire('zalo');
    expect(performance.now() - held).toBeGreaterThanOrEqual(300 - 5);
  });

  it('keeps platforms apart: a hold on one does not close the other', async () => {
    const gate = createRateGate(redis[0]!, { ratePerSecond: 1000, prefix });
    await gate.hold('zalo-2', 60_000);
    // Resolves at once: a test timeout (not a timed assertion) would catch a gate shared across keys.
    await gate.acquire('telegram-2');
  });

  it('refuses a rate that is not a positive number', () => {
    expect(() => createRateGate(redis[0]!, { ratePerSecond: 0, prefix })).toThrow(RangeError);
    expect(() => createRateGate(redis[0]!, { ratePerSecond: Number.NaN, prefix })).toThrow(RangeError);
  });
});
