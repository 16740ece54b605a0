import type { Database, Prisma } from '@connector/db';
import type { PendingTxn } from './load-pending-transactions.ts';
import { txnKey } from './plan-job-cost-push.ts';

// The record step of "Update Job Costs" (push-job-costs.ts): what Procore now holds (procore_pushes) and, per
// transaction, pushed or failed with the reason (qb_transactions.push_error_*, an audit entry).

export const IMPORT_ACTOR = 'import';

export interface PushSummary {
  transactions: number;
  directCostsWritten: number;
  invoicesCreated: number;
  paymentsCreated: number;
  removed: number;
  failed: number;
  procoreCalls: number;
}

interface TxnOutcome {
  errors: string[];
  errorCode: string | null;
}

/** Each transaction of a page by txnKey: the reasons its Procore writes failed (none: pushed). */
export type TxnOutcomes = Map<string, TxnOutcome>;

export function newOutcomes(page: readonly PendingTxn[]): TxnOutcomes {
  return new Map<string, TxnOutcome>(page.map((p) => [txnKey(p), { errors: [], errorCode: null }]));
}

/** Marks the transaction failed; the first code is the one kept. */
export function failTxn(outcomes: TxnOutcomes, p: PendingTxn, code: string, message: string): void {
  const o = outcomes.get(txnKey(p))!;
  o.errors.push(message);
  o.errorCode ??= code;
}

export async function recordPush(
  tx: Prisma.TransactionClient | Database['prisma'],
  companyId: string,
  push: {
    originId: string;
    sourceType: string;
    sourceId: string;
    procoreType: string;
    procoreProjectId: string;
    procoreId: string;
    contentHash: string;
    amountCents: number;
    detail: Record<string, unknown> | null;
  },
) {
  const data = {
    sourceType: push.sourceType,
    sourceId: push.sourceId,
    procoreType: push.procoreType,
    procoreProjectId: push.procoreProjectId,
    procoreId: push.procoreId,
    contentHash: push.contentHash,
    amountCents: BigInt(push.amountCents),
    detail: (push.detail ?? undefined) as Prisma.InputJsonValue | undefined,
    status: 'active',
    deletedAt: null,
  };
  await tx.procorePush.upsert({
    where: { companyId_originId: { companyId, originId: push.originId } },
    create: { companyId, originId: push.originId, ...data },
    update: data,
  });
}

/** Marks each transaction of the page: pushed (at the EditSequence we pushed) or failed with the reason. */
export async function recordPageOutcomes(db: Database, companyId: string, page: readonly PendingTxn[], outcomes: TxnOutcomes, summary: PushSummary) {
  const done = page.filter((p) => outcomes.get(txnKey(p))!.errors.length === 0);
  const failedTxns = page.filter((p) => outcomes.get(txnKey(p))!.errors.length > 0);
  summary.transactions += done.length;
  summary.failed += failedTxns.length;
  if (done.length > 0) {
    await db.prisma.$executeRaw`
      UPDATE qb_transactions t SET needs_push = false, pushed_edit_sequence = d.edit_sequence, push_error_code = NULL, push_error_message = NULL
      FROM jsonb_to_recordset(${JSON.stringify(done.map((p) => ({ txn_type: p.txnType, txn_id: p.txnId, edit_sequence: p.editSequence })))}::jsonb) AS d(txn_type text, txn_id text, edit_sequence text)
      WHERE t.company_id = ${companyId}::uuid AND t.txn_type = d.txn_type AND t.txn_id = d.txn_id AND t.edit_sequence = d.edit_sequence`;
  }
  for (const p of failedTxns) {
    const o = outcomes.get(txnKey(p))!;
    const message = `${describeTxn(p)}: ${o.errors.join(' ')}`;
    await db.prisma.qbTransaction.updateMany({
      where: { companyId, txnType: p.txnType, txnId: p.txnId },
      data: { pushErrorCode: o.errorCode, pushErrorMessage: message },
    });
    await db.prisma.auditEntry.create({
      data: {
        companyId,
        actor: IMPORT_ACTOR,
        action: 'import.push_failed',
        direction: 'to_procore',
        outcome: 'error',
        subjectType: `qb_${p.txnType}`,
        subjectId: p.txnId,
        detail: { errorCode: o.errorCode, message },
      },
    });
  }
}

function describeTxn(p: PendingTxn): string {
  const label: Record<string, string> = { Bill: 'Bill', Check: 'Check', CreditCardCharge: 'Credit card charge', BillPaymentCheck: 'Bill payment' };
  return `QuickBooks ${label[p.txnType] ?? p.txnType} ${p.refNumber ?? p.txnId} of ${p.txnDate}`;
}
