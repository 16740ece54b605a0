import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import { SESSION_POLICY } from './session-policy.ts';
import { decodeSessionCookie, deriveCsrfToken, encodeSessionCookie, newSecret, sha256Hex } from './session-secrets.ts';

export interface SessionUser {
  id: string;
  login: string | null;
  name: string | null;
}

export interface AuthenticatedSession {
  sessionId: string;
  user: SessionUser;
  /** The key X-CSRF-Token is checked against (csrfTokenMatches); stays the same across rotations. */
  csrfKey: string;
  csrfToken: string;
  expiresAt: Date;
  /** A new cookie value when this request rotated the session; the caller sets it on the response. */
  rotatedCookie: string | null;
}

/**
 * Who a request's session cookie belongs to. Checks, in order: a cookie of ours for a live session
 * (else NOT_SIGNED_IN), the absolute and idle limits (else SESSION_EXPIRED); then slides the idle expiry
 * and, every 15 minutes of use, replaces the session secret (one conditional UPDATE, so two instances or
 * two parallel requests rotate once; the loser is served under the short grace of the previous secret).
 */
export async function authenticateWebSession(db: Database, input: { cookieValue: string | undefined; now: Date }): Promise<AuthenticatedSession> {
  const secrets = decodeSessionCookie(input.cookieValue);
  if (!secrets) throw new AppError('NOT_SIGNED_IN');
  const hash = sha256Hex(secrets.sessionSecret);
  const row = await db.prisma.webSession.findFirst({
    where: { OR: [{ idHash: hash }, { previousIdHash: hash }] },
    include: { user: { select: { id: true, login: true, name: true } } },
  });
  if (!row || row.revokedAt || row.csrfKeyHash !== sha256Hex(secrets.csrfKey)) throw new AppError('NOT_SIGNED_IN');
  const now = input.now.getTime();
  if (now >= row.expiresAt.getTime() || now - row.lastSeenAt.getTime() > SESSION_POLICY.idleMs) throw new AppError('SESSION_EXPIRED');

  const session = { sessionId: row.id, user: row.user, csrfKey: secrets.csrfKey, csrfToken: deriveCsrfToken(secrets.csrfKey), expiresAt: row.expiresAt };
  if (row.idHash !== hash) {
    // The secret before the last rotation: a request that was already in flight. Not after the grace.
    if (now - row.rotatedAt.getTime() > SESSION_POLICY.rotationGraceMs) throw new AppError('NOT_SIGNED_IN');
    return { ...session, rotatedCookie: null };
  }
  if (now - row.rotatedAt.getTime() >= SESSION_POLICY.rotateEveryMs) {
    const next = newSecret();
    const rotated = await db.prisma.webSession.updateMany({
      where: { id: row.id, idHash: hash, revokedAt: null },
      data: { idHash: sha256Hex(next), previousIdHash: hash, rotatedAt: input.now, lastSeenAt: input.now },
    });
    return { ...session, rotatedCookie: rotated.count === 1 ? encodeSessionCookie(next, secrets.csrfKey) : null };
  }
  if (now - row.lastSeenAt.getTime() >= SESSION_POLICY.touchEveryMs) {
    await db.prisma.webSession.updateMany({ where: { id: row.id, revokedAt: null }, data: { lastSeenAt: input.now } });
  }
  return { ...session, rotatedCookie: null };
}
