/**
 * APP_TIMEZONE is the time zone of the service's schedules: the running service registers every job
 * scheduler (reminder scheduling, the three digests, the nightly purge) in it, at the configured times.
 */
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { PLANNING_QUEUE } from '../../jobs/catalog.ts';
import { redisConnectionOptions } from '../../jobs/queues.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { TEST_REDIS_URL } from '../support/redis.ts';
import { waitUntil } from '../support/wait-until.ts';

/** The job schedulers of the app's planning queue, by id: `{ pattern, tz }`. */
async function schedulersOf(app: TestApp): Promise<Record<string, { pattern?: string; tz?: string }>> {
  const queue = new Queue(PLANNING_QUEUE, {
    connection: redisConnectionOptions(TEST_REDIS_URL),
    prefix: app.prefix,
  });
  try {
    const all = await waitUntil(async () => {
      const found = await queue.getJobSchedulers();
      return found.length === 5 ? found : null;
    }, 'the five job schedulers');
    return Object.fromEntries(
      all.map((s) => [s.key, { pattern: s.pattern ?? undefined, tz: s.tz ?? undefined }]),
    );
  } finally {
    await queue.close();
  }
}

describe('APP_TIMEZONE', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('GIVEN APP_TIMEZONE=Asia/Tokyo THEN every schedule fires in Tokyo time at its configured time', async () => {
    app = await startTestApp({ env: { APP_TIMEZONE: 'Asia/Tokyo', REMINDER_PLANNING_TIME: '06:45' } });
    expect(await schedulersOf(app)).toEqual({
      'schedule-planning': { pattern: '45 6 * * *', tz: 'Asia/Tokyo' },
      'schedule-weekly-digest': { pattern: '0 8 * * 1', tz: 'Asia/Tokyo' },
      'schedule-monthly-digest': { pattern: '0 8 16 * *', tz: 'Asia/Tokyo' },
      'schedule-quarterly-digest': { pattern: '30 8 16 3,6,9,12 *', tz: 'Asia/Tokyo' },
      'schedule-purge-inbound': { pattern: '15 3 * * *', tz: 'Asia/Tokyo' },
    });
  });

  it('GIVEN no APP_TIMEZONE THEN the schedules are in Vietnam time', async () => {
    app = await startTestApp();
    const zones = new Set(Object.values(await schedulersOf(app)).map((s) => s.tz));
    expect([...zones]).toEqual(['Asia/Ho_Chi_Minh']);
  });
});
