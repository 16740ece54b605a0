import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import { deriveCsrfToken, encodeSessionCookie, newSecret, sha256Hex } from './session-secrets.ts';

/**
 * The iframe's half of the sign-in. Procore shows the app in a third-party iframe, where the session cookie
 * is Partitioned (CHIPS): a cookie the popup receives lands in another partition (the popup's top-level
 * site is ours, the iframe's is Procore's), so the iframe would not see it. The popup therefore posts a
 * one-time code to its opener, and the iframe trades it here (POST /auth/session): the session gets new
 * secrets, set as a cookie on this response, in the iframe's partition; the popup's cookie stops working.
 * Single use and two minutes (one conditional UPDATE).
 */
export async function exchangeSignInHandoff(db: Database, input: { handoff: string; now: Date }) {
  const handoffHash = sha256Hex(input.handoff);
  const row = await db.prisma.webSession.findUnique({ where: { handoffHash } });
  const expired =
    !row || row.revokedAt || !row.handoffExpiresAt || row.handoffExpiresAt.getTime() <= input.now.getTime() || row.expiresAt.getTime() <= input.now.getTime();
  if (expired) throw new AppError('NOT_SIGNED_IN', 'This sign-in was already completed or is more than two minutes old. Sign in with Procore again.');
  const sessionSecret = newSecret();
  const csrfKey = newSecret();
  const taken = await db.prisma.webSession.updateMany({
    where: { id: row.id, handoffHash, revokedAt: null },
    data: {
      idHash: sha256Hex(sessionSecret),
      previousIdHash: null,
      csrfKeyHash: sha256Hex(csrfKey),
      handoffHash: null,
      handoffExpiresAt: null,
      rotatedAt: input.now,
      lastSeenAt: input.now,
    },
  });
  if (taken.count !== 1) throw new AppError('NOT_SIGNED_IN', 'This sign-in was already completed. Sign in with Procore again.');
  return {
    sessionId: row.id,
    userId: row.userId,
    cookieValue: encodeSessionCookie(sessionSecret, csrfKey),
    csrfToken: deriveCsrfToken(csrfKey),
    expiresAt: row.expiresAt,
  };
}
