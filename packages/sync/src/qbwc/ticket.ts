import { createHash, randomBytes } from 'node:crypto';

/** A fresh 128-bit random ticket; QBWC echoes it on every call of the session. */
export function newTicket(): string {
  return randomBytes(16).toString('hex');
}

/** Tickets are bearer secrets: only their SHA-256 is stored. */
export function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}

export function looksLikeTicket(ticket: string): boolean {
  return /^[0-9a-f]{32}$/.test(ticket);
}
