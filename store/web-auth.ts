/**
 * Sign-in to the dashboard without passwords: a one-time link (`/web`, `cli web-link`) bound to one
 * officer, valid {@link LOGIN_TTL_MS}, used once; opening it starts a session of {@link SESSION_TTL_MS}.
 * Only SHA-256 hashes of the link token and of the session id are stored: a copy of the database signs
 * nobody in. Every sign-in is written to the audit log.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../prisma/generated/client.ts';
import { recordAudit } from './audit.ts';
import type { OfficerView } from './officers.ts';

export const LOGIN_TTL_MS = 10 * 60_000;
export const SESSION_TTL_MS = 8 * 3_600_000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/u;

/** SHA-256 (hex) of a token or session id: what the tables keep. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A fresh random secret (256 bits, base64url, 43 characters). */
function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** True when `text` has the shape of a token (checked before any database look-up). */
export function isTokenShaped(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/** A new sign-in token for an officer; the token itself is returned once and never stored. */
export async function createLoginToken(
  db: PrismaClient,
  officerId: number,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + LOGIN_TTL_MS);
  await db.webLogin.create({ data: { tokenHash: hashSecret(token), officerId, expiresAt } });
  return { token, expiresAt };
}

export type LoginResult =
  | { ok: true; sessionId: string; expiresAt: Date; officer: OfficerView }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'inactive' };

const officerSelect = {
  id: true,
  name: true,
  role: true,
  locale: true,
  active: true,
  agencyId: true,
  agency: { select: { name: true } },
} as const;

function view(row: {
  id: number;
  name: string;
  role: OfficerView['role'];
  locale: OfficerView['locale'];
  active: boolean;
  agencyId: number;
  agency: { name: string };
}): OfficerView {
  const { agency, ...rest } = row;
  return { ...rest, agencyName: agency.name };
}

/**
 * Uses a sign-in token: the first use within its validity starts a session (and is audited); a second
 * use, an expired or unknown token, or an inactive officer is refused. The claim is one conditional
 * update, so two simultaneous uses cannot both succeed.
 */
export async function useLoginToken(
  db: PrismaClient,
  token: string,
  now: Date,
  origin: string,
): Promise<LoginResult> {
  if (!isTokenShaped(token)) return { ok: false, reason: 'unknown' };
  const tokenHash = hashSecret(token);
  return db.$transaction(async (tx) => {
    const row = await tx.webLogin.findUnique({
      where: { tokenHash },
      select: { id: true, expiresAt: true, usedAt: true, officer: { select: officerSelect } },
    });
    if (!row) return { ok: false, reason: 'unknown' } as const;
    if (row.usedAt) return { ok: false, reason: 'used' } as const;
    if (row.expiresAt <= now) return { ok: false, reason: 'expired' } as const;
    const claimed = await tx.webLogin.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return { ok: false, reason: 'used' } as const;
    if (!row.officer.active) return { ok: false, reason: 'inactive' } as const;
    const sessionId = newSecret();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    const session = await tx.webSession.create({
      data: { idHash: hashSecret(sessionId), officerId: row.officer.id, expiresAt },
    });
    await recordAudit(tx, {
      actor: { id: row.officer.id, label: row.officer.name },
      action: 'web.login',
      targetType: 'web_session',
      targetId: session.id,
      after: { origin, expiresAt: expiresAt.toISOString() },
    });
    return { ok: true, sessionId, expiresAt, officer: view(row.officer) } as const;
  });
}

/** The officer of a live session (not expired, not revoked, officer active), or null. */
export async function sessionOfficer(
  db: PrismaClient,
  sessionId: string,
  now: Date,
): Promise<(OfficerView & { sessionExpiresAt: Date }) | null> {
  if (!isTokenShaped(sessionId)) return null;
  const row = await db.webSession.findUnique({
    where: { idHash: hashSecret(sessionId) },
    select: { expiresAt: true, revokedAt: true, officer: { select: officerSelect } },
  });
  if (!row || row.revokedAt || row.expiresAt <= now || !row.officer.active) return null;
  return { ...view(row.officer), sessionExpiresAt: row.expiresAt };
}

/** Ends a session (sign-out); true when it was live. */
export async function revokeSession(db: PrismaClient, sessionId: string, now: Date): Promise<boolean> {
  if (!isTokenShaped(sessionId)) return false;
  const revoked = await db.webSession.updateMany({
    where: { idHash: hashSecret(sessionId), revokedAt: null },
    data: { revokedAt: now },
  });
  return revoked.count === 1;
}

/** Ends every session of an officer (e.g. when deactivated); returns how many. */
export async function revokeOfficerSessions(db: PrismaClient, officerId: number, now: Date): Promise<number> {
  const revoked = await db.webSession.updateMany({
    where: { officerId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  return revoked.count;
}
