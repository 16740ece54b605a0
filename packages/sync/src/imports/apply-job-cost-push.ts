import type { Database } from '@connector/db';
import { buildContractPayments, type QbBillPayment, type RequisitionFromBill } from '@connector/mapping';
import { ProcoreApiError, type ProcoreClient } from '@connector/procore';
import { isAppError } from '../errors/app-error.ts';
import { JobLeaseLostError } from '../jobs/run-jobs.ts';
import { procoreFailure } from '../procore/procore-failure.ts';
import type { ImportLinks } from './load-import-context.ts';
import type { PendingTxn } from './load-pending-transactions.ts';
import type { DirectCostWrite, PushPlan, PushRow } from './plan-job-cost-push.ts';
import { createOnce, type LeaseGuard } from './procore-create-intents.ts';
import { failTxn, IMPORT_ACTOR, recordDirectCostPushes, recordPush, type PushSummary, type TxnOutcomes } from './record-job-cost-push.ts';

// The apply step of "Update Job Costs" (push-job-costs.ts): the Procore writes a page's plan asks for. Invoices and
// payments are POSTs (not idempotent): each goes through createOnce, which commits its procore_create_intents row
// and checks the job's lease before the POST (docs/data-safety.md#nothing-written-twice). Each write is recorded
// (procore_pushes) as it succeeds; a failure is kept on its transaction's outcome for the record step.

/** One push run: where to write, and what it counts. */
export interface PushRun {
  db: Database;
  companyId: string;
  client: ProcoreClient;
  lease: LeaseGuard | undefined;
  links: ImportLinks;
  summary: PushSummary;
}

/**
 * Applies the plan in its order: the page's invoices (page order; a payment needs its bill's invoice), then
 * payments, then direct costs per project, then removals (page order).
 */
export async function applyPushPlan(run: PushRun, plan: PushPlan, outcomes: TxnOutcomes): Promise<void> {
  const removals: Array<{ txn: PendingTxn; push: PushRow }> = [];
  for (const t of plan.txns) {
    if (t.kind === 'payment') continue;
    if (t.kind === 'cost' && t.invoice) {
      if (t.invoice.replaces) {
        const removed = await removePush(run, outcomes, t.txn, t.invoice.replaces);
        if (!removed) continue;
      }
      await createInvoice(run, outcomes, t.txn, t.invoice.invoice);
    }
    for (const push of t.removals) removals.push({ txn: t.txn, push });
  }

  const payments = plan.txns.filter((t) => t.kind === 'payment');
  // Which bills the page's payments pay are still on their way to Procore, read once for the page (the payments
  // change none of that: the page's invoices are all created above).
  const pending = await billsPendingElsewhere(
    run,
    outcomes,
    payments.flatMap((t) => billsWithoutInvoice(run, t.payment)),
  );
  for (const t of payments) await applyPayment(run, outcomes, t.txn, t.payment, t.existing, pending);
  await writeDirectCosts(run, outcomes, plan.directCosts);
  for (const { txn, push } of removals) await removePush(run, outcomes, txn, push);
}

/**
 * The page's direct costs: one sync call per project (1,000 per call), then what Procore took recorded in
 * procore_pushes with one statement for the whole page rather than one per call (850 statements of ~40 rows on
 * a 100,000-line push; issue 19). Recording after the calls is safe: a direct cost synced but not yet recorded
 * (a crash in between) is matched by its origin_id on the next sync, not created twice (Procore's sync actions match
 * origin_id: docs/procore-api.md, /using-sync-actions; docs/data-safety.md). What was taken is recorded before a
 * stopping error ends the push.
 */
async function writeDirectCosts(run: PushRun, outcomes: TxnOutcomes, byProject: ReadonlyMap<number, DirectCostWrite[]>) {
  const taken: Array<{ write: DirectCostWrite; projectId: number; procoreId: number }> = [];
  try {
    for (const [projectId, batch] of byProject) await syncDirectCosts(run, outcomes, projectId, batch, taken);
  } finally {
    await recordTakenDirectCosts(run, outcomes, taken);
  }
}

