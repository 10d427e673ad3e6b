import type { Feature, FeatureDeps } from './feature.ts';

/** Wiring of the admin feature (see the feature's folders). */
export async function startAdminFeature(_deps: FeatureDeps): Promise<Feature> {
  return {};
}
