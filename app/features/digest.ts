/**
 * Wiring of the digest feature: the `/tonghop` (`/digest`) command in every role that converses, and
 * the `digests` queue worker (build once per period, send to the committee) in the 'all' and 'worker'
 * roles. Text limits come from the live channels when they are configured.
 */
import type { ChannelId } from '../../handlers/channel.ts';
import { createDigestWorker, type DigestWorker } from '../../jobs/digest/digest-worker.ts';
import { type SendDigestDeps, sendCurrentDigest } from '../../jobs/digest/send-digest.ts';
import type { Feature, FeatureDeps } from './feature.ts';

/** Starts the digest feature. */
export async function startDigestFeature(deps: FeatureDeps): Promise<Feature> {
  // Read lazily: a feature started later (Zalo) may add its channel to the map.
  const limits = (): Partial<Record<ChannelId, number>> =>
    Object.fromEntries([...deps.channels].map(([id, channel]) => [id, channel.maxTextLength]));
  const sendDeps = (): SendDigestDeps => ({
    db: deps.db,
    outbox: deps.outbox,
    now: deps.now,
    limits: limits(),
  });

  let worker: DigestWorker | null = null;
  if (deps.role === 'all' || deps.role === 'worker') {
    worker = createDigestWorker({
      db: deps.db,
      outbox: deps.outbox,
      connection: deps.connection,
      prefix: deps.config.queuePrefix,
      now: deps.now,
      limits: limits(),
      logger: deps.logger,
    });
  }
  return {
    commandDeps: { sendCurrentDigest: (request) => sendCurrentDigest(sendDeps(), request) },
    async close() {
      await worker?.close();
    },
  };
}
