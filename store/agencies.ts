/**
 * The agency directory in the store: built-in entries (domain/agency) mirrored into the Agency table so
 * that tasks and officers can reference them, plus what admins add (aliases, successors, new agencies).
 */

import type { AgencyEntry } from '../domain/agency/agency.ts';
import { AgencyDirectory } from '../domain/agency/agency-directory.ts';
import { BUILTIN_AGENCIES } from '../domain/agency/builtin-directory.ts';
import { foldForMatch } from '../domain/text/normalize-vietnamese.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';

type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** Inserts missing built-in agencies and their successor links; never overwrites admin changes. */
export async function syncBuiltinAgencies(db: Tx): Promise<void> {
  const existing = await db.agency.findMany({ select: { key: true } });
  const have = new Set(existing.map((a) => a.key));
  const missing = BUILTIN_AGENCIES.filter((e) => !have.has(e.key));
  if (missing.length === 0) return;
  await db.agency.createMany({
    data: missing.map((e) => ({
      key: e.key,
      name: e.name,
      shortName: e.shortName ?? null,
      kind: e.kind,
      active: e.active,
      builtin: true,
    })),
    skipDuplicates: true,
  });
  const ids = new Map(
    (await db.agency.findMany({ select: { id: true, key: true } })).map((a) => [a.key, a.id]),
  );
  for (const entry of missing) {
    const successorId = entry.successorKey ? ids.get(entry.successorKey) : undefined;
    if (successorId !== undefined) {
      await db.agency.update({ where: { key: entry.key }, data: { successorId } });
    }
  }
}

/**
 * Stores agencies found while reading a plan: district and commune committees the directory
 * synthesised, and bodies learned from the plan (with `learnedFrom`, until an admin confirms them).
 * Existing rows are left as they are; the aliases a plan defines for a learned body are kept.
 */
export async function storeDiscoveredAgencies(db: Tx, entries: readonly AgencyEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.agency.createMany({
    data: entries.map((e) => ({
      key: e.key,
      name: e.name,
      shortName: e.shortName ?? null,
      kind: e.kind,
      active: e.active,
      learnedFrom: e.learnedFrom ?? null,
    })),
    skipDuplicates: true,
  });
  const withAliases = entries.filter((e) => e.learnedFrom && e.aliases.length > 0);
  for (const entry of withAliases) {
    const row = await db.agency.findUnique({ where: { key: entry.key }, select: { id: true } });
    if (!row) continue;
    await db.agencyAlias.createMany({
      data: entry.aliases.map((alias) => ({ agencyId: row.id, alias, aliasKey: foldForMatch(alias) })),
      skipDuplicates: true,
    });
  }
}

/** The directory as the domain sees it: built-in data, stored agencies, admin aliases and successors. */
export async function loadAgencyDirectory(db: Tx): Promise<AgencyDirectory> {
  const rows = await db.agency.findMany({ include: { successor: { select: { key: true } }, aliases: true } });
  const builtin = new Map(BUILTIN_AGENCIES.map((e) => [e.key, e]));
  const entries: AgencyEntry[] = rows.map((row) => ({
    key: row.key,
    name: row.name,
    ...(row.shortName ? { shortName: row.shortName } : {}),
    kind: row.kind,
    aliases: [...(builtin.get(row.key)?.aliases ?? [])],
    successorKey: row.successor?.key ?? null,
    active: row.active,
    learnedFrom: row.learnedFrom,
  }));
  for (const entry of BUILTIN_AGENCIES) if (!rows.some((r) => r.key === entry.key)) entries.push(entry);
  const extraAliases = rows.flatMap((row) => row.aliases.map((a) => ({ alias: a.alias, key: row.key })));
  return new AgencyDirectory(entries, extraAliases);
}

export class AgencyNotFoundError extends Error {
  override name = 'AgencyNotFoundError';
}

/** Adds an admin alias ("Tổ giúp việc" -> Phòng PC06). Resolves the agency by key, name or alias. */
export async function addAgencyAlias(
  db: PrismaClient,
  alias: string,
  agencyName: string,
): Promise<AgencyEntry> {
  await syncBuiltinAgencies(db);
  const directory = await loadAgencyDirectory(db);
  const entry = directory.get(agencyName) ?? directory.lookup(agencyName);
  if (!entry) throw new AgencyNotFoundError(agencyName);
  const agency = await db.agency.findUniqueOrThrow({ where: { key: entry.key } });
  const aliasKey = foldForMatch(alias);
  await db.agencyAlias.upsert({
    where: { aliasKey },
    create: { agencyId: agency.id, alias: alias.trim(), aliasKey },
    update: { agencyId: agency.id, alias: alias.trim() },
  });
  return entry;
}

export interface AgencyListing {
  key: string;
  name: string;
  shortName: string | null;
  kind: string;
  active: boolean;
  aliases: string[];
  successor: string | null;
  currentHolder: string;
}

export async function listAgencies(db: PrismaClient): Promise<AgencyListing[]> {
  await syncBuiltinAgencies(db);
  const directory = await loadAgencyDirectory(db);
  const rows = await db.agency.findMany({
    include: { aliases: true, successor: true },
    orderBy: { name: 'asc' },
  });
  return rows.map((row) => {
    const entry = directory.get(row.key);
    return {
      key: row.key,
      name: row.name,
      shortName: row.shortName,
      kind: row.kind,
      active: row.active,
      aliases: [...new Set([...(entry?.aliases ?? []), ...row.aliases.map((a) => a.alias)])],
      successor: row.successor?.name ?? null,
      currentHolder: directory.currentHolder(row.key).name,
    };
  });
}

/** The Agency row for a name, alias or key, creating the row of a built-in or synthesised entry. */
export async function resolveAgencyId(
  db: PrismaClient,
  name: string,
): Promise<{ id: number; name: string } | null> {
  await syncBuiltinAgencies(db);
  const directory = await loadAgencyDirectory(db);
  const entry = directory.get(name) ?? directory.lookup(name);
  if (!entry) return null;
  await storeDiscoveredAgencies(db, [entry]);
  const row = await db.agency.findUniqueOrThrow({
    where: { key: entry.key },
    select: { id: true, name: true },
  });
  return row;
}

/**
 * Confirms a body learned from a plan: it stays in the directory as an ordinary agency and is no
 * longer listed as learned. Returns its name, or null when no agency has that name, alias or key.
 */
export async function confirmLearnedAgency(db: PrismaClient, name: string): Promise<string | null> {
  const found = await resolveAgencyId(db, name);
  if (!found) return null;
  await db.agency.update({ where: { id: found.id }, data: { learnedFrom: null } });
  return found.name;
}
