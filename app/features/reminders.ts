import type { Feature, FeatureDeps } from './feature.ts';

/** Wiring of the reminders feature (see the feature's folders). */
export async function startRemindersFeature(_deps: FeatureDeps): Promise<Feature> {
  return {};
}
