/**
 * Officers, their chat identities and single-use invite codes.
 */
import { randomInt } from 'node:crypto';
import type { ChannelId } from '../handlers/channel.ts';
import { Prisma, type PrismaClient } from '../prisma/generated/client.ts';
import { rawRows } from './direct-sql.ts';
import { sharedStatement } from './shared-statement.ts';
import { representedAgenciesSql } from './tasks.ts';

export type OfficerRole = 'officer' | 'committee' | 'admin';
export type Locale = 'vi' | 'en';

export interface OfficerView {
  id: number;
  name: string;
  role: OfficerRole;
  locale: Locale;
  active: boolean;
  agencyId: number;
  agencyName: string;
}

export interface IdentityView {
  id: number;
  channel: ChannelId;
  chatId: string;
  purpose: 'officer' | 'digest_group';
  officer: OfficerView | null;
  /** The agencies whose tasks the officer answers for (see `representedAgenciesSql`); none without one. */
  agencyIds: number[];
  /** When the chat last wrote to us, and whether it is marked unreachable (see {@link touchIdentity}). */
  lastInteractionAt: Date | null;
  markedUnreachable: boolean;
  /** The kinds of this chat's conversation state that have not expired (see store/conversations.ts). */
  openConversations: string[];
}

const officerSelect = {
  id: true,
  name: true,
  role: true,
  locale: true,
  active: true,
  agencyId: true,
  agency: { select: { name: true } },
} as const;

function toView(row: {
  id: number;
  name: string;
  role: OfficerRole;
  locale: Locale;
  active: boolean;
  agencyId: number;
  agency: { name: string };
}): OfficerView {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    locale: row.locale,
    active: row.active,
    agencyId: row.agencyId,
    agencyName: row.agency.name,
  };
}

export async function createOfficer(
  db: PrismaClient,
  input: {
    name: string;
    agencyId: number;
    role: OfficerRole;
    locale: Locale;
    isHead?: boolean;
    phone?: string | null;
    email?: string | null;
  },
): Promise<OfficerView> {
  const row = await db.officer.create({
    data: {
      name: input.name,
      agencyId: input.agencyId,
      role: input.role,
      locale: input.locale,
      isHead: input.isHead ?? false,
      phone: input.phone ?? null,
      email: input.email ?? null,
    },
    select: officerSelect,
  });
  return toView(row);
}

export async function getOfficer(db: PrismaClient, id: number): Promise<OfficerView | null> {
  const row = await db.officer.findUnique({ where: { id }, select: officerSelect });
  return row ? toView(row) : null;
}

interface IdentityRow {
  id: number;
  channel: ChannelId;
  chatId: string;
  purpose: 'officer' | 'digest_group';
  lastInteractionAt: Date | null;
  markedUnreachable: boolean;
  openConversations: string[];
  officerId: number | null;
  name: string | null;
  role: OfficerRole | null;
  locale: Locale | null;
  active: boolean | null;
  agencyId: number | null;
  agencyName: string | null;
  agencyIds: number[] | null;
}

/**
 * The identity of a chat, with what handling its message needs, in ONE statement (a reply costs a
 * handful of queries, docs/performance.md): the officer and agency, the agencies the officer answers
 * for, the chat's reachability and its conversation state not expired at `now`.
 */
export function findIdentity(
  db: PrismaClient,
  channel: ChannelId,
  chatId: string,
  now: Date,
): Promise<IdentityView | null> {
  return sharedIdentity(db, { channel, chatId, now });
}

