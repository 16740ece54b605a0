import type { Prisma } from '@connector/db';

/**
 * What a session still has to do: queued requests (minus those deferred to a later session) and
 * messages whose response was lost (each needs a recovery round first). Iterating queries count by
 * the fraction of records still to read, so the progress bar moves during long reads.
 *
 * One aggregate in the database: receiveResponseXML asks this on every answer, and loading every
 * queued row of the company into Node made each round trip cost more the longer the queue was.
 */
export async function countOpenWork(tx: Prisma.TransactionClient, companyId: string, sessionId: string | null) {
  const [row] = await tx.$queryRaw<Array<{ queued: number; remaining: number; lost: number }>>`
    SELECT
      (SELECT count(*)::int FROM qbwc_messages WHERE company_id = ${companyId}::uuid AND status = 'lost') AS lost,
      count(q.id)::int AS queued,
      coalesce(sum(
        CASE WHEN ${sessionId}::uuid IS NOT NULL AND q.iterator_session_id = ${sessionId}::uuid AND q.iterator_remaining IS NOT NULL
          THEN q.iterator_remaining::float8 / (q.iterator_remaining + greatest(q.records_received, 1))
          ELSE 1 END
      ), 0)::float8 AS remaining
    FROM queued_requests q
    WHERE q.company_id = ${companyId}::uuid
      AND q.status = 'queued'
      AND (${sessionId}::uuid IS NULL OR q.deferred_in_session_id IS NULL OR q.deferred_in_session_id <> ${sessionId}::uuid)`;
  const queued = row?.queued ?? 0;
  const remaining = row?.remaining ?? 0;
  const lost = row?.lost ?? 0;
  return { total: queued + lost, remaining: remaining + lost, partlyDone: queued - remaining };
}