/** One project's sync call: what Procore took goes to `taken` (recorded by the caller), what it refused fails its transaction. */
async function syncDirectCosts(
  run: PushRun,
  outcomes: TxnOutcomes,
  projectId: number,
  batch: DirectCostWrite[],
  taken: Array<{ write: DirectCostWrite; projectId: number; procoreId: number }>,
) {
  const { client, summary } = run;
  try {
    const result = await client.directCosts.sync(
      projectId,
      batch.map((b) => b.item),
    );
    summary.procoreCalls += result.calls;
    for (const success of result.succeeded) taken.push({ write: batch[success.index]!, projectId, procoreId: success.entity.id });
    summary.directCostsWritten += result.succeeded.length;
    // A chunk refused as a whole for the rate limit (or a lost lease) stops the push, as a thrown error would.
    const stop = result.failures.find((f) => mustStop(f.error));
    if (stop) throw stopping(stop.error);
    for (const failure of result.failures) {
      const b = batch[failure.index]!;
      failTxn(
        outcomes,
        b.txn,
        'PROCORE_REJECTED',
        `Procore refused the direct cost for project ${projectId}: ${failure.messages.join('; ') || failure.reason}.`,
      );
    }
  } catch (error) {
    if (mustStop(error)) throw stopping(error);
    const failure = procoreFailure(error, `write direct costs to Procore project ${projectId}`);
    for (const b of batch)
      failTxn(outcomes, b.txn, isAppError(failure) ? failure.code : 'PROCORE_REQUEST_FAILED', failure instanceof Error ? failure.message : String(failure));
  }
}

/** procore_pushes rows for the direct costs Procore took; if that write fails, their transactions fail (pushed again next time). */
async function recordTakenDirectCosts(
  run: PushRun,
  outcomes: TxnOutcomes,
  taken: ReadonlyArray<{ write: DirectCostWrite; projectId: number; procoreId: number }>,
) {
  try {
    await recordDirectCostPushes(
      run.db.prisma,
      run.companyId,
      taken.map(({ write, projectId, procoreId }) => ({
        originId: write.originId,
        sourceType: write.txn.txnType,
        sourceId: write.txn.txnId,
        procoreProjectId: String(projectId),
        procoreId: String(procoreId),
        contentHash: write.contentHash,
        amountCents: write.amountCents,
      })),
    );
  } catch (error) {
    for (const { write } of taken)
      failTxn(outcomes, write.txn, isAppError(error) ? error.code : 'PROCORE_REQUEST_FAILED', error instanceof Error ? error.message : String(error));
  }
}

async function applyPayment(
  run: PushRun,
  outcomes: TxnOutcomes,
  p: PendingTxn,
  payment: QbBillPayment,
  existing: PushRow[],
  pendingElsewhere: ReadonlySet<string>,
) {
  const { db, companyId, client, lease, links, summary } = run;
  // A payment of a bill whose Procore invoice is still to come (the bill not pushed yet, or its push failed)
  // waits for it: skipped now and marked pushed, it would never become a contract payment (data safety:
  // nothing lost — found by the simulation soak). Only a bill that will never be an invoice is skipped.
  const waitingFor = billsAwaitingInvoice(outcomes, billsWithoutInvoice(run, payment), pendingElsewhere);
  if (waitingFor.length > 0) {
    failTxn(
      outcomes,
      p,
      'DEPENDENCY_FAILED',
      `waits for ${waitingFor.map((b) => `bill ${b}`).join(', ')} to become a Procore invoice first; it is sent with it.`,
    );
    return;
  }
  const planned = buildContractPayments(payment, { invoiceForBill: (bill) => links.invoiceByBill.get(bill) ?? null });
  const keep = new Set<string>();
  for (const cp of planned) {
    const push = existing.find((e) => e.originId === cp.originId);
    if (cp.amountCents === 0) continue; // a voided check: its payments are removed below
    keep.add(cp.originId);
    if (push && push.contentHash === cp.contentHash) continue;
    if (push && !(await removePush(run, outcomes, p, push))) continue;
    const sent = { contentHash: cp.contentHash, amountCents: cp.amountCents, detail: { commitmentId: cp.commitmentId } };
    try {
      const outcome = await createOnce(
        db,
        companyId,
        {
          originId: cp.originId,
          procoreType: 'contract_payment',
          procoreProjectId: cp.procoreProjectId,
          sourceType: 'BillPaymentCheck',
          sourceId: payment.txnId,
          push: sent,
        },
        {
          client,
          lease,
          create: () =>
            client.contractPayments.create(cp.procoreProjectId, {
              contract_id: cp.commitmentId,
              ...(cp.requisitionId !== null ? { requisition_id: cp.requisitionId } : {}),
              amount: (cp.amountCents / 100).toFixed(2),
              date: cp.date,
              ...(cp.checkNumber ? { check_number: cp.checkNumber } : {}),
              origin_id: cp.originId,
              origin_data: payment.editSequence,
            }),
          record: (tx, procoreId) =>
            recordPush(tx, companyId, {
              originId: cp.originId,
              sourceType: 'BillPaymentCheck',
              sourceId: payment.txnId,
              procoreType: 'contract_payment',
              procoreProjectId: String(cp.procoreProjectId),
              procoreId: String(procoreId),
              ...sent,
            }),
        },
      );
      summary.procoreCalls += 1;
      if (!outcome.adopted) summary.paymentsCreated += 1;
    } catch (error) {
      summary.procoreCalls += 1;
      if (mustStop(error)) throw stopping(error);
      const failure = procoreFailure(error, `record payment ${payment.refNumber ?? payment.txnId} in Procore`);
      failTxn(outcomes, p, isAppError(failure) ? failure.code : 'PROCORE_REQUEST_FAILED', failure instanceof Error ? failure.message : String(failure));
    }
  }
  for (const push of existing) if (!keep.has(push.originId)) await removePush(run, outcomes, p, push);
}

