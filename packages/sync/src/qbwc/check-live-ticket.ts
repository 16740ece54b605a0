import type { Database } from '@connector/db';
import { isLive } from './lock-session.ts';
import { hashTicket, looksLikeTicket } from './ticket.ts';

/**
 * Whether a ticket belongs to a live session: one indexed read of its SHA-256, no lock, no transaction.
 * The SOAP route asks this before it reads the bulk of a large request (hostile input): a caller without a live
 * session gets the answer its ticket earns without the server reading or parsing tens of megabytes.
 */
export async function isLiveTicket(db: Database, ticket: string): Promise<boolean> {
  if (!looksLikeTicket(ticket)) return false;
  const session = await db.prisma.qbwcSession.findUnique({ where: { ticketHash: hashTicket(ticket) }, select: { state: true } });
  return session !== null && isLive(session);
}
