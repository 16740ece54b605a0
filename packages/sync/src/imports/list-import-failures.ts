import type { Database } from '@connector/db';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { readOrNull, readQbBillPaymentData, readQbCostTxnData } from '../stored/read-stored.ts';
import { PUSH_JOB_COSTS_JOB, PUSH_OWNER_PAYMENTS_JOB } from './import-jobs.ts';

export interface ImportFailure {
  txnType: string;
  txnId: string;
  refNumber: string | null;
  txnDate: string;
  payeeName: string | null;
  amountCents: number;
  /** Our code (e.g. BILL_LINE_NOT_ON_COMMITMENT, PROCORE_REJECTED) and the sentence a person can act on, with Procore's words. */
  errorCode: string;
  message: string;
  /** When QuickBooks last sent this version of the transaction. */
  fetchedAt: string;
}

/**
 * Update Job Costs' exception list: QuickBooks transactions Procore has not been brought in step with, because
 * the push failed (push-job-costs.ts keeps push_error_* and needs_push). Each is retried by the next push on its
 * own; the list is what a person reads to fix the cause first (link a job, receive a bill against the PO's lines,
 * unlock a Procore project). Newest first, paged.
 */
export async function listImportFailures(
  db: Database,
  companyId: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: ImportFailure[] }> {
  const where = { companyId, needsPush: true, pushErrorCode: { not: null }, deletedAt: null };
  const [total, rows] = await Promise.all([
    db.prisma.qbTransaction.count({ where }),
    db.prisma.qbTransaction.findMany({ where, orderBy: [{ fetchedAt: 'desc' }, { txnId: 'asc' }], take: page.limit, skip: page.offset }),
  ]);
  return {
    total,
    items: rows.map((r) => ({
      txnType: r.txnType,
      txnId: r.txnId,
      refNumber: r.refNumber,
      txnDate: r.txnDate,
      // Display only: a damaged data shows no payee (the row's own failure names the damage) rather than failing the list.
      payeeName: readOrNull(() => (r.txnType === 'BillPaymentCheck' ? readQbBillPaymentData(r) : readQbCostTxnData(r)))?.payeeName ?? null,
      amountCents: Number(r.amountCents),
      errorCode: r.pushErrorCode ?? '',
      message: r.pushErrorMessage ?? '',
      fetchedAt: r.fetchedAt.toISOString(),
    })),
  };
}

/**
 * "Retry now": the push runs again without waiting for the next QuickBooks read (the failed transactions keep
 * needs_push, so the push picks them up). A second click while one is queued is the same job (dedupe key).
 */
export async function retryImportPush(
  db: Database,
  input: { companyId: string; actor: string },
): Promise<{ outcome: 'queued' | 'already_queued' | 'nothing_to_retry'; failed: number }> {
  const failed = await db.prisma.qbTransaction.count({ where: { companyId: input.companyId, needsPush: true, pushErrorCode: { not: null }, deletedAt: null } });
  if (failed === 0) return { outcome: 'nothing_to_retry', failed };
  return db.prisma.$transaction(async (tx) => {
    const job = await enqueueJob(tx, { companyId: input.companyId, kind: PUSH_JOB_COSTS_JOB, payload: {}, dedupeKey: PUSH_JOB_COSTS_JOB });
    // Payments received that failed are retried by their own push (push-owner-payments.ts).
    await enqueueJob(tx, { companyId: input.companyId, kind: PUSH_OWNER_PAYMENTS_JOB, payload: {}, dedupeKey: PUSH_OWNER_PAYMENTS_JOB });
    if (job.created)
      await writeAudit(tx, {
        companyId: input.companyId,
        actor: input.actor,
        action: 'import.retry',
        direction: 'to_procore',
        outcome: 'info',
        subjectType: 'import',
        subjectId: 'job_costs',
        detail: { failed },
      });
    return { outcome: job.created ? 'queued' : 'already_queued', failed };
  });
}
