/**
 * Wiring of the dashboard (issue #17): its routes on the HTTP server (roles 'all' and 'bot'), and the
 * public address the `/web` command builds sign-in links with.
 */
import { registerDashboard } from '../web/dashboard.ts';
import type { Feature, FeatureDeps } from './feature.ts';

/** Starts the dashboard feature. */
export async function startWebFeature(deps: FeatureDeps): Promise<Feature> {
  if (deps.server) {
    await registerDashboard(deps.server, {
      db: deps.db,
      outbox: deps.outbox,
      now: deps.now,
      publicBaseUrl: deps.config.publicBaseUrl,
      enabledChannels: () => new Set(deps.channels.keys()),
    });
  }
  const base = deps.config.publicBaseUrl;
  return base ? { commandDeps: { publicBaseUrl: base } } : {};
}
