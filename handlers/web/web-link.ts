/**
 * The dashboard sign-in link `<PUBLIC_BASE_URL>/login/<token>` for an officer: what `/web` answers in
 * chat, what `cli web-link` prints and what the demo shows at its end.
 */
import type { PrismaClient } from '../../store/prisma-client.ts';
import { createLoginToken } from '../../store/web-auth.ts';

/** `base` without a trailing slash, then `/login/<token>`. */
export function loginUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/u, '')}/login/${token}`;
}

/** A new single-use link for `officerId`, valid 10 minutes. */
export async function createWebLink(
  db: PrismaClient,
  base: string,
  officerId: number,
  now: Date,
): Promise<{ url: string; expiresAt: Date }> {
  const { token, expiresAt } = await createLoginToken(db, officerId, now);
  return { url: loginUrl(base, token), expiresAt };
}
