import type { Prisma } from '@connector/db';
import { abandonInFlightMessages, type AbandonedMessages } from './abandon-in-flight-messages.ts';
import { LIVE_SESSION_STATES } from './lock-session.ts';

/** A live session the new authenticate replaced, with what became of the messages it had out. */
export interface TakenOverSession extends AbandonedMessages {
  sessionId: string;
  lastActivityAt: Date;
  quietSeconds: number;
}

export interface LiveSessionCheck {
  takenOver: TakenOverSession[];
  /** A session that still counts as running (the caller answers "busy"), and when it could be taken over. */
  running: { sessionId: string; takeoverAt: Date } | null;
}

/**
 * What the old ticket's getLastError shows (QBWC displays it, then calls closeConnection — guide p.72),
 * and the closeConnection line (at most MAX_SUMMARY_LENGTH, 200 characters).
 */
export function takenOverMessages(quietSeconds: number): { lastError: string; summary: string } {
  return {
    lastError:
      `Another Web Connector session took over after this one made no call for ${quietSeconds} seconds ` +
      '(its response was lost or QBWC moved on). Nothing more from this session is applied; the new session ' +
      'checks its last message with QuickBooks first.',
    summary: `Taken over by a newer Web Connector session after ${quietSeconds} s without a call; nothing more from this session is applied.`,
  };
}

/**
 * Called by authenticate (with valid credentials, under the company's connection-row lock) before it
 * decides between a new session and "busy".
 *
 * A session is one authenticate … closeConnection sequence (QBWC guide ch. 2, p.21-25), and QBWC starts an
 * application's next update only once the current one has ended, so a new authenticate while a session of
 * the company looks live means the Web Connector gave that session up (a response lost to the network, the
 * PC asleep, closeConnection never sent) — or a second PC uses the same credentials. A session with no
 * call for `takeoverAfterMs` is therefore taken over now rather than left to block the company:
 * - it becomes 'expired' with the reason as lastError and summary, so its ticket is fenced: sendRequestXML
 *   answers '', receiveResponseXML a negative percent before applying anything (both refuse sessions that
 *   are not live), getLastError and closeConnection return the reason;
 * - its write message still out becomes 'lost' and its read messages are re-queued
 *   (abandonInFlightMessages): the new session's first sendRequestXML asks QuickBooks for the lost
 *   message's outcome (oldMessageSetID) before anything is re-sent, the one path by which that answer
 *   is applied.
 * A session quieter than that, or in the middle of a call right now (its row is locked by lockSession),
 * is running: the caller answers "busy".
 */
export async function takeOverQuietSessions(tx: Prisma.TransactionClient, companyId: string, takeoverAfterMs: number, now: Date): Promise<LiveSessionCheck> {
  const live = await tx.qbwcSession.findMany({ where: { companyId, state: { in: LIVE_SESSION_STATES } }, select: { id: true } });
  if (live.length === 0) return { takenOver: [], running: null };
  const ids = live.map((s) => s.id);
  // SKIP LOCKED: a session whose row is locked is inside a call (sendRequestXML / receiveResponseXML
  // hold it for the whole call) — alive by definition, and its lastActivityAt is about to move. Waiting
  // for it instead could deadlock against a call that updates the connection row while holding the
  // session row (the company-file binding); FOR UPDATE on the rest re-reads them as last committed.
  const lockable = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM qbwc_sessions
     WHERE company_id = ${companyId}::uuid AND id = ANY(${ids}::uuid[]) AND state = ANY(${LIVE_SESSION_STATES}::text[])
       FOR UPDATE SKIP LOCKED`;
  const lockedIds = new Set(lockable.map((row) => row.id));
  const inCall = ids.find((id) => !lockedIds.has(id));
  const sessions = await tx.qbwcSession.findMany({
    where: { companyId, id: { in: [...lockedIds] }, state: { in: LIVE_SESSION_STATES } },
    orderBy: { lastActivityAt: 'desc' },
  });

  const takenOver: TakenOverSession[] = [];
  let running: LiveSessionCheck['running'] = inCall ? { sessionId: inCall, takeoverAt: new Date(now.getTime() + takeoverAfterMs) } : null;
  for (const session of sessions) {
    const quietMs = now.getTime() - session.lastActivityAt.getTime();
    if (quietMs < takeoverAfterMs) {
      const takeoverAt = new Date(session.lastActivityAt.getTime() + takeoverAfterMs);
      if (!running || takeoverAt > running.takeoverAt) running = { sessionId: session.id, takeoverAt };
      continue;
    }
    const quietSeconds = Math.floor(quietMs / 1000);
    const { lastError, summary } = takenOverMessages(quietSeconds);
    await tx.qbwcSession.updateMany({ where: { companyId, id: session.id }, data: { state: 'expired', closedAt: now, lastError, summary } });
    const abandoned = await abandonInFlightMessages(tx, companyId, [session.id]);
    takenOver.push({ sessionId: session.id, lastActivityAt: session.lastActivityAt, quietSeconds, ...abandoned });
  }
  return { takenOver, running };
}
