/**
 * `/xingiahan <task> <dd/mm/yyyy> <reason>` (`/extend`): an officer of the lead agency asks for a later
 * deadline. The request is stored and every admin receives it with Approve / Reject buttons.
 */
import { adminRecipients } from '../../store/admin-officers.ts';
import { requestExtension } from '../../store/extensions.ts';
import { ANY_OFFICER, type ChatCommand } from '../commands/chat-command.ts';
import { replyUsage } from './admin-helpers.ts';
import { extensionArgs } from './command-args.ts';
import { findLedTask } from './find-led-task.ts';
import { notifyOfficers } from './notify-officers.ts';

export const requestExtensionCommand: ChatCommand = {
  names: ['xingiahan', 'extend'],
  roles: ANY_OFFICER,
  usage: 'xingiahan',
  summary: 'xingiahan',
  menu: true,
  once: true,
  async run(turn, args, deps) {
    const parsed = extensionArgs.safeParse(args);
    if (!parsed.success) return replyUsage(turn, 'xingiahan');
    const m = turn.m.admin;
    if (parsed.data.date <= turn.today) {
      await turn.reply(m.dateNotFuture);
      return 'rejected';
    }
    const task = await findLedTask(turn, parsed.data.task, m.extensionNotLead);
    if (!task) return 'rejected';
    const admins = await adminRecipients(turn.db);
    if (admins.length === 0) {
      await turn.reply(m.noAdmins);
      return 'rejected';
    }
    const ext = await requestExtension(turn.db, {
      taskId: task.id,
      newDue: parsed.data.date,
      reason: parsed.data.reason,
      officerId: turn.officer.id,
    });
    const officer = turn.officer;
    await notifyOfficers(turn, deps, admins, {
      kind: 'notice',
      key: (admin) => `extension-${ext.id}-admin-${admin.id}`,
      taskIds: [task.id],
      message: (lm) => ({
        text: lm.admin.extensionForAdmins(
          officer.name,
          officer.agencyName,
          task.code,
          task.title,
          task.dueDate ? lm.dateFormat(task.dueDate) : lm.admin.noDate,
          lm.dateFormat(ext.newDue),
          ext.reason,
        ),
        buttons: [
          [
            { label: lm.admin.buttons.approve, payload: `/gh_duyet ${ext.id}` },
            { label: lm.admin.buttons.reject, payload: `/gh_tuchoi ${ext.id}` },
          ],
        ],
      }),
    });
    await turn.reply(m.extensionRequested(task.code, turn.m.dateFormat(ext.newDue)), { taskIds: [task.id] });
    return 'processed';
  },
};
