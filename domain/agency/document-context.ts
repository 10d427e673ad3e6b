import { foldForMatch } from '../text/normalize-vietnamese.ts';
import type { AgencyEntry } from './agency.ts';
import type { AgencyAlias, AgencyDirectory } from './agency-directory.ts';

/** Who issued a plan: a province, a centrally-run city (thành phố trực thuộc trung ương), or a ministry/sector. */
export type IssuerLevel = 'province' | 'city' | 'ministry';

/** The issuing body a plan's names are read against. */
export interface DocumentContext {
  level: IssuerLevel;
  /** "Bình Định", "Đà Nẵng", or the ministry as written ("Bộ Tài chính"); null when unknown. */
  place: string | null;
}

const CENTRAL_CITIES = ['ha noi', 'ho chi minh', 'hai phong', 'da nang', 'can tho', 'hue'];
const MINISTRY =
  /^(?:bo truong |kt bo truong |tm )?(?:bo (?!chi huy)|van phong chinh phu|thanh tra chinh phu|ngan hang nha nuoc viet nam|bao hiem xa hoi viet nam|uy ban dan toc|tong cuc |kiem toan nha nuoc)/u;

/**
 * Reads the issuing body's level from the document's facts: "BỘ TÀI CHÍNH" (or "Bộ trưởng Bộ ...") is a
 * ministry; "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG", or a province that is one of the six centrally-run
 * cities, is a city; anything else a province.
 */
export function readDocumentContext(issuingBody: string | null, province: string | null): DocumentContext {
  const body = foldForMatch(issuingBody ?? '');
  if (MINISTRY.test(body)) {
    const name = /\b(bo .+)$/u.test(body)
      ? (issuingBody ?? '').replace(/^.*?\b(BỘ|Bộ)\s/u, 'Bộ ')
      : issuingBody;
    return { level: 'ministry', place: name ? titleCase(name) : null };
  }
  const city = foldForMatch(province ?? '');
  if (/\bthanh pho\b/u.test(body) || CENTRAL_CITIES.includes(city)) {
    return { level: 'city', place: province };
  }
  return { level: 'province', place: province };
}

function titleCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** "Công an tỉnh" -> "Công an thành phố", "Tỉnh đoàn" -> "Thành đoàn": a province's name in a city. */
function cityWording(text: string): string {
  return text
    .replace(/\bTỉnh (đoàn|ủy|Đoàn|Ủy)\b/gu, (_w, rest: string) => `Thành ${rest}`)
    .replace(/\btỉnh\b/gu, 'thành phố');
}

/** Entries whose names belong to a province (dropped when a ministry's plan is read). */
function isProvincial(entry: AgencyEntry): boolean {
  if (entry.kind !== 'central' && entry.kind !== 'other') return true;
  return /tỉnh/iu.test(entry.name);
}

/**
 * The directory a plan is read with. A city's plan: every "... tỉnh" name is also read as "... thành
 * phố" ("UBND Thành phố", "Văn phòng UBND Thành phố", "Công an Thành phố", "Thành đoàn") and "thành
 * phố" after a name is its level. A ministry's plan: provincial bodies are left out, so "Văn phòng Bộ"
 * or "Cục Thuế" are never a province's office or tax department. `extra` adds what the document itself
 * defines (abbreviations, learned bodies).
 */
export function directoryForDocument(
  base: AgencyDirectory,
  context: DocumentContext,
  extra: { entries: readonly AgencyEntry[]; aliases: readonly AgencyAlias[] },
): AgencyDirectory {
  if (context.level === 'ministry') {
    return base.derive({ ...extra, exclude: isProvincial });
  }
  if (context.level === 'city') {
    const aliases: AgencyAlias[] = [];
    for (const entry of base.entries()) {
      for (const written of [entry.name, entry.shortName ?? '', ...entry.aliases]) {
        const city = cityWording(written);
        if (written === '' || city === written) continue;
        aliases.push({ alias: city, key: entry.key });
        // "Công an TP", "Sở Y tế TP.HCM": the city's abbreviation in place of "thành phố".
        if (/\btỉnh\b/u.test(written))
          aliases.push({ alias: written.replace(/\btỉnh\b/gu, 'TP'), key: entry.key });
      }
    }
    return base.derive({ entries: extra.entries, aliases: [...aliases, ...extra.aliases], cityLevel: true });
  }
  return base.derive(extra);
}

/** The name a known agency goes by in this document: "Công an thành phố" in a city's plan. */
export function nameInContext(name: string, context: DocumentContext): string {
  return context.level === 'city' ? cityWording(name) : name;
}
