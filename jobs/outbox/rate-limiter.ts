/**
 * BullMQ's limiter counts jobs per fixed window (`max` per `duration`), while platforms such as Telegram
 * count messages in any sliding second. A burst at the end of one window and another at the start of
 * the next can exceed the platform's rate. Smoothing: many short windows with a small `max`, chosen so
 * that any sliding second (which touches at most n+1 windows of 1000/n ms) stays within the rate.
 */
export interface LimiterSettings {
  max: number;
  duration: number;
}

/**
 * Shortest window we ask BullMQ to enforce (Redis timers below this are too coarse). Short windows
 * matter: the limiter counts jobs when they start, the platform counts requests when they arrive, and
 * the database work between varies by milliseconds; the fewer messages a window lets start together,
 * the less that jitter can squeeze into one second of arrivals. Measured at 300/s: 15 per 53 ms gave an
 * occasional 429; 10 per 35 ms none in three runs (nor 10 per 36 ms in two).
 */
const MIN_WINDOW_MS = 25;

export function smoothRateLimiter(ratePerSecond: number): LimiterSettings {
  if (!Number.isFinite(ratePerSecond) || ratePerSecond < 1)
    throw new RangeError('rate must be at least 1 per second');
  let best: { n: number; max: number; achieved: number } = {
    n: 1,
    max: Math.floor(ratePerSecond / 2) || 1,
    achieved: 0,
  };
  best.achieved = best.n * best.max;
  for (let n = 1; n <= 1000 / MIN_WINDOW_MS; n++) {
    const max = Math.floor(ratePerSecond / (n + 1));
    if (max < 1) break;
    if (n * max > best.achieved) best = { n, max, achieved: n * max };
  }
  // Rounded up: a longer window never lets more windows fit into one second.
  return { max: best.max, duration: Math.ceil(1000 / best.n) };
}
