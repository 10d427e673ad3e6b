/**
 * Builds a digest once per period: the first build of a kind and period key stores the Digest row;
 * later builds of the same period return the stored digest (rebuilt from its stored snapshot, so the
 * figures do not move) unless `force` replaces it.
 */
import { buildDigest } from '../../domain/digest/build-digest.ts';
import type { DigestKind } from '../../domain/digest/digest-input.ts';
import type { DigestModel } from '../../domain/digest/digest-model.ts';
import { digestPeriod } from '../../domain/digest/digest-period.ts';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { digestContent } from '../../store/digest-content.ts';
import { loadDigestInput } from '../../store/digest-snapshot.ts';
import { findDigest, type StoredDigest, saveDigest } from '../../store/digests.ts';

/** A stored digest and its model. */
export interface BuiltDigest {
  digest: StoredDigest;
  model: DigestModel;
  /** True when this call stored (or, with `force`, replaced) the row. */
  created: boolean;
}

/** Options of {@link buildAndStoreDigest}. */
export interface BuildDigestOptions {
  db: PrismaClient;
  kind: DigestKind;
  /** The as-of instant; it also chooses the period (see domain/digest/digest-period.ts). */
  at: Date;
  /** Rebuild from the database and replace the stored digest of the period. */
  force?: boolean;
}

/** The digest of the period of `at`: stored once, returned as stored afterwards. */
export async function buildAndStoreDigest(options: BuildDigestOptions): Promise<BuiltDigest> {
  const { db, kind, at } = options;
  if (!options.force) {
    const stored = await findDigest(db, kind, digestPeriod(kind, at).key);
    if (stored) return { digest: stored, model: buildDigest(stored.content.input), created: false };
  }
  const { period, input } = await loadDigestInput(db, { kind, asOf: at });
  const model = buildDigest(input);
  const saved = await saveDigest(db, {
    period,
    asOf: at,
    content: digestContent(input, model.totals),
    replace: options.force ?? false,
  });
  // Another worker stored the period first: theirs is the digest of record.
  const finalModel = saved.created ? model : buildDigest(saved.digest.content.input);
  return { digest: saved.digest, model: finalModel, created: saved.created };
}

/** The digest of `kind` at `at` without storing it (on-demand views: /tonghop, the CLI without --send). */
export async function buildCurrentDigest(options: {
  db: PrismaClient;
  kind: DigestKind;
  at: Date;
}): Promise<{ periodKey: string; model: DigestModel }> {
  const { period, input } = await loadDigestInput(options.db, { kind: options.kind, asOf: options.at });
  return { periodKey: period.key, model: buildDigest(input) };
}
