import type { Feature, FeatureDeps } from './feature.ts';

/** Wiring of the digest feature (see the feature's folders). */
export async function startDigestFeature(_deps: FeatureDeps): Promise<Feature> {
  return {};
}
