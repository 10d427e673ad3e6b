/**
 * Where to send an officer a message, and where to fall back. Zalo is where officials read, but a Zalo
 * OA may only message a user within 7 days of the user's last interaction (free within 48 h): outside
 * that window Zalo is not tried first; Telegram is. Each channel's refusal falls back to the other.
 */
import { withinZaloWindow } from '../../domain/channel/zalo-window.ts';
import { officerChats } from '../../store/identities.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import type { ChannelAddress, ChannelId } from '../channel.ts';

export interface OfficerAddress {
  to: ChannelAddress;
  fallback: ChannelAddress[];
}

/**
 * Orders an officer's chats: Zalo inside its window, then Telegram, then Zalo outside its window (the
 * send will be refused with an outside-window answer and recorded as undeliverable there), then chats
 * marked unreachable.
 * Returns null when the officer has no linked chat at all. `enabled` lists the channels configured.
 */
export async function addressOfficer(
  db: PrismaClient,
  officerId: number,
  now: Date,
  enabled: ReadonlySet<ChannelId>,
): Promise<OfficerAddress | null> {
  const chats = (await officerChats(db, officerId)).filter((c) => enabled.has(c.channel));
  // A chat known to be unreachable (unfollowed, blocked, refused last time) goes last: trying it
  // first would only cost a refused attempt before the fallback.
  const rank = (c: (typeof chats)[number]) =>
    c.unreachableSince ? 3 : c.channel === 'zalo' ? (withinZaloWindow(c.lastInteractionAt, now) ? 0 : 2) : 1;
  const ordered = [...chats].sort((a, b) => rank(a) - rank(b));
  const [first, ...rest] = ordered;
  if (!first) return null;
  return {
    to: { channel: first.channel, chatId: first.chatId },
    fallback: rest.map((c) => ({ channel: c.channel, chatId: c.chatId })),
  };
}
