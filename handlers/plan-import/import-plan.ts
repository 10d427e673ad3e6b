/**
 * Import a plan file: read, parse, preview against the agency directory, and (unless it is a dry run or
 * the file has errors) write it in one transaction. Shared by the CLI and the chat upload flow.
 */
import { createHash } from 'node:crypto';
import type { PlanPreview } from '../../domain/plan/build-plan-preview.ts';
import { loadAgencyDirectory, syncBuiltinAgencies } from '../../store/agencies.ts';
import { applyPlanImport, type ImportChanges } from '../../store/plans.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { readPlanPreview } from './read-plan-preview.ts';

export interface ImportPlanInput {
  bytes: Uint8Array;
  fileName: string;
  planTitle?: string | undefined;
  sheet?: string | undefined;
  dryRun: boolean;
  /** Long files (PDF pages) report their progress here. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export type ImportPlanResult =
  | { kind: 'unreadable'; reason: string; reasonEn: string }
  | { kind: 'preview'; preview: PlanPreview; changes: null }
  | { kind: 'imported'; preview: PlanPreview; changes: ImportChanges };

/** Reads and previews a plan file without writing anything but the built-in agency directory. */
export async function previewPlanFile(db: PrismaClient, input: Omit<ImportPlanInput, 'dryRun'>) {
  await syncBuiltinAgencies(db);
  const directory = await loadAgencyDirectory(db);
  return readPlanPreview(input, directory);
}

export async function importPlan(db: PrismaClient, input: ImportPlanInput): Promise<ImportPlanResult> {
  const read = await previewPlanFile(db, input);
  if (!read.ok) return { kind: 'unreadable', reason: read.reason, reasonEn: read.reasonEn };
  const { preview } = read;
  if (input.dryRun || preview.errors.length > 0) return { kind: 'preview', preview, changes: null };
  const hash = createHash('sha256').update(input.bytes).digest('hex');
  const changes = await applyPlanImport(db, preview, { hash, name: input.fileName });
  return { kind: 'imported', preview, changes };
}
