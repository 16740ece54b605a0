import type { Prisma } from '@connector/db';

/**
 * One export-planning pass per company at a time, whoever plans: an `export.prepare` job, a QuickBooks answer
 * (advanceExports), a person's action from the API (apply-export-action.ts, resolve-export-conflict.ts). Two passes
 * planning at once both saw a missing dependency (a vendor, a parent cost code) and both created its export row (the
 * second failed on the unique index, failing its job or the Web Connector's answer), or both queued the same record's
 * request and audited it twice (docs/data-safety.md, "Who plans exports, and the lock they take").
 *
 * The order rule: take it first in the transaction, before any row lock, so two planners wait for each other holding
 * nothing (no deadlock). The one exception is a QuickBooks answer, which reaches advanceExports holding its session's
 * row and the rows of the requests it answers: rows no other planner locks (they only insert requests for exports
 * that have none). Released at commit or rollback; taking it again in the same transaction is free (PostgreSQL
 * counts re-entries of a session's advisory lock), so advanceExports takes it whatever its caller did.
 *
 * The key is `export-planning:<companyId>`; every planner, export.prepare's batch included (prepare-export-batch.ts),
 * calls this function rather than keeping a copy of it.
 */
export async function lockExportPlanning(tx: Pick<Prisma.TransactionClient, '$queryRaw'>, companyId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`export-planning:${companyId}`}, 0))::text AS locked`;
}
