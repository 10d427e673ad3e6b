/**
 * Masks personal numbers that officers sometimes paste into status replies before the text is stored or
 * shown in digests: citizen identity numbers (CCCD, 12 digits; old CMND, 9 digits, after a keyword),
 * Vietnamese phone numbers and bank account numbers (after "STK", "tài khoản", "account"...).
 *
 * Every digit but the last three becomes "*", and separators inside the number are dropped:
 * "STK 0123 4567 89123" -> "STK **********123". Progress ("60%"), counts ("5/7"), dates ("30/10/2023"),
 * document numbers ("4466/QĐ-UBND"), years and amounts written with thousand separators are left alone.
 */

/** The kinds of personal number {@link maskSensitive} recognises. */
export type SensitiveKind = 'citizen_id' | 'phone' | 'bank_account';

/** The masked text and the kinds of number found, in order of first appearance, without repeats. */
export interface MaskResult {
  text: string;
  masked: SensitiveKind[];
}

/** One optional separator between two digits of a grouped number. */
const SEP = '[ .\\-]?';
/** Not part of a longer number, a fraction or a date ("SĐT0912345678" glued to letters is still masked). */
const BEFORE = '(?<![\\p{N}_/]|\\d[ .\\-])';
const AFTER = '(?![ .\\-]?\\d)(?![\\p{N}_/%])';

const digits = (count: number): string => `\\d(?:${SEP}\\d){${count - 1}}`;

/** CCCD: 12 digits; every province code starts with 0 (001..096), which keeps amounts out. */
const CITIZEN_ID = new RegExp(`${BEFORE}0(?:${SEP}\\d){11}${AFTER}`, 'gu');

/** Mobile 0[35789]xxxxxxxx, landline 02xxxxxxxxx, and the same with +84 / 84 instead of the 0. */
const PHONE = new RegExp(
  `(?:${BEFORE}(?:0[35789](?:${SEP}\\d){8}|02\\d(?:${SEP}\\d){8}|84${SEP}[35789](?:${SEP}\\d){8})` +
    `|(?:\\(\\+84\\)|\\+84)${SEP}(?:[35789](?:${SEP}\\d){8}|2\\d(?:${SEP}\\d){8}))${AFTER}`,
  'gu',
);

/** A keyword, up to 40 characters without digits (bank name, "số", ":"), then the number. */
const BANK_ACCOUNT = new RegExp(
  '(?<![\\p{L}\\p{N}])(?:s[ốo]\\s*t[àa]i\\s*kho[ảa]n|s[ốo]\\s*tk|stk|t[àa]i\\s*kho[ảa]n|tk|account(?:\\s*(?:no\\.?|number|#))?|acct|a/c)(?![\\p{L}\\p{N}])' +
    `([^\\d\\n]{0,40}?)(${digits(8)}(?:${SEP}\\d){0,8})${AFTER}`,
  'giu',
);

/** After an identity keyword, 9 (CMND) or 12 (CCCD) digits whatever the first digit. */
const CITIZEN_ID_AFTER_KEYWORD = new RegExp(
  '(?<![\\p{L}\\p{N}])(?:cccd|cmnd|cmt|c[ăa]n\\s*c[ưu][ớo]c(?:\\s*c[ôo]ng\\s*d[âa]n)?|s[ốo]\\s*[đd][ịi]nh\\s*danh(?:\\s*c[áa]\\s*nh[âa]n)?|citizen\\s*id|id\\s*card)(?![\\p{L}\\p{N}])' +
    `([^\\d\\n]{0,20}?)(${digits(12)}|${digits(9)})${AFTER}`,
  'giu',
);

/** "tài khoản định danh", "tài khoản VNeID": user accounts of the identity app, not bank accounts. */
const NOT_BANK = /[đd][ịi]nh\s*danh|vneid|dvc|d[ịi]ch\s*v[ụu]\s*c[ôo]ng/iu;
/** "12.345.678": a count or an amount written with thousand separators. */
const THOUSANDS = /^\d{1,3}(?:[.,]\d{3})+$/u;

interface Span {
  start: number;
  end: number;
  kind: SensitiveKind;
}

/** Masks citizen IDs, phone numbers and bank account numbers in `text` (see the module comment). */
export function maskSensitive(text: string): MaskResult {
  const source = text.normalize('NFC');
  const spans: Span[] = [];
  const add = (start: number, end: number, kind: SensitiveKind): void => {
    if (spans.some((s) => start < s.end && s.start < end)) return;
    spans.push({ start, end, kind });
  };

  for (const m of source.matchAll(BANK_ACCOUNT)) {
    const filler = m[1] ?? '';
    const number = m[2] ?? '';
    if (NOT_BANK.test(filler) || THOUSANDS.test(number)) continue;
    const end = m.index + m[0].length;
    add(end - number.length, end, 'bank_account');
  }
  for (const m of source.matchAll(CITIZEN_ID_AFTER_KEYWORD)) {
    const number = m[2] ?? '';
    if (THOUSANDS.test(number)) continue;
    const end = m.index + m[0].length;
    add(end - number.length, end, 'citizen_id');
  }
  for (const m of source.matchAll(CITIZEN_ID)) add(m.index, m.index + m[0].length, 'citizen_id');
  for (const m of source.matchAll(PHONE)) add(m.index, m.index + m[0].length, 'phone');

  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += source.slice(at, span.start) + maskDigits(source.slice(span.start, span.end));
    at = span.end;
  }
  out += source.slice(at);
  const masked: SensitiveKind[] = [];
  for (const span of spans) if (!masked.includes(span.kind)) masked.push(span.kind);
  return { text: out, masked };
}

/** "0912 345 678" -> "*******678". */
function maskDigits(number: string): string {
  const ds = number.replace(/\D/gu, '');
  return '*'.repeat(Math.max(0, ds.length - 3)) + ds.slice(-3);
}

/** JSON keys whose strings are opaque machine data (file bytes, platform file ids), never personal text. */
const OPAQUE_KEYS: ReadonlySet<string> = new Set(['base64', 'file_id', 'file_unique_id']);

/** The string masked, or the very same string when nothing in it is personal (no normalisation then). */
function maskString(text: string): string {
  const { text: out, masked } = maskSensitive(text);
  return masked.length === 0 ? text : out;
}

/** A `{...}` literal or JSON object; class instances (Date, sentinels such as a database null) are not. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * {@link maskSensitive} applied to every string inside a JSON-like value (objects, arrays, nested), keys
 * kept; numbers, booleans, null, class instances and the strings under {@link OPAQUE_KEYS} are returned as they are. The
 * result has the same shape, so a zod schema that accepted the value accepts the masked one.
 */
export function maskSensitiveDeep<T>(value: T): T {
  return maskValue(value, '') as T;
}

function maskValue(value: unknown, key: string): unknown {
  if (typeof value === 'string') return OPAQUE_KEYS.has(key) ? value : maskString(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, key));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskValue(v, k);
  return out;
}
