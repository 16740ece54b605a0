import type { Database } from '@connector/db';
import { MAX_SUMMARY_LENGTH, pluralize, summarizeSession } from '@connector/qbwc';
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
    // Expired = taken over by a newer session (expire-idle-sessions.ts): it stays expired, its ticket fenced.
    if (session.state === 'expired') return (session.summary ?? session.lastError ?? UNKNOWN_TICKET).slice(0, MAX_SUMMARY_LENGTH);
    await abandonInFlightMessages(tx, session.companyId, [session.id]);
    const messages = await tx.qbwcMessage.findMany({ where: { companyId: session.companyId, sessionId: session.id }, select: { id: true, recoversId: true } });
    const messageIds = messages.flatMap((m) => (m.recoversId ? [m.id, m.recoversId] : [m.id]));
    const doneRows = await tx.queuedRequest.groupBy({
      by: ['kind'],
      where: { companyId: session.companyId, status: 'done', messageId: { in: messageIds } },
      _count: { _all: true },
      _sum: { recordsReceived: true },
    });
    let summary = describeSession(session.requestsDone, session.requestsFailed, doneRows);
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

/**
 * The closeConnection line: writes through summarizeSession ("3 vendors, 1 bill synced; 1 needs
 * attention"), reads by records ("read 1,500 bills, 250 vendors"), so a person sees what moved.
 */
function describeSession(
  done: number,
  failed: number,
  rows: Array<{ kind: string; _count: { _all: number }; _sum: { recordsReceived: number | null } }>,
): string {
  const writes: Record<string, number> = {};
  const reads: Record<string, number> = {};
  let readRequests = 0;
  for (const row of rows) {
    const noun = row.kind
      .replace(/(Add|Mod|Query)$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase();
    if (row.kind.endsWith('Query')) {
      readRequests += row._count._all;
      reads[noun] = (reads[noun] ?? 0) + (row._sum.recordsReceived ?? 0);
    } else {
      writes[noun] = (writes[noun] ?? 0) + row._count._all;
    }
  }
  const writeLine =
    done - readRequests > 0 || failed > 0 ? summarizeSession({ requestsDone: done - readRequests, requestsFailed: failed, byKind: writes }) : '';
  const readLine = Object.entries(reads)
    .map(([noun, n]) => `${n.toLocaleString('en-US')} ${n === 1 ? noun : pluralize(noun)}`)
    .join(', ');
  const line = [writeLine, readLine ? `read ${readLine}` : ''].filter(Boolean).join('; ');
  return (line || summarizeSession({ requestsDone: 0, requestsFailed: 0 })).slice(0, MAX_SUMMARY_LENGTH);
}
