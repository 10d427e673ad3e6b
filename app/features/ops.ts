import type { Feature, FeatureDeps } from './feature.ts';

/** Wiring of the ops feature (see the feature's folders). */
export async function startOpsFeature(_deps: FeatureDeps): Promise<Feature> {
  return {};
}
