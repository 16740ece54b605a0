import type { Prisma } from '@connector/db';

/**
 * What a session still has to do: queued requests (minus those deferred to a later session) and
 * messages whose response was lost (each needs a recovery round first). Iterating queries count by
 * the fraction of records still to read, so the progress bar moves during long reads.
 */
export async function countOpenWork(tx: Prisma.TransactionClient, companyId: string, sessionId: string | null) {
  const queued = await tx.queuedRequest.findMany({
    where: {
      companyId,
      status: 'queued',
      ...(sessionId ? { OR: [{ deferredInSessionId: null }, { deferredInSessionId: { not: sessionId } }] } : {}),
    },
    select: { iteratorRemaining: true, recordsReceived: true, iteratorSessionId: true },
  });
  const lost = await tx.qbwcMessage.count({ where: { companyId, status: 'lost' } });
  let remaining = 0;
  let partlyDone = 0;
  for (const request of queued) {
    const iterating = sessionId !== null && request.iteratorSessionId === sessionId && request.iteratorRemaining !== null;
    const left = iterating ? request.iteratorRemaining! / (request.iteratorRemaining! + Math.max(request.recordsReceived, 1)) : 1;
    remaining += left;
    partlyDone += 1 - left;
  }
  return { total: queued.length + lost, remaining: remaining + lost, partlyDone };
}
