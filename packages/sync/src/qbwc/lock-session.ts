import type { Prisma } from '@connector/db';
import { hashTicket, looksLikeTicket } from './ticket.ts';

export const LIVE_SESSION_STATES = ['authenticated', 'exchanging'];

/**
 * Finds the session a ticket belongs to and locks its row for the rest of the transaction, so a
 * replayed or concurrent call for the same session waits instead of interleaving.
 */
export async function lockSession(tx: Prisma.TransactionClient, ticket: string) {
  if (!looksLikeTicket(ticket)) return null;
  const ticketHash = hashTicket(ticket);
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM qbwc_sessions WHERE ticket_hash = ${ticketHash} FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.qbwcSession.findUnique({ where: { id: rows[0]!.id } });
}

export type LockedSession = NonNullable<Awaited<ReturnType<typeof lockSession>>>;

export function isLive(session: { state: string }): boolean {
  return LIVE_SESSION_STATES.includes(session.state);
}
