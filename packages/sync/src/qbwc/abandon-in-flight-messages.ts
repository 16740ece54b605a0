import type { Prisma } from '@connector/db';

/** What became of a session's messages that were still out: for the audit trail (session takeover). */
export interface AbandonedMessages {
  /** Write messages now 'lost': their outcome is asked of QuickBooks (oldMessageSetID) before any re-send. */
  lostMessages: Array<{ id: string; messageSetId: string; requestIds: string[] }>;
  /** Read-only messages dropped: their requests went back to the queue (iterators restart). */
  requeuedMessages: Array<{ id: string; requestIds: string[] }>;
  /** Recovery status checks dropped: the message each asked about stays 'lost' and is asked about again. */
  abandonedRecoveries: Array<{ id: string; recoversId: string | null }>;
}

/**
 * A session ended with a message still out (QBWC closed, crashed or timed out before answering).
 * - A message that writes carried a newMessageSetID: QuickBooks may have applied it, so it becomes
 *   'lost' and the next session asks QuickBooks for its outcome (oldMessageSetID) before re-sending.
 * - A read-only message is harmless to repeat: its requests go back to the queue (iterators restart,
 *   they die with the session — docs/qbxml.md#iterators).
 * - A lost recovery message is simply abandoned: the message it asked about stays 'lost'.
 */
export async function abandonInFlightMessages(tx: Prisma.TransactionClient, companyId: string, sessionIds: string[]): Promise<AbandonedMessages> {
  const inFlight = await tx.qbwcMessage.findMany({
    where: { companyId, sessionId: { in: sessionIds }, status: 'sent' },
    select: { id: true, purpose: true, messageSetId: true, requestIds: true, recoversId: true },
  });
  const result: AbandonedMessages = { lostMessages: [], requeuedMessages: [], abandonedRecoveries: [] };
  for (const message of inFlight) {
    const needsRecovery = message.purpose === 'work' && message.messageSetId !== null;
    await tx.qbwcMessage.update({ where: { id: message.id }, data: { status: needsRecovery ? 'lost' : 'abandoned' } });
    if (!needsRecovery && message.purpose === 'work') {
      await tx.queuedRequest.updateMany({
        where: { companyId, messageId: message.id, status: 'sent' },
        data: { status: 'queued', iteratorId: null, iteratorSessionId: null, iteratorRemaining: null, recordsReceived: 0 },
      });
    }
    if (needsRecovery) result.lostMessages.push({ id: message.id, messageSetId: message.messageSetId!, requestIds: message.requestIds });
    else if (message.purpose === 'work') result.requeuedMessages.push({ id: message.id, requestIds: message.requestIds });
    else result.abandonedRecoveries.push({ id: message.id, recoversId: message.recoversId });
  }
  return result;
}
