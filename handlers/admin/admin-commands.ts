/**
 * The administration commands, in the order of the README. They are entries of the one command registry
 * (handlers/commands/command-registry.ts), which routes them, checks roles and lists them in the help.
 */

import type { ChatCommand } from '../commands/chat-command.ts';
import { assignTask } from './assign-task.ts';
import { broadcast, cancelBroadcast, confirmBroadcast } from './broadcast.ts';
import { createInviteCommand } from './create-invite.ts';
import { approveExtension, rejectExtension } from './decide-extension.ts';
import { explanations } from './explanations.ts';
import { exportTasks } from './export-tasks.ts';
import { extendDeadlineCommand } from './extend-deadline.ts';
import { cancelImport, confirmImport } from './import-plan-file.ts';
import { listOverdue } from './list-overdue.ts';
import { manageAgencies } from './manage-agencies.ts';
import { manageOfficers } from './manage-officers.ts';
import { pausePlanTaskOfficer, resumePlanTaskOfficer } from './pause-resume.ts';
import { requestExtensionCommand } from './request-extension.ts';
import { showAudit } from './show-audit.ts';

/** Every administration command, in the order of the README. */
export const ADMIN_COMMANDS: readonly ChatCommand[] = [
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
