import { Prisma } from '@connector/db';

/**
 * Prisma codes that say "the database could not take this now" rather than "this request is wrong" (Prisma error
 * reference; with driver adapters @prisma/client maps the adapter's error kinds to them): P2028 no pooled connection for
 * an interactive transaction within its 2 s `maxWait` (what saturates first under load, docs/scale.md), P2024 the
 * pool's connection timeout, P2034 a write conflict or deadlock ("please retry your transaction"; TransactionWriteConflict),
 * P2037 too many connections, P1001 database not reachable, P1008 socket timeout, P1017 connection closed. A failed
 * transaction was rolled back; the same request can be tried again.
 */
const BUSY_PRISMA_CODES = new Set(['P2028', 'P2024', 'P2034', 'P2037', 'P1001', 'P1008', 'P1017']);

/**
 * PostgreSQL SQLSTATEs (Appendix A) of the same kind when a driver error reaches us unwrapped: 40001 serialization
 * failure, 40P01 deadlock detected, 53300 too many connections, 57P03 cannot connect now (starting up).
 */
const BUSY_SQLSTATES = new Set(['40001', '40P01', '53300', '57P03']);

/** Whether `error` is the database being busy (retry later), not a fault of the request or of our code. */
export function isDatabaseBusy(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return BUSY_PRISMA_CODES.has(error.code);
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    // node-postgres errors carry the SQLSTATE in `code` (pg DatabaseError).
    return BUSY_SQLSTATES.has(error.code) && 'severity' in error;
  }
  return false;
}
