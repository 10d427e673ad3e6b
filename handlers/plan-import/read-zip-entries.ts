/**
 * Reads the parts of an OOXML container (a .docx or .xlsx is a zip) with a bound on what unpacking may
 * cost: the sizes the archive declares are added up before anything is inflated, so a "zip bomb" (a few
 * kilobytes that unpack to gigabytes) is refused without being unpacked.
 */
import { unzipSync } from 'fflate';

/** The most a plan container may unpack to, all parts together. Real plans unpack to a few MB. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/** At most this many parts; a Word or Excel file has a few dozen. */
const MAX_ENTRIES = 10_000;

export type ZipEntries =
  | { ok: true; names: string[]; files: Record<string, Uint8Array> }
  | { ok: false; problem: 'damaged' | 'too-large' };

/** The declared unpacked size of every part, without inflating any; null when the archive is unreadable. */
export function zipUnpackedSize(bytes: Uint8Array): { total: number; names: string[] } | null {
  let total = 0;
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        names.push(file.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return { total, names };
}

/**
 * Inflates the parts `wanted` selects, after checking the declared sizes of all parts against
 * {@link MAX_UNPACKED_BYTES}. Never throws: a damaged archive or one too large to unpack is a problem.
 */
export function readZipEntries(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limit = MAX_UNPACKED_BYTES,
): ZipEntries {
  const sizes = zipUnpackedSize(bytes);
  if (!sizes) return { ok: false, problem: 'damaged' };
  if (sizes.total > limit || sizes.names.length > MAX_ENTRIES) return { ok: false, problem: 'too-large' };
  try {
    const files = unzipSync(bytes, { filter: (file) => wanted(file.name) });
    const unpacked = Object.values(files).reduce((sum, f) => sum + f.length, 0);
    if (unpacked > limit) return { ok: false, problem: 'too-large' };
    return { ok: true, names: sizes.names, files };
  } catch {
    return { ok: false, problem: 'damaged' };
  }
}
