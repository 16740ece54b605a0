import type { Prisma } from '@connector/db';
import { progressPercent } from '@connector/qbwc';
import { countOpenWork } from './count-open-work.ts';

/** receiveResponseXML's percent: 100 only when nothing is left for this session (QBWC guide ch. 10). */
export async function computeProgress(
  tx: Prisma.TransactionClient,
  sessionId: string,
  companyId: string,
  // The session's counts when the caller holds them current (its row locked and read in this transaction).
  counts?: { requestsDone: number; requestsFailed: number },
) {
  const session = counts ?? (await tx.qbwcSession.findUniqueOrThrow({ where: { id: sessionId } }));
  const open = await countOpenWork(tx, companyId, sessionId);
  // Iterating reads count by the share of their records already read, so the bar moves during long reads.
  const finished = session.requestsDone + session.requestsFailed + open.partlyDone;
  const percent = progressPercent(finished, finished + open.remaining, open.total > 0);
  return { percent, open: open.total };
}
