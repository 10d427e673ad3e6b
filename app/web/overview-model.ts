/**
 * The overview's figures: the weekly digest at this instant, built by the digest's own `buildDigest`
 * from the overview's reduced snapshot (store/web-overview.ts), so that its totals, groups, due-soon
 * and blocker lists are those of `npm run cli -- digest --json` at the same moment without loading
 * everything else a digest carries. When that snapshot cannot be exact, the full digest is built.
 */
import { buildDigest } from '../../domain/digest/build-digest.ts';
import type { DigestModel } from '../../domain/digest/digest-model.ts';
import { buildCurrentDigest } from '../../jobs/digest/build-and-store-digest.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { leadNamesOf, loadOverviewInput } from '../../store/web-overview.ts';

/** What the overview shows of a digest (the other lists are not loaded). */
export type OverviewModel = Pick<
  DigestModel,
  | 'asOf'
  | 'today'
  | 'totals'
  | 'overdueRate'
  | 'overdueRateChange'
  | 'summary'
  | 'groups'
  | 'dueSoon'
  | 'blockers'
>;

/** The overview's model at `asOf`. */
export async function overviewModel(db: PrismaClient, asOf: Date): Promise<OverviewModel> {
  const input = await loadOverviewInput(db, asOf);
  if (input === null) return (await buildCurrentDigest({ db, kind: 'weekly', at: asOf })).model;
  const model = buildDigest(input);
  const leads = await leadNamesOf(
    db,
    model.dueSoon.map((d) => d.taskId),
  );
  const { today, totals, overdueRate, overdueRateChange, summary, groups, dueSoon, blockers } = model;
  return {
    asOf: model.asOf,
    today,
    totals,
    overdueRate,
    overdueRateChange,
    summary,
    groups,
    dueSoon: dueSoon.map((d) => ({ ...d, lead: leads.get(d.taskId) ?? [] })),
    blockers,
  };
}
