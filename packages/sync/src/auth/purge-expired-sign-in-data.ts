import type { Database } from '@connector/db';
import { SESSION_POLICY } from './session-policy.ts';

/**
 * Deletes what can no longer be used: sessions past their absolute end or idle limit (or signed out),
 * used or expired sign-in states, and idempotency answers older than 24 hours. Runs on a schedule.
 */
export async function purgeExpiredSignInData(db: Database, now: Date) {
  const idleBefore = new Date(now.getTime() - SESSION_POLICY.idleMs);
  const [sessions, states, keys] = await Promise.all([
    db.prisma.webSession.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lt: idleBefore } }, { revokedAt: { not: null } }] } }),
    db.prisma.signInState.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] } }),
    db.prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } }),
  ]);
  return { sessions: sessions.count, signInStates: states.count, idempotencyKeys: keys.count };
}
