import type { Database } from '@connector/db';
import { summarizeSession } from '@connector/qbwc';
import { writeAudit } from '../audit/write-audit.ts';
import { abandonInFlightMessages } from './abandon-in-flight-messages.ts';
import { explainHresult } from './explain-hresult.ts';
import { isLive, lockSession } from './lock-session.ts';

const UNKNOWN_TICKET =
  'This Web Connector session is not known or has already ended (the server may have timed it out). The next scheduled run starts a new session.';

/** QBWC getLastError (QBWC guide ch. 10): the text QBWC shows after an empty sendRequestXML or a negative percent. */
export async function getLastError(db: Database, ticket: string): Promise<string> {
  return db.prisma.$transaction(async (tx) => {
    const session = await lockSession(tx, ticket);
    if (!session) return UNKNOWN_TICKET;
    return session.lastError ?? 'The connector reported an error without details. See the Activity log.';
  });
}

/**
 * QBWC connectionError: QBWC could not open QuickBooks or the company file. Retry with the bound file
 * path at most twice, then stop with 'done' (QBWC guide ch. 10 connectionError).
 */
export async function connectionError(db: Database, input: { ticket: string; hresult: string; message: string }, now = new Date()): Promise<string> {
  return db.prisma.$transaction(async (tx) => {
    const session = await lockSession(tx, input.ticket);
    if (!session || !isLive(session)) return 'done';
    const explanation = explainHresult(input.hresult, input.message);
    const connection = await tx.qbwcConnection.findUnique({ where: { companyId: session.companyId } });
    const retry = session.connectionErrors < 2 && connection?.boundCompanyFile ? connection.boundCompanyFile : null;
    await tx.qbwcSession.update({
      where: { id: session.id },
      data: {
        connectionErrors: { increment: 1 },
        lastError: explanation,
        lastActivityAt: now,
        ...(retry ? {} : { state: 'failed', closedAt: now, summary: explanation }),
      },
    });
    if (!retry) await abandonInFlightMessages(tx, session.companyId, [session.id]);
    await writeAudit(tx, {
      companyId: session.companyId,
      actor: 'qbwc',
      action: 'qbwc.connection_error',
      outcome: 'error',
      subjectType: 'qbwc_session',
      subjectId: session.id,
      detail: { hresult: input.hresult, message: input.message, retryWith: retry },
    });
    return retry ?? 'done';
  });
}

/** QBWC closeConnection: end the session and return the one line QBWC shows in its status column. */
export async function closeConnection(db: Database, ticket: string, now = new Date()): Promise<string> {
  return db.prisma.$transaction(async (tx) => {
    const session = await lockSession(tx, ticket);
    if (!session) return UNKNOWN_TICKET;
    if (session.closedAt && session.summary) return session.summary;
    await abandonInFlightMessages(tx, session.companyId, [session.id]);
    const messages = await tx.qbwcMessage.findMany({ where: { companyId: session.companyId, sessionId: session.id }, select: { id: true, recoversId: true } });
    const messageIds = messages.flatMap((m) => (m.recoversId ? [m.id, m.recoversId] : [m.id]));
    const doneRows = await tx.queuedRequest.groupBy({
      by: ['kind'],
      where: { companyId: session.companyId, status: 'done', messageId: { in: messageIds } },
      _count: { _all: true },
    });
    const byKind: Record<string, number> = {};
    for (const row of doneRows) byKind[kindWords(row.kind)] = (byKind[kindWords(row.kind)] ?? 0) + row._count._all;
    let summary = summarizeSession({ requestsDone: session.requestsDone, requestsFailed: session.requestsFailed, byKind });
    if (session.state === 'failed' && session.lastError) summary = `Stopped: ${session.lastError}`.slice(0, 250);
    await tx.qbwcSession.update({
      where: { id: session.id },
      data: {
        state: session.state === 'failed' ? 'failed' : 'closed',
        closedAt: now,
        lastActivityAt: now,
        summary,
      },
    });
    await writeAudit(tx, {
      companyId: session.companyId,
      actor: 'qbwc',
      action: 'qbwc.session_closed',
      outcome: session.state === 'failed' ? 'error' : 'ok',
      subjectType: 'qbwc_session',
      subjectId: session.id,
      detail: { summary, roundTrips: session.roundTrips, done: session.requestsDone, failed: session.requestsFailed },
    });
    return summary;
  });
}

/** 'PurchaseOrderAdd' → 'purchase order', 'VendorQuery' → 'vendor read': words for the status line. */
function kindWords(kind: string): string {
  const query = kind.endsWith('Query');
  const noun = kind.replace(/(Add|Mod|Query)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return query ? `${noun} read` : noun;
}
