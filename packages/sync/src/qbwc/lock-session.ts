import { Prisma, type QbwcSessionModel } from '@connector/db';
import { hashTicket, looksLikeTicket } from './ticket.ts';

export const LIVE_SESSION_STATES = ['authenticated', 'exchanging'];

export type LockedSession = QbwcSessionModel;

/**
 * Finds the session a ticket belongs to and locks its row for the rest of the transaction, so a
 * replayed or concurrent call for the same session waits instead of interleaving.
 */
export async function lockSession(tx: Prisma.TransactionClient, ticket: string): Promise<LockedSession | null> {
  if (!looksLikeTicket(ticket)) return null;
  const rows = await tx.$queryRaw<LockedSession[]>`
    SELECT ${SESSION_COLUMNS} FROM qbwc_sessions WHERE ticket_hash = ${hashTicket(ticket)} FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * lockSession for sendRequestXML and receiveResponseXML, which also record the call on a live session
 * (lastActivityAt = now; a session that is not live is left as it is): one statement where there were three (the
 * lock, Prisma's read of the row, the update), each a round trip with Prisma's and the driver's CPU on it (issue 19).
 * The UPDATE locks the row until the transaction ends as SELECT … FOR UPDATE did (FOR NO KEY UPDATE, which
 * conflicts with every other lock taken on a session row: FOR UPDATE, FOR UPDATE SKIP LOCKED, UPDATE); the row
 * returned carries the new lastActivityAt.
 */
export async function lockAndTouchSession(tx: Prisma.TransactionClient, ticket: string, now: Date): Promise<LockedSession | null> {
  if (!looksLikeTicket(ticket)) return null;
  const rows = await tx.$queryRaw<LockedSession[]>`
    UPDATE qbwc_sessions
       SET last_activity_at = CASE WHEN state = ANY(${LIVE_SESSION_STATES}::text[]) THEN ${now}::timestamptz ELSE last_activity_at END
     WHERE ticket_hash = ${hashTicket(ticket)}
    RETURNING ${SESSION_COLUMNS}`;
  return rows[0] ?? null;
}

// Every column of qbwc_sessions under the Prisma model's field names (prisma/schema.prisma model QbwcSession), so
// a raw read gives the same object as qbwcSession.findUnique.
const SESSION_COLUMNS: Prisma.Sql = Prisma.raw(
  (
    [
      ['id', 'id::text'],
      ['companyId', 'company_id::text'],
      ['ticketHash', 'ticket_hash'],
      ['state', 'state'],
      ['progress', 'progress'],
      ['lastError', 'last_error'],
      ['companyFile', 'company_file'],
      ['qbwcClientVersion', 'qbwc_client_version'],
      ['roundTrips', 'round_trips'],
      ['connectionErrors', 'connection_errors'],
      ['requestsDone', 'requests_done'],
      ['requestsFailed', 'requests_failed'],
      ['workTotal', 'work_total'],
      ['summary', 'summary'],
      ['startedAt', 'started_at'],
      ['lastActivityAt', 'last_activity_at'],
      ['closedAt', 'closed_at'],
    ] satisfies Array<[keyof LockedSession, string]>
  )
    .map(([field, column]) => `${column} AS "${field}"`)
    .join(', '),
);

export function isLive(session: { state: string }): boolean {
  return LIVE_SESSION_STATES.includes(session.state);
}
