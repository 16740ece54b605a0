import type { Database, Prisma } from '@connector/db';
import {
  buildPrimeContractPayments,
  formatDollars,
  readReceivePayment,
  toNewPrimeContractPayment,
  type PrimeContractPaymentToSync,
  type QbReceivePayment,
} from '@connector/mapping';
import { ProcoreApiError, type ProcoreClient } from '@connector/procore';
import type { QbRecord } from '@connector/qbxml';
import { writeAudit } from '../audit/write-audit.ts';
import { isAppError } from '../errors/app-error.ts';
import { JobLeaseLostError } from '../jobs/run-jobs.ts';
import { procoreFailure } from '../procore/procore-failure.ts';
import { loadOwnerInvoices, type OwnerInvoiceLookup } from './load-owner-invoices.ts';
import { createOnce, resolveOpenIntents, type LeaseGuard } from './procore-create-intents.ts';
import { IMPORT_ACTOR, recordPush } from './record-job-cost-push.ts';
import { RECEIVE_PAYMENT_TXN_TYPE } from './store-receive-payments.ts';

// Payments received (QuickBooks → Procore, owner side, issue 21; docs/integration-map.md "Owner invoices"): each
// QuickBooks payment applied to an invoice the connector created from a Procore owner invoice becomes a prime contract
// payment ("Payments Received") on that owner invoice — one per (payment, invoice), origin_id
// qb:ReceivePayment:<payment>:<invoice> (build-prime-contract-payments.ts in @connector/mapping decides what and how
// much). The cost-side twin is the bill payments half of Update Job Costs (apply-job-cost-push.ts), and this follows
// it: procore_pushes records what Procore holds, a create is announced in procore_create_intents before its POST and
// found again by origin_id after an unknown outcome (never sent twice), a void or a delete removes what was made
// (audited), a failure stays on the payment (qb_transactions.push_error_*, the import failures list) until a later
// push succeeds.

export const PRIME_CONTRACT_PAYMENT = 'prime_contract_payment' as const;
const PAGE = 500;

export interface OwnerPaymentsSummary {
  /** QuickBooks payments brought in step with Procore. */
  payments: number;
  paymentsCreated: number;
  removed: number;
  /** Applications to invoices not from Procore owner invoices (or to no invoice): not Procore payments, not errors. */
  skippedApplications: number;
  failed: number;
  procoreCalls: number;
}

interface PendingPayment {
  txnId: string;
  editSequence: string;
  refNumber: string | null;
  txnDate: string;
  deleted: boolean;
  data: unknown;
}

interface ActivePush {
  id: string;
  originId: string;
  procoreProjectId: string | null;
  procoreId: string;
  contentHash: string | null;
  detail: unknown;
}

interface Run {
  db: Database;
  companyId: string;
  client: ProcoreClient;
  lease: LeaseGuard | undefined;
  summary: OwnerPaymentsSummary;
}

/** Why a payment could not be brought in step: our code and the sentence a person can act on. */
type Failure = { code: string; message: string };

/**
 * The payments received push: settles creates a cut-off run left open, then brings every payment received that
 * changed (needs_push) into Procore, page by page.
 */
export async function pushOwnerPayments(db: Database, input: { companyId: string; client: ProcoreClient; lease?: LeaseGuard }): Promise<OwnerPaymentsSummary> {
  const { companyId, client, lease } = input;
  const summary: OwnerPaymentsSummary = { payments: 0, paymentsCreated: 0, removed: 0, skippedApplications: 0, failed: 0, procoreCalls: 0 };
  const run: Run = { db, companyId, client, lease, summary };
  // A run that stopped between the POST and recording it left its intent open: find those payments in Procore first.
  summary.procoreCalls += (
    await resolveOpenIntents(
      db,
      companyId,
      client,
      (tx, intent, procoreId) =>
        recordPush(tx, companyId, {
          originId: intent.originId,
          sourceType: intent.sourceType,
          sourceId: intent.sourceId,
          procoreType: intent.procoreType,
          procoreProjectId: intent.procoreProjectId,
          procoreId: String(procoreId),
          contentHash: intent.push.contentHash,
          amountCents: intent.push.amountCents,
          detail: intent.push.detail,
        }),
      [PRIME_CONTRACT_PAYMENT],
    )
  ).calls;
  const ownerInvoices = await loadOwnerInvoices(db.prisma, companyId);
  let after = '';
  for (;;) {
    const page = await db.prisma.$queryRaw<
      Array<{ txn_id: string; edit_sequence: string; ref_number: string | null; txn_date: string; data: unknown; deleted: boolean }>
    >`
      SELECT txn_id, edit_sequence, ref_number, txn_date, data, deleted_at IS NOT NULL AS deleted
      FROM qb_transactions
      WHERE company_id = ${companyId}::uuid AND txn_type = ${RECEIVE_PAYMENT_TXN_TYPE} AND needs_push AND txn_id > ${after}
      ORDER BY txn_id LIMIT ${PAGE}`;
    if (page.length === 0) break;
    after = page[page.length - 1]!.txn_id;
    const pushes = await db.prisma.procorePush.findMany({
      where: { companyId, sourceType: RECEIVE_PAYMENT_TXN_TYPE, sourceId: { in: page.map((p) => p.txn_id) }, status: 'active' },
      select: { id: true, originId: true, sourceId: true, procoreProjectId: true, procoreId: true, contentHash: true, detail: true },
    });
    for (const row of page) {
      const p: PendingPayment = {
        txnId: row.txn_id,
        editSequence: row.edit_sequence,
        refNumber: row.ref_number,
        txnDate: row.txn_date,
        deleted: row.deleted,
        data: row.data,
      };
      const failures = await pushOne(
        run,
        p,
        pushes.filter((x) => x.sourceId === p.txnId),
        ownerInvoices,
      );
      await recordOutcome(run, p, failures);
    }
    if (page.length < PAGE) break;
  }
  return summary;
}

