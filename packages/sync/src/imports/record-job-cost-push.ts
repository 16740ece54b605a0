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

/**
 * recordPush for many direct costs in one statement (a sync call answers up to 1,000 of them; one upsert each was
 * most of a 100,000-line push's time). Same row as recordPush: a direct cost has no detail, and an existing row's
 * detail is left as it was (Prisma's upsert with detail undefined).
 */
export async function recordDirectCostPushes(
  tx: Prisma.TransactionClient | Database['prisma'],
  companyId: string,
  pushes: ReadonlyArray<{
    originId: string;
    sourceType: string;
    sourceId: string;
    procoreProjectId: string;
    procoreId: string;
    contentHash: string;
    amountCents: number;
  }>,
) {
  if (pushes.length === 0) return;
  // One row per origin_id (the last wins, as one upsert after another would): ON CONFLICT cannot touch a row twice.
  const rows = [...new Map(pushes.map((p) => [p.originId, p])).values()].map((p) => ({
    origin_id: p.originId,
    source_type: p.sourceType,
    source_id: p.sourceId,
    procore_project_id: p.procoreProjectId,
    procore_id: p.procoreId,
    content_hash: p.contentHash,
    amount_cents: p.amountCents,
  }));
  const now = new Date();
  await tx.$executeRaw`
    INSERT INTO procore_pushes (id, company_id, origin_id, source_type, source_id, procore_type, procore_project_id, procore_id, content_hash, amount_cents, status, created_at, updated_at)
    SELECT gen_random_uuid(), ${companyId}::uuid, x.origin_id, x.source_type, x.source_id, 'direct_cost', x.procore_project_id, x.procore_id, x.content_hash, x.amount_cents, 'active', ${now}, ${now}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(origin_id text, source_type text, source_id text, procore_project_id text, procore_id text, content_hash text, amount_cents bigint)
    ON CONFLICT (company_id, origin_id) DO UPDATE SET
      source_type = EXCLUDED.source_type, source_id = EXCLUDED.source_id, procore_type = EXCLUDED.procore_type, procore_project_id = EXCLUDED.procore_project_id,
      procore_id = EXCLUDED.procore_id, content_hash = EXCLUDED.content_hash, amount_cents = EXCLUDED.amount_cents, status = 'active', deleted_at = NULL,
      updated_at = EXCLUDED.updated_at`;
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
