import { foldForMatch } from '../text/normalize-vietnamese.ts';

/** What one "Cơ quan thực hiện" cell says about who leads and who supports. */
export interface ResponsibilitySplit {
  lead: string;
  /** Empty when the cell names no supporting body. */
  support: string;
}

/**
 * "phối hợp" (with or without diacritics) starting a part of the cell: at the start, or after a
 * separator or a lead's own label ("Sở Tư pháp chủ trì, phối hợp với Công an tỉnh").
 */
const SUPPORT_MARKER =
  /(?:^|[\s,;.:(\u2013\u2014-])(?:(?:các\s+)?(?:cơ quan|co quan|đơn vị|don vi)\s+)?(?:phối hợp|phoi hop)(?:\s+(?:với|voi|thực hiện|thuc hien))?\s*:?/iu;
/** "Chủ trì:" / "Cơ quan chủ trì:" written before the lead's name. */
const LEAD_LABEL = /^\s*(?:(?:cơ quan|co quan|đơn vị|don vi)\s+)?(?:chủ trì|chu tri)\s*:\s*/iu;

/**
 * Splits a cell that names both the lead and the supporting bodies ("Chủ trì: Sở Nông nghiệp và Môi
 * trường; phối hợp: Công an tỉnh", "Sở Tư pháp chủ trì, phối hợp với Công an tỉnh"), as plans with a
 * single "Cơ quan thực hiện" column write it. The text before the first "phối hợp" leads, the text after
 * it supports. A cell whose "phối hợp" ends it ("Đề nghị Hội Nông dân phối hợp") or opens it names no
 * lead of its own and is returned whole as the lead, for the agency reader to judge. Pure; never throws.
 */
export function splitResponsibilityCell(cell: string): ResponsibilitySplit {
  const match = SUPPORT_MARKER.exec(cell);
  if (!match) return { lead: cell, support: '' };
  const before = cell.slice(0, match.index).replace(/[\s,;.:(\u2013\u2014-]+$/u, '');
  const after = cell.slice(match.index + match[0].length).replace(/^[\s,;.:)]+/u, '');
  const lead = before.replace(LEAD_LABEL, '');
  if (foldForMatch(lead).trim() === '' || foldForMatch(after).trim() === '')
    return { lead: cell, support: '' };
  return { lead, support: after };
}