/** Brings one payment in step; returns what failed (nothing: Procore now holds exactly what it should). */
async function pushOne(run: Run, p: PendingPayment, existing: ActivePush[], ownerInvoices: ReadonlyMap<string, OwnerInvoiceLookup>): Promise<Failure[]> {
  const failures: Failure[] = [];
  if (p.deleted) {
    // TxnDeletedQuery: every Procore payment made from it goes, whatever invoice it was on.
    for (const push of existing) await removePayment(run, p, push, 'deleted in QuickBooks', failures);
    return failures;
  }
  let payment: QbReceivePayment;
  try {
    payment = readStoredPayment(p);
  } catch (error) {
    return [{ code: 'STORED_VALUE_INVALID', message: error instanceof Error ? error.message : String(error) }];
  }
  const plan = buildPrimeContractPayments(payment, {
    ownerInvoiceForInvoice: (invoiceTxnId) => {
      const hit = ownerInvoices.get(invoiceTxnId);
      return hit?.found ? hit.ownerInvoice : null;
    },
  });
  run.summary.skippedApplications += plan.skipped.filter((s) => !ownerInvoices.has(s.txnId)).length;
  // Linked to an owner invoice that can no longer take a payment: the money stands in QuickBooks, so a person decides.
  if (!payment.voided) {
    for (const applied of payment.applied) {
      const hit = ownerInvoices.get(applied.invoiceTxnId);
      if (hit && !hit.found && applied.amountCents > 0) {
        failures.push({ code: hit.code, message: `It pays ${formatDollars(applied.amountCents)} on ${hit.message}` });
      }
    }
  }
  const wanted = new Map(plan.payments.map((w) => [w.originId, w]));
  // What Procore holds and should not: a void (every payment of it), an invoice taken off the payment or paid 0.
  for (const push of existing) {
    if (wanted.has(push.originId) || !push.originId.startsWith(plan.originIdPrefix)) continue;
    await removePayment(run, p, push, plan.voided ? 'voided in QuickBooks' : 'no longer applied to that invoice in QuickBooks', failures);
  }
  for (const w of plan.payments) {
    const push = existing.find((e) => e.originId === w.originId);
    if (push && push.contentHash === w.contentHash) continue;
    // Changed (amount, date, check number…): Procore locks an ERP-synced payment's fields (API-CONTRACT.md), so the
    // old one is removed and the new one created under the same origin_id.
    if (push && !(await removePayment(run, p, push, 'changed in QuickBooks', failures))) continue;
    await createPayment(run, p, w, failures);
  }
  return failures;
}

function readStoredPayment(p: PendingPayment): QbReceivePayment {
  const record = (p.data as { record?: unknown } | null)?.record;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new Error(
      `qb_transactions.data of row ReceivePayment ${p.txnId} is not in the shape the connector writes (no record); it is read again when the payment changes in QuickBooks.`,
    );
  }
  try {
    return readReceivePayment(record as QbRecord);
  } catch (error) {
    throw new Error(`qb_transactions.data of row ReceivePayment ${p.txnId} cannot be read (${error instanceof Error ? error.message : String(error)}).`, {
      cause: error,
    });
  }
}