/** The bills this payment pays something on that have no Procore invoice (yet). */
function billsWithoutInvoice(run: PushRun, payment: QbBillPayment): string[] {
  return payment.applied.filter((a) => a.amountCents > 0 && !run.links.invoiceByBill.has(a.billTxnId)).map((a) => a.billTxnId);
}

/** Of these bills (none has a Procore invoice), the ones still on their way to Procore: failed in this page, or not pushed yet. */
function billsAwaitingInvoice(outcomes: TxnOutcomes, billTxnIds: string[], pendingElsewhere: ReadonlySet<string>): string[] {
  const inPage = billTxnIds.filter((id) => (outcomes.get(`Bill:${id}`)?.errors.length ?? 0) > 0);
  const rest = billTxnIds.filter((id) => !outcomes.has(`Bill:${id}`) && pendingElsewhere.has(id));
  return [...inPage, ...rest];
}

/** Of these bills, those outside this page still to be pushed (or failed): one query for all of the page's payments. */
async function billsPendingElsewhere(run: PushRun, outcomes: TxnOutcomes, billTxnIds: string[]): Promise<Set<string>> {
  const rest = [...new Set(billTxnIds.filter((id) => !outcomes.has(`Bill:${id}`)))];
  if (rest.length === 0) return new Set();
  const pending = await run.db.prisma.$queryRaw<Array<{ txn_id: string }>>`
    SELECT t.txn_id FROM qb_transactions t JOIN jsonb_array_elements_text(${JSON.stringify(rest)}::jsonb) AS b(txn_id) ON t.txn_id = b.txn_id
    WHERE t.company_id = ${run.companyId}::uuid AND t.txn_type = 'Bill' AND t.deleted_at IS NULL AND (t.needs_push OR t.push_error_code IS NOT NULL)`;
  return new Set(pending.map((t) => t.txn_id));
}

