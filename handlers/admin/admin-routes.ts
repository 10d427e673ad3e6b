/**
 * The administration commands as one conversation route: finds the command by any of its names,
 * checks the sender's role (a refusal names the roles needed), answers `/<cmd> ?` with the help text,
 * and runs it. Uploaded files (`__file__`) and replies to our messages (`__reply__`) come here too.
 */
import type { CommandRoute } from '../conversation/create-inbound-handler.ts';
import { assignTask } from './assign-task.ts';
import { broadcast, cancelBroadcast, confirmBroadcast } from './broadcast.ts';
import { type AdminCommand, type AdminDeps, type OfficerTurn, refuseRole, replyUsage } from './command.ts';
import { createInviteCommand } from './create-invite.ts';
import { approveExtension, rejectExtension } from './decide-extension.ts';
import { answerByReply, explanations } from './explanations.ts';
import { exportTasks } from './export-tasks.ts';
import { extendDeadlineCommand } from './extend-deadline.ts';
import { cancelImport, confirmImport, previewUploadedPlan } from './import-plan-file.ts';
import { listOverdue } from './list-overdue.ts';
import { manageAgencies } from './manage-agencies.ts';
import { manageOfficers } from './manage-officers.ts';
import { pausePlanTaskOfficer, resumePlanTaskOfficer } from './pause-resume.ts';
import { requestExtensionCommand } from './request-extension.ts';
import { showAudit } from './show-audit.ts';

/** Every administration command, in the order of the README. */
export const ADMIN_COMMANDS: readonly AdminCommand[] = [
  manageOfficers,
  createInviteCommand,
  assignTask,
  manageAgencies,
  extendDeadlineCommand,
  pausePlanTaskOfficer,
  resumePlanTaskOfficer,
  listOverdue,
  exportTasks,
  broadcast,
  confirmBroadcast,
  cancelBroadcast,
  showAudit,
  confirmImport,
  cancelImport,
  requestExtensionCommand,
  approveExtension,
  rejectExtension,
  explanations,
];

/** Special command names the conversation uses for an uploaded file and for a reply to our message. */
export const FILE_COMMAND = '__file__';
export const REPLY_COMMAND = '__reply__';

/** The administration route for the conversation handler. */
export function createAdminRoutes(deps: AdminDeps): CommandRoute[] {
  const byName = new Map(ADMIN_COMMANDS.flatMap((c) => c.names.map((n) => [n, c] as const)));
  const route: CommandRoute = async (turn, name, args) => {
    const officer = turn.officer;
    if (!officer?.active) return null;
    const officerTurn = turn as OfficerTurn;
    if (name === FILE_COMMAND) return previewUploadedPlan(officerTurn, deps);
    if (name === REPLY_COMMAND) return answerByReply(officerTurn, deps);
    const command = byName.get(name);
    if (!command) return null;
    if (!command.roles.includes(officer.role)) return refuseRole(turn, command.roles);
    if (args.trim() === '?' && command.usage) return replyUsage(turn, command.usage, 'processed');
    return command.run(officerTurn, args.trim(), deps);
  };
  return [route];
}
