/**
 * Agencies named in Đề án 06 plans: the directory entry we route reminders to, and what a plan's
 * "Cơ quan chủ trì" / "Cơ quan phối hợp" cell says once parsed.
 */

/** What sort of body an agency is; decides nothing by itself but lets callers group and filter. */
export type AgencyKind =
  | 'provincial_department'
  | 'police'
  | 'provincial_office'
  | 'people_committee'
  | 'district_committee'
  | 'commune_committee'
  | 'central'
  | 'state_enterprise'
  | 'other';

/** One agency of the directory. */
export interface AgencyEntry {
  /** Stable identifier (kebab-case, ASCII), e.g. `so-thong-tin-truyen-thong`. */
  key: string;
  /** Canonical full name as a document writes it, e.g. "Sở Thông tin và Truyền thông". */
  name: string;
  /** Common short form, e.g. "Sở TT&TT". */
  shortName?: string;
  kind: AgencyKind;
  /** Other ways documents write this agency: short forms, abbreviations ("STTTT"), old names. */
  aliases: string[];
  /**
   * The agency that took over this one's tasks after a reorganisation, or null/absent when none.
   * Followed by {@link AgencyDirectory.currentHolder}; never used to rewrite what a plan says.
   */
  successorKey?: string | null;
  /** False for agencies that no longer exist under this name (dissolved or merged). */
  active: boolean;
  /**
   * Set for a body learned from a plan and not yet confirmed by an admin: the key of that plan.
   * Such entries are listed after every import that names them until confirmed or merged (`/coquan`).
   */
  learnedFrom?: string | null;
}

/** One agency, group or unrecognised phrase found in a plan's agency cell, in the order written. */
export type AgencyMention =
  /** A single agency of the directory (or a synthesised district/commune committee). */
  | {
      type: 'agency';
      key: string;
      name: string;
      raw: string;
      /** Set when `raw` is a misspelt or mis-spaced form of this known abbreviation ("SLĐTB XH"). */
      variantOf?: string;
    }
  /**
   * A well-formed body's name the directory does not know ("Trung tâm Phục vụ hành chính công"):
   * `name` is the name as written, to add to the directory as learned from the plan.
   */
  | { type: 'learned'; raw: string; name: string }
  /** A group that names no single agency ("Các sở, ban, ngành"); `label` is its canonical wording. */
  | { type: 'collective'; raw: string; label: string }
  /** Text that could not be recognised, trimmed, without trailing punctuation. */
  | { type: 'unknown'; raw: string };
