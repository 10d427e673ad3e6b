/**
 * A plan imported by sending the file to the bot (TSV/TXT, CSV, XLSX). Admins only: the bot downloads
 * it, answers with the dry-run preview (tasks, groups, warnings, unknown agencies) and Confirm / Cancel;
 * Confirm imports the very bytes that were previewed (kept with the pending confirmation).
 */
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
const Pending = z.object({ fileName: z.string().min(1), base64: z.string().min(1) });

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

async function download(turn: OfficerTurn, deps: AdminDeps): Promise<Uint8Array | null> {
  const file = turn.message.file;
  const m = turn.m.admin;
  const limitMb = MAX_CHAT_FILE_BYTES / 1024 / 1024;
  if (!file) return null;
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
  if (turn.officer.role !== 'admin' || !turn.message.file) return null;
  const bytes = await download(turn, deps);
  if (!bytes) return 'rejected';
  const fileName = turn.message.file.fileName;
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
  if (preview.warnings.length > 0)
    lines.push(m.importWarnings(preview.warnings.length), ...issueLines(turn, preview.warnings));
  if (preview.errors.length > 0) {
    lines.push(m.importErrors(preview.errors.length), ...issueLines(turn, preview.errors));
    await turn.reply(lines.join('\n'));
    return 'rejected';
  }
  const pending = { fileName, base64: Buffer.from(bytes).toString('base64') };
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
  async run(turn) {
    const pending = Pending.safeParse(await takeConversation(turn.db, chatKey(turn), turn.now));
    const m = turn.m.admin;
    if (!pending.success) {
      await turn.reply(m.nothingToConfirm);
      return 'rejected';
    }
    const bytes = Buffer.from(pending.data.base64, 'base64');
    const result = await importPlan(turn.db, { bytes, fileName: pending.data.fileName, dryRun: false });
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
        file: pending.data.fileName,
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