/** The identities of several chats in one statement, shared by the handlers running at once. */
const sharedIdentity = sharedStatement(
  async (db: PrismaClient, keys: { channel: ChannelId; chatId: string; now: Date }[]) => {
    const rows = await rawRows<IdentityRow & { key: number }>(
      db,
      Prisma.sql`
      SELECT k.i::int AS key, ci.id, ci.channel::text AS channel, ci.chat_id AS "chatId", ci.purpose::text AS purpose,
             ci.last_interaction_at AS "lastInteractionAt",
             (ci.unreachable_since IS NOT NULL OR ci.admins_told_at IS NOT NULL) AS "markedUnreachable",
             ARRAY(SELECT c.kind::text FROM conversation c
                   WHERE c.channel = ci.channel AND c.chat_id = ci.chat_id AND c.expires_at > k.now
                   ORDER BY c.kind) AS "openConversations",
             o.id AS "officerId", o.name, o.role::text AS role, o.locale::text AS locale, o.active,
             o.agency_id AS "agencyId", a.name AS "agencyName",
             CASE WHEN o.id IS NULL THEN NULL ELSE ${representedAgenciesSql(Prisma.sql`o.agency_id`)} END
               AS "agencyIds"
      FROM unnest(${keys.map((k) => k.channel)}::text[], ${keys.map((k) => k.chatId)}::text[],
                  ${keys.map((k) => k.now.toISOString())}::timestamptz[]) WITH ORDINALITY AS k(channel, chat_id, now, i)
      JOIN channel_identity ci ON ci.channel = k.channel::"ChannelKind" AND ci.chat_id = k.chat_id
      LEFT JOIN officer o ON o.id = ci.officer_id
      LEFT JOIN agency a ON a.id = o.agency_id`,
    );
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return keys.map((_key, index) => {
      const row = byKey.get(index + 1);
      return row === undefined ? null : identityOf(row);
    });
  },
);

function identityOf(row: IdentityRow): IdentityView {
  const officer =
    row.officerId === null
      ? null
      : toView({
          id: row.officerId,
          name: row.name!,
          role: row.role!,
          locale: row.locale!,
          active: row.active!,
          agencyId: row.agencyId!,
          agency: { name: row.agencyName! },
        });
  return {
    id: row.id,
    channel: row.channel,
    chatId: row.chatId,
    purpose: row.purpose,
    officer,
    agencyIds: row.agencyIds ?? [],
    lastInteractionAt: row.lastInteractionAt,
    markedUnreachable: row.markedUnreachable,
    openConversations: row.openConversations,
  };
}

/** How long an interaction stays fresh: a chat that wrote within it is not written again (see below). */
const INTERACTION_FRESH_MS = 60_000;

/**
 * Records that the chat of `identity` wrote to us, unless it already did within the last minute and is
 * not marked unreachable (nothing would change that matters: Zalo's window counts in days).
 */
export async function touchIdentityIfStale(
  db: PrismaClient,
  identity: IdentityView,
  at: Date,
): Promise<void> {
  const last = identity.lastInteractionAt?.getTime();
  const fresh = last !== undefined && at.getTime() - last < INTERACTION_FRESH_MS && last <= at.getTime();
  if (fresh && !identity.markedUnreachable) return;
  await touchIdentity(db, identity.id, at);
}

/**
 * Records that the user interacted (it also reopens Zalo's messaging window): the chat is reachable again,
 * and a later unreachable episode will be reported to the admins afresh.
 */
export async function touchIdentity(db: PrismaClient, identityId: number, at: Date): Promise<void> {
  await db.channelIdentity.update({
    where: { id: identityId },
    data: { lastInteractionAt: at, unreachableSince: null, adminsToldAt: null },
  });
}

export async function setOfficerLocale(db: PrismaClient, officerId: number, locale: Locale): Promise<void> {
  await db.officer.update({ where: { id: officerId }, data: { locale } });
}

