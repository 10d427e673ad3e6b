/** `/start <code>` (or the bare code on Zalo): links the chat to an officer, or a group to the digests. */
import { t } from '../../locales/index.ts';
import { redeemInvite } from '../../store/officers.ts';
import { listMyTasks } from './list-my-tasks.ts';
import type { Turn } from './turn.ts';

export async function linkAccount(turn: Turn, code: string): Promise<'processed' | 'rejected'> {
  const result = await redeemInvite(turn.db, {
    code,
    channel: turn.message.channel,
    chatId: turn.message.chatId,
    userId: turn.message.userId,
    isGroup: turn.message.isGroup,
    ...(turn.message.chatTitle || turn.message.userName
      ? { title: turn.message.chatTitle ?? turn.message.userName }
      : {}),
    now: turn.now,
  });
  if (!result.ok) {
    const m = turn.m;
    const text =
      result.reason === 'expired'
        ? m.inviteExpired
        : result.reason === 'used'
          ? m.inviteUsed
          : result.reason === 'already-linked'
            ? m.alreadyLinked(result.officerName ?? '')
            : result.reason === 'group-chat'
              ? m.groupInviteRefused
              : m.inviteInvalid;
    await turn.reply(text);
    return 'rejected';
  }
  if (result.purpose === 'digest_group') {
    await turn.reply(turn.m.groupLinked(turn.message.chatTitle ?? turn.message.chatId));
    return 'processed';
  }
  // Greet in the officer's own language, then show their tasks.
  const m = t(result.officer.locale);
  await turn.reply(m.linked(result.officer.name, result.officer.agencyName));
  await listMyTasks(turn, result.officer);
  return 'processed';
}
