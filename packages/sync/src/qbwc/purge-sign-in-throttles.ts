import type { Database } from '@connector/db';
import type { SignInThrottleConfig } from './qbwc-config.ts';

/**
 * Deletes throttle rows no longer in force: quiet for forgetAfterMs (they would restart at zero anyway) and no
 * longer blocking. Run on the server's one-minute schedule (app.ts), so random usernames leave no lasting rows.
 */
export async function purgeSignInThrottles(db: Database, config: SignInThrottleConfig, now: Date): Promise<number> {
  const { count } = await db.prisma.qbwcSignInThrottle.deleteMany({
    where: { lastFailureAt: { lt: new Date(now.getTime() - config.forgetAfterMs) }, blockedUntil: { lte: now } },
  });
  return count;
}