/** Invite codes: 8 characters without look-alikes (no 0/O, 1/I/L), easy to type on a phone. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_PATTERN = /^[A-HJ-KM-NP-Z2-9]{8}$/u;

export function newInviteCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export async function createInvite(
  db: PrismaClient,
  input: { officerId: number | null; purpose: 'officer' | 'digest_group'; now: Date; ttlHours?: number },
): Promise<{ code: string; expiresAt: Date }> {
  const expiresAt = new Date(input.now.getTime() + (input.ttlHours ?? 72) * 3_600_000);
  for (;;) {
    const code = newInviteCode();
    const exists = await db.inviteCode.findUnique({ where: { code } });
    if (exists) continue;
    await db.inviteCode.create({
      data: { code, officerId: input.officerId, purpose: input.purpose, expiresAt },
    });
    return { code, expiresAt };
  }
}

export type RedeemResult =
  | { ok: true; purpose: 'officer'; officer: OfficerView }
  | { ok: true; purpose: 'digest_group' }
  | {
      ok: false;
      reason: 'invalid' | 'expired' | 'used' | 'already-linked' | 'group-chat';
      officerName?: string;
    };

/**
 * Links a chat with a single-use code, atomically: two chats racing for one code, one wins. An officer's
 * (or admin's) code is refused in a group chat and stays unused: a role belongs to a person, and only
 * group codes link a group (to receive digests).
 */
export async function redeemInvite(
  db: PrismaClient,
  input: {
    code: string;
    channel: ChannelId;
    chatId: string;
    userId: string;
    title?: string;
    isGroup?: boolean;
    now: Date;
  },
): Promise<RedeemResult> {
  const code = input.code.trim().toUpperCase();
  return db.$transaction(async (tx) => {
    const invite = await tx.inviteCode.findUnique({ where: { code } });
    if (!invite) return { ok: false, reason: 'invalid' } as const;
    if (invite.usedAt) return { ok: false, reason: 'used' } as const;
    if (invite.expiresAt <= input.now) return { ok: false, reason: 'expired' } as const;
    if (input.isGroup && invite.purpose !== 'digest_group')
      return { ok: false, reason: 'group-chat' } as const;
    const existing = await tx.channelIdentity.findUnique({
      where: { channel_chatId: { channel: input.channel, chatId: input.chatId } },
      include: { officer: true },
    });
    if (existing?.officer && invite.purpose === 'officer') {
      return { ok: false, reason: 'already-linked', officerName: existing.officer.name } as const;
    }
    const claimed = await tx.inviteCode.updateMany({
      where: { code, usedAt: null },
      data: { usedAt: input.now, usedByChat: `${input.channel}:${input.chatId}` },
    });
    if (claimed.count !== 1) return { ok: false, reason: 'used' } as const;
    if (invite.purpose === 'digest_group') {
      await tx.channelIdentity.upsert({
        where: { channel_chatId: { channel: input.channel, chatId: input.chatId } },
        create: {
          channel: input.channel,
          chatId: input.chatId,
          userId: input.userId,
          purpose: 'digest_group',
          title: input.title ?? null,
          lastInteractionAt: input.now,
        },
        update: { purpose: 'digest_group', title: input.title ?? null, lastInteractionAt: input.now },
      });
      return { ok: true, purpose: 'digest_group' } as const;
    }
    const officerId = invite.officerId as number;
    // One identity per officer and channel: linking a new chat replaces the old one.
    await tx.channelIdentity.deleteMany({
      where: { officerId, channel: input.channel, NOT: { chatId: input.chatId } },
    });
    await tx.channelIdentity.upsert({
      where: { channel_chatId: { channel: input.channel, chatId: input.chatId } },
      create: {
        channel: input.channel,
        chatId: input.chatId,
        userId: input.userId,
        officerId,
        purpose: 'officer',
        lastInteractionAt: input.now,
      },
      update: {
        officerId,
        userId: input.userId,
        purpose: 'officer',
        lastInteractionAt: input.now,
        unreachableSince: null,
      },
    });
    const officer = await tx.officer.findUniqueOrThrow({ where: { id: officerId }, select: officerSelect });
    return { ok: true, purpose: 'officer', officer: toView(officer) } as const;
  });
}
