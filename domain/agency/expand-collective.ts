import type { AgencyEntry } from './agency.ts';
import type { AgencyDirectory } from './agency-directory.ts';
import type { IssuerLevel } from './document-context.ts';

/** Collectives that mean every department of the province or city. */
const DEPARTMENTS = new Set(['Các sở, ban, ngành', 'Các cơ quan chuyên môn thuộc tỉnh']);
/** Collectives that mean every commune-level committee. */
const COMMUNES = new Set(['UBND các xã, phường, thị trấn', 'UBND các xã, phường, đặc khu']);

/**
 * The directory's members of a collective, when the directory can tell them: every active department
 * of the province or city for "Các sở, ban, ngành", every registered commune committee for "UBND các
 * xã, phường". Empty when it cannot (a ministry's "các đơn vị thuộc Bộ", "Các cơ quan, đơn vị liên
 * quan"): such a task needs an admin to assign it.
 */
export function expandCollective(
  label: string,
  directory: AgencyDirectory,
  level: IssuerLevel,
): AgencyEntry[] {
  const active = directory.entries().filter((e) => e.active && !e.learnedFrom);
  if (DEPARTMENTS.has(label) && level !== 'ministry') {
    return active.filter((e) => e.kind === 'provincial_department');
  }
  if (COMMUNES.has(label) && level !== 'ministry')
    return active.filter((e) => e.kind === 'commune_committee');
  return [];
}
