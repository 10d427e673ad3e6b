/**
 * The Approve / Reject buttons under an extension request (`/gh_duyet <id>`, `/gh_tuchoi <id>`). The
 * first decision wins: it is recorded (extension state, audit), an approval moves the deadline and keeps
 * the original, and both the admin and the requesting officer are told. Admins only.
 */
import { recipientById } from '../../store/admin-officers.ts';
import { decideExtension } from '../../store/extensions.ts';
import { ADMIN, type ChatCommand } from '../commands/chat-command.ts';
import { actorOf } from './admin-helpers.ts';
import { idArg } from './command-args.ts';
import { notifyOfficers } from './notify-officers.ts';

function decisionCommand(approve: boolean): ChatCommand {
  return {
    names: [approve ? 'gh_duyet' : 'gh_tuchoi'],
    roles: ADMIN,
    usage: null,
    summary: null,
    async run(turn, args, deps) {
      const m = turn.m.admin;
      const id = idArg.safeParse(args);
      if (!id.success) {
        await turn.reply(m.extensionUnknown);
        return 'rejected';
      }
      const result = await decideExtension(turn.db, {
        extensionId: id.data,
        approve,
        actor: actorOf(turn),
        now: turn.now,
      });
      if (!result.ok) {
        const ext = result.extension;
        await turn.reply(
          ext && ext.state !== 'requested'
            ? m.extensionAlreadyDecided(ext.taskCode, m.decisionWords[ext.state])
            : m.extensionUnknown,
        );
        return 'rejected';
      }
      const ext = result.extension;
      const requester = ext.requestedBy === null ? null : await recipientById(turn.db, ext.requestedBy);
      if (requester) {
        await notifyOfficers(turn, deps, [requester], {
          kind: 'notice',
          key: (r) => `extension-${ext.id}-decided-${r.id}`,
          taskIds: [ext.taskId],
          message: (lm) => ({
            text: approve
              ? lm.admin.extensionApproved(ext.taskCode, lm.dateFormat(ext.newDue))
              : lm.admin.extensionRejected(ext.taskCode, lm.dateFormat(ext.newDue)),
          }),
        });
      }
      const decision = m.decisionWords[approve ? 'approved' : 'rejected'];
      await turn.reply(m.extensionDecided(ext.taskCode, decision, requester?.name ?? '—'), {
        taskIds: [ext.taskId],
      });
      return 'processed';
    },
  };
}

export const approveExtension = decisionCommand(true);
export const rejectExtension = decisionCommand(false);