async function createInvoice(run: PushRun, outcomes: TxnOutcomes, p: PendingTxn, invoice: RequisitionFromBill) {
  const { db, companyId, client, lease, links, summary } = run;
  try {
    // Procore bills a commitment's schedule of values and its approved change orders: every bill line must be on
    // a commitment line or a change order line item, and its retainage on billed work (import rules).
    if (invoice.problems.length > 0) {
      for (const problem of invoice.problems) failTxn(outcomes, p, problem.code, problem.message);
      return;
    }
    const dollars = (cents: number) => (cents / 100).toFixed(2);
    const push = {
      contentHash: invoice.contentHash,
      amountCents: invoice.totalCents,
      detail: { commitmentId: invoice.commitmentId, retainageCents: invoice.retainageCents },
    };
    const created = await createOnce(
      db,
      companyId,
      { originId: invoice.originId, procoreType: 'requisition', procoreProjectId: invoice.procoreProjectId, sourceType: 'Bill', sourceId: p.txnId, push },
      {
        client,
        lease,
        record: (tx, procoreId) =>
          recordPush(tx, companyId, {
            originId: invoice.originId,
            sourceType: 'Bill',
            sourceId: p.txnId,
            procoreType: 'requisition',
            procoreProjectId: String(invoice.procoreProjectId),
            procoreId: String(procoreId),
            ...push,
          }),
        create: () =>
          client.requisitions.create(invoice.procoreProjectId, invoice.commitmentId, {
            origin_id: invoice.originId,
            origin_data: p.editSequence,
            status: 'approved',
            ...(invoice.invoiceNumber ? { invoice_number: invoice.invoiceNumber } : {}),
            billing_date: invoice.billingDate,
            // Retainage is always sent: what the bill withholds (0.00 when it has no retainage line), so Procore does not
            // hold the commitment's default percent on money QuickBooks pays in full.
            items: invoice.items.map((i) => ({
              ...(i.commitmentLineItemId !== null
                ? { line_item_id: i.commitmentLineItemId, item_type: 'contract_item' as const }
                : { line_item_id: i.changeOrderLineItemId!, item_type: 'change_order_item' as const }),
              work_completed_this_period: dollars(i.amountCents),
              work_completed_retainage_retained_this_period: dollars(i.retainageCents),
            })),
          }),
      },
    );
    summary.procoreCalls += 1;
    if (!created.adopted) summary.invoicesCreated += 1;
    links.invoiceByBill.set(p.txnId, { procoreProjectId: invoice.procoreProjectId, commitmentId: invoice.commitmentId, requisitionId: created.id });
  } catch (error) {
    summary.procoreCalls += 1;
    if (mustStop(error)) throw stopping(error);
    const failure = procoreFailure(error, `create the subcontractor invoice for bill ${p.refNumber ?? p.txnId} in Procore`);
    failTxn(outcomes, p, isAppError(failure) ? failure.code : 'PROCORE_REQUEST_FAILED', failure instanceof Error ? failure.message : String(failure));
  }
}

/** Deletes what we created in Procore from this transaction; a 404 means it is already gone. */
async function removePush(run: PushRun, outcomes: TxnOutcomes, p: PendingTxn, push: PushRow): Promise<boolean> {
  const { db, companyId, client, summary } = run;
  const projectId = Number(push.procoreProjectId);
  try {
    if (push.procoreType === 'direct_cost') await client.directCosts.delete(projectId, push.procoreId);
    else if (push.procoreType === 'requisition') await client.requisitions.delete(projectId, push.procoreId);
    else if (push.procoreType === 'contract_payment') await client.contractPayments.delete(projectId, push.procoreId);
    summary.procoreCalls += 1;
  } catch (error) {
    summary.procoreCalls += 1;
    if (mustStop(error)) throw stopping(error);
    if (!(error instanceof ProcoreApiError && error.status === 404)) {
      const failure = procoreFailure(error, `remove ${push.procoreType.replace('_', ' ')} ${push.procoreId} from Procore`);
      failTxn(outcomes, p, isAppError(failure) ? failure.code : 'PROCORE_REQUEST_FAILED', failure instanceof Error ? failure.message : String(failure));
      return false;
    }
  }
  summary.removed += 1;
  await db.prisma.$transaction(async (tx) => {
    await tx.procorePush.update({ where: { id: push.id }, data: { status: 'deleted', deletedAt: new Date() } });
    await tx.auditEntry.create({
      data: {
        companyId,
        actor: IMPORT_ACTOR,
        action: 'import.procore_record_removed',
        direction: 'to_procore',
        outcome: 'ok',
        subjectType: `qb_${p.txnType}`,
        subjectId: p.txnId,
        detail: {
          reason: p.deleted ? 'deleted in QuickBooks' : 'changed in QuickBooks',
          procoreType: push.procoreType,
          procoreId: push.procoreId,
          procoreProjectId: push.procoreProjectId,
          originId: push.originId,
        },
      },
    });
  });
  return true;
}

/**
 * Errors that end the whole push rather than one transaction: the job lost its lease (another run owns the
 * push now), or Procore's rate limit leaves no request for longer than a job may wait (the job retries at the
 * reset, README "Background jobs") — failing every remaining transaction one by one would only fill the exception list.
 */
function mustStop(error: unknown): boolean {
  if (error instanceof JobLeaseLostError) return true;
  return error instanceof ProcoreApiError && error.code === 'PROCORE_RATE_LIMITED';
}

/** The error the job ends with: a Procore one as our AppError, keeping retryAfterMs for the job runner. */
function stopping(error: unknown): unknown {
  return error instanceof ProcoreApiError ? procoreFailure(error, 'bring job costs into Procore now; the push resumes when the rate limit resets') : error;
}
