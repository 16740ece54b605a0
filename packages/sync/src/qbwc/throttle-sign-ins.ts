import { Prisma, type Database } from '@connector/db';
import type { SignInThrottleConfig } from './qbwc-config.ts';

// 2^30 × baseDelayMs is far past any maxDelayMs; capping the exponent keeps power() from overflowing.
const MAX_EXPONENT = 30;

/** Until when this (username, source) is blocked, or null when it may try now. */
export async function readSignInBlock(db: Database, username: string, source: string, now: Date): Promise<Date | null> {
  const row = await db.prisma.qbwcSignInThrottle.findUnique({ where: { username_source: { username, source } } });
  return row && row.blockedUntil > now ? row.blockedUntil : null;
}

/**
 * Counts one failed sign-in of (username, source) and blocks the pair for the backoff delay. One statement
 * (INSERT … ON CONFLICT DO UPDATE … RETURNING), so concurrent failures are each counted exactly once (hostile input:
 * the former read-then-write counted 50 concurrent failures as 36). A pair quiet for forgetAfterMs restarts at 1.
 */
export async function recordSignInFailure(
  db: Database,
  config: SignInThrottleConfig,
  username: string,
  source: string,
  now: Date,
): Promise<{ failures: number; blockedUntil: Date }> {
  const forgetBefore = new Date(now.getTime() - config.forgetAfterMs);
  const restarts = Prisma.sql`t.last_failure_at < ${forgetBefore}`;
  const failures = Prisma.sql`(CASE WHEN ${restarts} THEN 1 ELSE LEAST(t.failures + 1, 1000000) END)`;
  const rows = await db.prisma.$queryRaw<Array<{ failures: number; blocked_until: Date }>>`
    INSERT INTO qbwc_sign_in_throttles AS t (username, source, failures, first_failure_at, last_failure_at, blocked_until)
    VALUES (${username}, ${source}, 1, ${now}, ${now}, ${now}::timestamptz + ${delaySql(config, Prisma.sql`1`)})
    ON CONFLICT (username, source) DO UPDATE SET
      failures = ${failures},
      first_failure_at = CASE WHEN ${restarts} THEN ${now} ELSE t.first_failure_at END,
      last_failure_at = GREATEST(t.last_failure_at, ${now}),
      blocked_until = GREATEST(CASE WHEN ${restarts} THEN ${now} ELSE t.blocked_until END, ${now}::timestamptz + ${delaySql(config, failures)})
    RETURNING failures, blocked_until`;
  const row = rows[0]!;
  return { failures: Number(row.failures), blockedUntil: new Date(row.blocked_until) };
}

/** The delay after the n-th failure, as an interval: none for the free ones, then baseDelayMs doubling, capped. */
function delaySql(config: SignInThrottleConfig, failures: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE WHEN ${failures} <= ${config.freeFailures} THEN 0
    ELSE LEAST(${config.maxDelayMs}::float8, ${config.baseDelayMs}::float8 * power(2, LEAST(${failures} - ${config.freeFailures} - 1, ${MAX_EXPONENT})))
    END) * interval '1 millisecond'`;
}

/** The right password from this source: its failures are forgotten (other sources keep theirs). */
export async function clearSignInFailures(db: Database, username: string, source: string): Promise<void> {
  await db.prisma.qbwcSignInThrottle.deleteMany({ where: { username, source } });
}

/** Returns the delay (ms) the n-th consecutive failure blocks for; the same rule as delaySql, for messages and tests. */
export function signInDelayMs(config: SignInThrottleConfig, failures: number): number {
  if (failures <= config.freeFailures) return 0;
  return Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** Math.min(failures - config.freeFailures - 1, MAX_EXPONENT));
}
