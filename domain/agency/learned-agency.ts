import { foldForMatch } from '../text/normalize-vietnamese.ts';
import type { AgencyEntry, AgencyKind } from './agency.ts';

const MAX_KEY_LENGTH = 80;

/** The directory key of a learned body: "moi-" and its folded name ("moi-trung-tam-phuc-vu-hanh-chinh-cong"). */
export function learnedAgencyKey(name: string): string {
  const slug = foldForMatch(name)
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '');
  return `moi-${slug}`.slice(0, MAX_KEY_LENGTH).replace(/-$/u, '');
}

function kindOf(folded: string): AgencyKind {
  if (/^so /u.test(folded)) return 'provincial_department';
  if (/^cong an /u.test(folded)) return 'police';
  if (/^(ubnd|uy ban nhan dan) (xa|phuong|dac khu)\b/u.test(folded)) return 'commune_committee';
  if (/^(ubnd|uy ban nhan dan) /u.test(folded)) return 'people_committee';
  return 'other';
}

/**
 * A directory entry for a body named in a plan that the directory does not know. Its name is the name
 * as written (trimmed, first letter in capitals); `learnedFrom` records the plan until an admin confirms
 * or merges it.
 */
export function learnedAgencyEntry(name: string, planKey: string): AgencyEntry {
  const trimmed = name.trim().replace(/\s+/gu, ' ');
  const written = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return {
    key: learnedAgencyKey(written),
    name: written,
    kind: kindOf(foldForMatch(written)),
    aliases: [],
    successorKey: null,
    active: true,
    learnedFrom: planKey,
  };
}
