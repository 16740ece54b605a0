import type { Prisma } from '@connector/db';
import { abandonInFlightMessages } from './abandon-in-flight-messages.ts';

/**
 * Sessions QBWC abandoned (PC asleep, QBWC killed, network gone) stop counting as live after the idle
 * timeout. A message they had in flight is marked lost: its outcome is recovered before anything is
 * re-sent (DESIGN.md §5 error recovery).
 */
export async function expireIdleSessions(tx: Prisma.TransactionClient, companyId: string, idleTimeoutMs: number, now: Date) {
  const cutoff = new Date(now.getTime() - idleTimeoutMs);
  const stale = await tx.qbwcSession.findMany({
    where: { companyId, state: { in: ['authenticated', 'exchanging'] }, lastActivityAt: { lt: cutoff } },
    select: { id: true },
  });
  if (stale.length === 0) return 0;
  const ids = stale.map((s) => s.id);
  await tx.qbwcSession.updateMany({
    where: { companyId, id: { in: ids } },
    data: { state: 'expired', closedAt: now, lastError: 'The Web Connector stopped calling; the session timed out.' },
  });
  await abandonInFlightMessages(tx, companyId, ids);
  return ids.length;
}
