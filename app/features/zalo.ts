import type { Feature, FeatureDeps } from './feature.ts';

/** Wiring of the zalo feature (see the feature's folders). */
export async function startZaloFeature(_deps: FeatureDeps): Promise<Feature> {
  return {};
}