async function createPayment(run: Run, p: PendingPayment, w: PrimeContractPaymentToSync, failures: Failure[]) {
  const { db, companyId, client, lease, summary } = run;
  const sent = {
    contentHash: w.contentHash,
    amountCents: w.amountCents,
    detail: { primeContractId: w.primeContractId, paymentApplicationId: w.paymentApplicationId, drawRequestNumber: w.paymentApplicationNumber },
  };
  const record = (tx: Prisma.TransactionClient, procoreId: number) =>
    recordPush(tx, companyId, {
      originId: w.originId,
      sourceType: RECEIVE_PAYMENT_TXN_TYPE,
      sourceId: p.txnId,
      procoreType: PRIME_CONTRACT_PAYMENT,
      procoreProjectId: String(w.procoreProjectId),
      procoreId: String(procoreId),
      ...sent,
    });
  try {
    const outcome = await createOnce(
      db,
      companyId,
      {
        originId: w.originId,
        procoreType: PRIME_CONTRACT_PAYMENT,
        procoreProjectId: w.procoreProjectId,
        sourceType: RECEIVE_PAYMENT_TXN_TYPE,
        sourceId: p.txnId,
        push: sent,
      },
      { client, lease, create: () => client.primeContractPayments.create(w.procoreProjectId, toNewPrimeContractPayment(w)), record },
    );
    summary.procoreCalls += 1;
    if (!outcome.adopted) summary.paymentsCreated += 1;
  } catch (error) {
    summary.procoreCalls += 1;
    if (mustStop(error)) throw stopping(error);
    const failure = procoreFailure(
      error,
      `record payment ${p.refNumber ?? p.txnId} on owner invoice ${w.paymentApplicationNumber ?? w.paymentApplicationId} in Procore`,
    );
    failures.push({
      code: isAppError(failure) ? failure.code : 'PROCORE_REQUEST_FAILED',
      message: failure instanceof Error ? failure.message : String(failure),
    });
  }
}

/** Deletes a Procore payment made from this QuickBooks payment; a 404 means it is gone already. Audited. */
async function removePayment(run: Run, p: PendingPayment, push: ActivePush, reason: string, failures: Failure[]): Promise<boolean> {
  const { db, companyId, client, summary } = run;
  const primeContractId = Number((push.detail as { primeContractId?: unknown } | null)?.primeContractId);
  try {
    await client.primeContractPayments.delete(Number(push.procoreProjectId), primeContractId, push.procoreId);
    summary.procoreCalls += 1;
  } catch (error) {
    summary.procoreCalls += 1;
    if (mustStop(error)) throw stopping(error);
    if (!(error instanceof ProcoreApiError && error.status === 404)) {
      const failure = procoreFailure(error, `remove payment ${push.procoreId} (${push.originId}) from Procore`);
      failures.push({
        code: isAppError(failure) ? failure.code : 'PROCORE_REQUEST_FAILED',
        message: failure instanceof Error ? failure.message : String(failure),
      });
      return false;
    }
  }
  summary.removed += 1;
  await db.prisma.$transaction(async (tx) => {
    await tx.procorePush.update({ where: { id: push.id }, data: { status: 'deleted', deletedAt: new Date() } });
    await writeAudit(tx, {
      companyId,
      actor: IMPORT_ACTOR,
      action: 'import.procore_record_removed',
      direction: 'to_procore',
      outcome: 'ok',
      subjectType: `qb_${RECEIVE_PAYMENT_TXN_TYPE}`,
      subjectId: p.txnId,
      detail: { reason, procoreType: PRIME_CONTRACT_PAYMENT, procoreId: push.procoreId, procoreProjectId: push.procoreProjectId, originId: push.originId },
    });
  });
  return true;
}

/** Pushed (at the EditSequence pushed: a newer one read meanwhile stays pending) or failed with the reasons. */
async function recordOutcome(run: Run, p: PendingPayment, failures: Failure[]) {
  const { db, companyId, summary } = run;
  if (failures.length === 0) {
    summary.payments += 1;
    await db.prisma.qbTransaction.updateMany({
      where: { companyId, txnType: RECEIVE_PAYMENT_TXN_TYPE, txnId: p.txnId, editSequence: p.editSequence },
      data: { needsPush: false, pushedEditSequence: p.editSequence, pushErrorCode: null, pushErrorMessage: null },
    });
    return;
  }
  summary.failed += 1;
  const message = `QuickBooks payment received ${p.refNumber ?? p.txnId} of ${p.txnDate}: ${failures.map((f) => f.message).join(' ')}`;
  await db.prisma.$transaction(async (tx) => {
    await tx.qbTransaction.updateMany({
      where: { companyId, txnType: RECEIVE_PAYMENT_TXN_TYPE, txnId: p.txnId },
      data: { pushErrorCode: failures[0]!.code, pushErrorMessage: message },
    });
    await writeAudit(tx, {
      companyId,
      actor: IMPORT_ACTOR,
      action: 'import.push_failed',
      direction: 'to_procore',
      outcome: 'error',
      subjectType: `qb_${RECEIVE_PAYMENT_TXN_TYPE}`,
      subjectId: p.txnId,
      detail: { errorCode: failures[0]!.code, message },
    });
  });
}

/** As Update Job Costs: a lost lease or a long rate limit ends the run (the job retries) instead of failing each payment. */
function mustStop(error: unknown): boolean {
  if (error instanceof JobLeaseLostError) return true;
  return error instanceof ProcoreApiError && error.code === 'PROCORE_RATE_LIMITED';
}

function stopping(error: unknown): unknown {
  return error instanceof ProcoreApiError
    ? procoreFailure(error, 'bring payments received into Procore now; the push resumes when the rate limit resets')
    : error;
}
