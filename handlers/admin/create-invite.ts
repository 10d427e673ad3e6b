/** `/moi <officer id>` (`/invite`): a single-use invite code that links an officer's chat. Admins only. */

import { vnDate } from '../../domain/calendar/working-time.ts';
import { recordAudit } from '../../store/audit.ts';
import { createInvite, getOfficer } from '../../store/officers.ts';
import { ADMIN, type ChatCommand } from '../commands/chat-command.ts';
import { actorOf, replyUsage } from './admin-helpers.ts';
import { idArg } from './command-args.ts';

export const createInviteCommand: ChatCommand = {
  names: ['moi', 'invite'],
  roles: ADMIN,
  usage: 'moi',
  summary: 'moi',
  once: true,
  async run(turn, args) {
    const id = idArg.safeParse(args);
    if (!id.success) return replyUsage(turn, 'moi');
    const officer = await getOfficer(turn.db, id.data);
    if (!officer?.active) {
      await turn.reply(turn.m.admin.officerNotFound(String(id.data)));
      return 'rejected';
    }
    const invite = await createInvite(turn.db, { officerId: officer.id, purpose: 'officer', now: turn.now });
    await recordAudit(turn.db, {
      actor: actorOf(turn),
      action: 'officer.invite',
      targetType: 'officer',
      targetId: officer.id,
      after: { expiresAt: invite.expiresAt.toISOString() },
    });
    const until = turn.m.dateFormat(vnDate(invite.expiresAt));
    await turn.reply(turn.m.admin.inviteCreated(officer.name, invite.code, until));
    return 'processed';
  },
};
