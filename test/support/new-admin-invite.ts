/**
 * A fixture of the Telegram client tests: an admin who has not linked a chat yet, and the officer
 * invite code that would link them (what a group member or an anonymous admin must not be able to use).
 */
import { createInvite, createOfficer } from '../../store/officers.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import type { ChatUser } from './admin-chat.ts';

/** A new admin named `name` in `colleague`'s agency, and an unused officer invite code for them. */
export async function newAdminWithInvite(
  db: PrismaClient,
  colleague: ChatUser,
  name: string,
): Promise<{ officerId: number; code: string }> {
  const { agencyId } = await db.officer.findUniqueOrThrow({ where: { id: colleague.officerId } });
  const officer = await createOfficer(db, { name, agencyId, role: 'admin', locale: 'vi' });
  const { code } = await createInvite(db, { officerId: officer.id, purpose: 'officer', now: new Date() });
  return { officerId: officer.id, code };
}
