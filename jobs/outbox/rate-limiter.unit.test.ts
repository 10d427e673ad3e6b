import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smoothRateLimiter } from './rate-limiter.ts';

/** The most jobs any sliding second can see: it overlaps at most ceil(1000/duration)+1 windows. */
function worstSlidingSecond({ max, duration }: { max: number; duration: number }): number {
  return (Math.ceil(1000 / duration) + 1) * max;
}

describe('smoothRateLimiter', () => {
  it.each([
    [300, 0.9],
    [30, 0.9],
    [25, 0.85],
    [1000, 0.9],
  ])('GIVEN %i/s THEN no sliding second exceeds it and the average reaches %f of it', (rate, share) => {
    const limiter = smoothRateLimiter(rate);
    expect(worstSlidingSecond(limiter)).toBeLessThanOrEqual(rate);
    expect((limiter.max * 1000) / limiter.duration).toBeGreaterThanOrEqual(rate * share);
    expect(limiter.duration).toBeGreaterThanOrEqual(25);
  });

  it('never lets a sliding second exceed the rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5000 }), (rate) => {
        expect(worstSlidingSecond(smoothRateLimiter(rate))).toBeLessThanOrEqual(rate);
      }),
    );
  });

  it('refuses a rate below 1', () => {
    expect(() => smoothRateLimiter(0)).toThrow(RangeError);
  });
});
