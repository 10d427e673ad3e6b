/**
 * A plan imported by sending the file to the bot (Word .docx, PDF, XLSX, CSV, TSV/TXT). Admins only:
 * the bot checks the declared size, downloads it, answers with the dry-run preview (tasks, groups,
 * warnings, unknown agencies) and Confirm / Cancel. The pending confirmation keeps a reference to the
 * file (the platform's file id and the SHA-256 of the previewed bytes), not the bytes: Confirm downloads
 * it again and imports it only if it is byte for byte the file that was previewed.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { PreviewIssue } from '../../domain/plan/build-plan-preview.ts';
import { recordAudit } from '../../store/audit.ts';
import { setConversation, takeConversation } from '../../store/conversations.ts';
import type { Turn } from '../conversation/turn.ts';
import { importPlan, previewPlanFile } from '../plan-import/import-plan.ts';
import {
  ADMIN,
  type AdminCommand,
  type AdminDeps,
  actorOf,
  type CommandOutcome,
  type OfficerTurn,
} from './command.ts';
import { FileTooLargeError, MAX_CHAT_FILE_BYTES } from './file-fetcher.ts';
import { cancelCommand, confirmRow, pendingKey } from './pending-confirmation.ts';

export const IMPORT_KIND = 'confirm-import';
const CONFIRM_MINUTES = 30;
const MAX_ISSUES = 10;
const Pending = z.object({
  fileName: z.string().min(1),
  fileId: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/u),
  size: z.number().int().nonnegative(),
});

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const chatKey = (turn: Turn) => pendingKey(turn, IMPORT_KIND);

function issueLines(turn: Turn, issues: readonly PreviewIssue[]): string[] {
  const lines = issues
    .slice(0, MAX_ISSUES)
    .map((i) =>
      turn.m.admin.importIssueLine(
        String(i.row ?? ''),
        i.column ?? '',
        turn.locale === 'vi' ? i.message : i.messageEn,
      ),
    );
  return issues.length > MAX_ISSUES ? [...lines, '…'] : lines;
}

/**
 * Downloads an uploaded file, refusing it before any download when the size the platform declares (the
 * message's, then getFile's, see {@link FileFetcher}) is over {@link MAX_CHAT_FILE_BYTES}.
 */
async function download(
  turn: OfficerTurn,
  deps: AdminDeps,
  file: { fileId: string; size?: number | undefined },
): Promise<Uint8Array | null> {
  const m = turn.m.admin;
  const limitMb = MAX_CHAT_FILE_BYTES / 1024 / 1024;
  if (file.size !== undefined && file.size > MAX_CHAT_FILE_BYTES) {
    await turn.reply(m.fileTooLarge(limitMb));
    return null;
  }
  try {
    return await deps.files.fetch(turn.message.channel, file.fileId);
  } catch (error) {
    turn.deps.logger?.warn({ err: error, fileId: file.fileId }, 'could not download an uploaded file');
    await turn.reply(error instanceof FileTooLargeError ? m.fileTooLarge(limitMb) : m.fileFetchFailed);
    return null;
  }
}

/** An uploaded file: previews it for an admin; null (not ours) for anybody else. */
export async function previewUploadedPlan(
  turn: OfficerTurn,
  deps: AdminDeps,
): Promise<CommandOutcome | null> {
  const file = turn.message.file;
  if (turn.officer.role !== 'admin' || !file) return null;
  const bytes = await download(turn, deps, file);
  if (!bytes) return 'rejected';
  const fileName = file.fileName;
  const read = await previewPlanFile(turn.db, { bytes, fileName });
  const m = turn.m.admin;
  if (!read.ok) {
    await turn.reply(m.importUnreadable(turn.locale === 'vi' ? read.reason : read.reasonEn));
    return 'rejected';
  }
  const { preview } = read;
  const lines = [m.importPreview(preview.plan.title, preview.tasks.length, preview.groups.length)];
  if (preview.unknownAgencies.length > 0)
    lines.push(m.importUnknown(preview.unknownAgencies.map((u) => u.name).join('; ')));
  if (preview.learnedAgencies.length > 0)
    lines.push(m.importLearned(preview.learnedAgencies.map((l) => l.name).join('; ')));
  if (preview.needsAssignment.length > 0)
    lines.push(m.importNeedsAssignment(preview.needsAssignment.join(', ')));
  if (preview.warnings.length > 0)
    lines.push(m.importWarnings(preview.warnings.length), ...issueLines(turn, preview.warnings));
  if (preview.errors.length > 0) {
    lines.push(m.importErrors(preview.errors.length), ...issueLines(turn, preview.errors));
    await turn.reply(lines.join('\n'));
    return 'rejected';
  }
  const pending = { fileName, fileId: file.fileId, sha256: sha256(bytes), size: bytes.length };
  await setConversation(
    turn.db,
    chatKey(turn),
    pending,
    new Date(turn.now.getTime() + CONFIRM_MINUTES * 60_000),
  );
  lines.push(m.importAsk);
  await turn.reply(lines.join('\n'), {
    buttons: confirmRow(turn, 'nhap_ok', 'nhap_huy'),
  });
  return 'processed';
}

/** The Confirm button of an import preview. */
export const confirmImport: AdminCommand = {
  names: ['nhap_ok'],
  roles: ADMIN,
  usage: null,
  summary: null,
  async run(turn, _args, deps) {
    const pending = await takeConversation(turn.db, chatKey(turn), turn.now, Pending);
    const m = turn.m.admin;
    if (!pending) {
      await turn.reply(m.nothingToConfirm);
      return 'rejected';
    }
    const bytes = await download(turn, deps, pending);
    if (!bytes) return 'rejected';
    if (sha256(bytes) !== pending.sha256) {
      await turn.reply(m.importFileChanged);
      return 'rejected';
    }
    const result = await importPlan(turn.db, { bytes, fileName: pending.fileName, dryRun: false });
    if (result.kind !== 'imported') {
      await turn.reply(
        m.importUnreadable(
          result.kind === 'unreadable' ? result.reason : String(result.preview.errors.length),
        ),
      );
      return 'rejected';
    }
    const { changes } = result;
    await recordAudit(turn.db, {
      actor: actorOf(turn),
      action: 'plan.import',
      targetType: 'plan',
      targetId: changes.planId,
      after: {
        file: pending.fileName,
        added: changes.added.length,
        updated: changes.updated.length,
        removed: changes.removed.length,
      },
    });
    await turn.reply(
      changes.unchanged
        ? m.importUnchanged
        : m.imported(changes.added.length, changes.updated.length, changes.removed.length),
    );
    return 'processed';
  },
};

/** The Cancel button of an import preview. */
export const cancelImport: AdminCommand = cancelCommand('nhap_huy', IMPORT_KIND);
