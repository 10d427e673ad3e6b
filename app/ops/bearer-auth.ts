/**
 * Token checks for operator endpoints: `Authorization: Bearer <token>`, or HTTP Basic with the token as
 * the password (what a browser sends after its login prompt, so that the queue dashboard's own API calls
 * carry it too). Tokens are compared in constant time (SHA-256 digests of both sides).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The token an Authorization header carries (Bearer, or Basic's password), or null. */
export function tokenOf(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(Bearer|Basic)\s+(\S+)\s*$/iu.exec(header);
  if (!match) return null;
  const [, scheme, value] = match as unknown as [string, string, string];
  if (scheme.toLowerCase() === 'bearer') return value;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

/** True when the header carries exactly `expected` (constant time in the token's content). */
export function authorizationMatches(header: string | undefined, expected: string): boolean {
  const given = tokenOf(header);
  // Compare digests even when no token was given, so a missing header takes the same path.
  return timingSafeEqual(digest(given ?? ''), digest(expected)) && given !== null;
}

/**
 * A fastify onRequest hook answering 401 (with a Basic challenge when `realm` is given) unless the request
 * carries the token.
 */
export function requireToken(expected: string, realm?: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (authorizationMatches(request.headers.authorization, expected)) return undefined;
    if (realm) reply.header('www-authenticate', `Basic realm="${realm}", charset="UTF-8"`);
    return reply.code(401).send({ error: 'unauthorized' });
  };
}
