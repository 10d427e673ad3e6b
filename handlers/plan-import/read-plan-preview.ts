/**
 * Reads plan file bytes into the import preview without touching the store: the one path from a file
 * to what would be imported, shared by the import and by tests and measurements with any directory.
 */
import type { AgencyDirectory } from '../../domain/agency/agency-directory.ts';
import { buildPlanPreview, type PlanPreview } from '../../domain/plan/build-plan-preview.ts';
import { parsePlanGrid } from '../../domain/plan/parse-plan-grid.ts';
import { parsePlanText } from '../../domain/plan/parse-plan-text.ts';
import { readPlanFile } from './read-plan-file.ts';

export interface ReadPreviewInput {
  bytes: Uint8Array;
  fileName: string;
  planTitle?: string | undefined;
  sheet?: string | undefined;
  /** Long files (PDF pages) report their progress here. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export type ReadPreviewResult =
  | { ok: false; reason: string; reasonEn: string }
  | { ok: true; preview: PlanPreview };

/** Reads a plan file and previews it against `directory`; never writes anything. */
export async function readPlanPreview(
  input: ReadPreviewInput,
  directory: AgencyDirectory,
): Promise<ReadPreviewResult> {
  const content = await readPlanFile(input.bytes, {
    fileName: input.fileName,
    sheet: input.sheet,
    onProgress: input.onProgress,
  });
  if (!content.ok) return { ok: false, reason: content.reason, reasonEn: content.reasonEn };
  const table = content.kind === 'text' ? parsePlanText(content.text) : parsePlanGrid(content.grid);
  const preview = buildPlanPreview(table, directory, {
    planTitle: input.planTitle,
    fileName: input.fileName,
  });
  return { ok: true, preview };
}
