/**
 * Alerts to the working group: one message to every active admin with a linked chat, each in their own
 * language, through the outbox (stored, retried, falling back between the admin's chats).
 */
import { type Messages, t } from '../../locales/index.ts';
import { linkedAdmins } from '../../store/identities.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import type { ChannelId } from '../channel.ts';
import type { Outbox } from '../outbox.ts';
import { addressOfficer } from './address-officer.ts';

export interface AlertDeps {
  db: PrismaClient;
  outbox: Outbox;
  now: () => Date;
  /** The channels that can carry the alert (the enabled ones, minus a channel that is down). */
  channels: ReadonlySet<ChannelId>;
}

/**
 * Queues the alert for every admin; `key` identifies the event, so alerting twice about the same event
 * queues each admin's message once. Returns how many admins it was queued for (0: nobody to tell yet).
 */
export async function alertAdmins(
  deps: AlertDeps,
  alert: { key: string; text: (m: Messages) => string },
): Promise<number> {
  const now = deps.now();
  let addressed = 0;
  for (const admin of await linkedAdmins(deps.db)) {
    const address = await addressOfficer(deps.db, admin.id, now, deps.channels);
    if (!address) continue;
    await deps.outbox.enqueue([
      {
        dedupKey: `${alert.key}-admin-${admin.id}`,
        kind: 'alert',
        officerId: admin.id,
        to: address.to,
        fallback: address.fallback,
        message: { text: alert.text(t(admin.locale)) },
      },
    ]);
    addressed += 1;
  }
  return addressed;
}
