/**
 * Tells the working group about officers the bot can no longer reach: once per officer and episode
 * (`ChannelIdentity.adminsToldAt`, reset when the officer writes again).
 * - Telegram (blocked, kicked, deactivated, chat not found): always, since the officer acted or the
 *   account is gone; the alert says whether the officer's other channel carries their messages now.
 * - Zalo: only when the officer has no other reachable chat (see handlers/zalo/zalo-alerts.ts).
 */
import { markAdminsTold, officerChats, unreachableOfficerChats } from '../../store/identities.ts';
import { notifyUnreachableZaloOfficers } from '../zalo/zalo-alerts.ts';
import { type AlertDeps, alertAdmins } from './alert-admins.ts';

/**
 * Queues the alerts about every officer newly unreachable on an enabled channel; returns how many
 * officers were reported. Safe to run concurrently and repeatedly: each alert has a key of its own (the
 * chat and the episode's start), so a second run queues nothing new. An officer is marked reported only
 * once an admin was addressed, so an alert waits for the first admin to link a chat rather than being lost.
 */
export async function notifyUnreachableOfficers(deps: AlertDeps): Promise<number> {
  let reported = 0;
  if (deps.channels.has('telegram')) {
    for (const chat of await unreachableOfficerChats(deps.db, 'telegram')) {
      const others = (await officerChats(deps.db, chat.officerId)).filter(
        (c) => c.channel !== 'telegram' && deps.channels.has(c.channel) && !c.unreachableSince,
      );
      const addressed = await alertAdmins(deps, {
        key: `telegram-unreachable-${chat.identityId}-${chat.unreachableSince.getTime()}`,
        text: (m) => m.delivery.telegramUnreachable(chat.name, chat.agencyName, others.length > 0),
      });
      if (addressed === 0) continue;
      await markAdminsTold(deps.db, chat.identityId, deps.now());
      reported += 1;
    }
  }
  if (deps.channels.has('zalo')) reported += await notifyUnreachableZaloOfficers(deps);
  return reported;
}
