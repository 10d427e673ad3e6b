/**
 * What the working group is told about the Zalo channel:
 * - the OA token is broken (a refresh was refused): once per breakage, with the re-authorisation steps,
 *   on the admins' other channels since Zalo itself cannot carry it;
 * - an officer cannot be reached on Zalo (outside the 7-day window, or unfollowed) and has no other chat
 *   to fall back on: once per officer and episode (`ChannelIdentity.adminsToldAt`, reset when the
 *   officer writes again), with what the officer must do (send any message to the OA).
 */
import { vnDate, vnTime } from '../../domain/calendar/working-time.ts';
import { markAdminsTold, unreachableOfficerChats } from '../../store/identities.ts';
import { type AlertDeps, alertAdmins } from '../delivery/alert-admins.ts';

/** Tells the admins the OA token is broken. `at` is when it was marked broken (the alert's identity). */
export async function alertZaloTokenBroken(
  deps: AlertDeps,
  broken: { at: Date; reason: string },
): Promise<number> {
  const channels = new Set([...deps.channels].filter((c) => c !== 'zalo'));
  return alertAdmins(
    { ...deps, channels },
    {
      key: `zalo-token-broken-${broken.at.getTime()}`,
      text: (m) =>
        m.zalo.tokenBroken(`${vnTime(broken.at)} ${m.dateFormat(vnDate(broken.at))}`, broken.reason),
    },
  );
}

/**
 * Tells the admins about every officer newly unreachable on Zalo without a fallback; returns how many
 * officers were reported. An officer is marked reported only once an admin was addressed, so an alert
 * waits for the first admin to link a chat rather than being lost.
 */
export async function notifyUnreachableZaloOfficers(deps: AlertDeps): Promise<number> {
  const fallbackChannels = [...deps.channels].filter((c) => c !== 'zalo');
  let reported = 0;
  for (const officer of await unreachableOfficerChats(deps.db, 'zalo', fallbackChannels)) {
    const addressed = await alertAdmins(deps, {
      key: `zalo-unreachable-${officer.identityId}-${officer.unreachableSince.getTime()}`,
      text: (m) => m.zalo.officerUnreachable(officer.name, officer.agencyName),
    });
    if (addressed === 0) continue;
    await markAdminsTold(deps.db, officer.identityId, deps.now());
    reported += 1;
  }
  return reported;
}
