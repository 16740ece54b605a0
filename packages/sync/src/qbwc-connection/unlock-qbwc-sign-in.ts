import type { Database } from '@connector/db';
import { writeAudit } from '../audit/write-audit.ts';
import { AppError } from '../errors/app-error.ts';

/**
 * "Unblock sign-in" (Connection screen, `pnpm admin unlock`): forgets every failed Web Connector sign-in of the
 * company's username, from every source, so the next attempt is checked at once (hostile input). The throttle table
 * is keyed by username, not company; the username is read from the company's own connection, so an admin can
 * only ever clear their own company's rows. Audited with who, and how many blocked sources it released.
 */
export async function unlockQbwcSignIn(
  db: Database,
  input: { companyId: string; actor: string; now: Date },
): Promise<{ username: string; cleared: number; blocked: number }> {
  const connection = await db.prisma.qbwcConnection.findUnique({ where: { companyId: input.companyId } });
  if (!connection) throw new AppError('CONNECTION_NOT_FOUND');
  const rows = await db.prisma.qbwcSignInThrottle.findMany({ where: { username: connection.username }, select: { blockedUntil: true } });
  const { count } = await db.prisma.qbwcSignInThrottle.deleteMany({ where: { username: connection.username } });
  const blocked = rows.filter((row) => row.blockedUntil > input.now).length;
  await writeAudit(db.prisma, {
    companyId: input.companyId,
    actor: input.actor,
    action: 'qbwc.sign_in_unlocked',
    outcome: 'ok',
    detail: { username: connection.username, sourcesCleared: count, sourcesBlocked: blocked },
  });
  return { username: connection.username, cleared: count, blocked };
}
