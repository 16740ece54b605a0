import type { Database, Prisma } from '@connector/db';
import {
  attributeCostTransaction,
  buildContractPayments,
  buildDirectCosts,
  buildRequisitionFromBill,
  parseChangeOrderLineKey,
  type AttributedTransaction,
  type AttributionContext,
  type QbBillPayment,
  type QbCostTransaction,
  type QbCostTxnType,
} from '@connector/mapping';
import { ProcoreApiError, type CommitmentChangeOrder, type DirectCostSyncItem, type ProcoreClient } from '@connector/procore';
import { isAppError } from '../errors/app-error.ts';
import { JobLeaseLostError } from '../jobs/run-jobs.ts';
import { procoreFailure } from '../procore/procore-failure.ts';
import { getCompanySettings } from '../settings/company-settings.ts';
import { ImportLinks } from './load-import-context.ts';
import { loadPendingTransactions, type PendingTxn } from './load-pending-transactions.ts';
import { createOnce, resolveOpenIntents, type LeaseGuard } from './procore-create-intents.ts';

export const IMPORT_ACTOR = 'import';
const PAGE = 2000;

export interface PushSummary {
  transactions: number;
  directCostsWritten: number;
  invoicesCreated: number;
  paymentsCreated: number;
  removed: number;
  failed: number;
  procoreCalls: number;
}

type PushRow = {
  id: string;
  originId: string;
  sourceType: string;
  sourceId: string;
  procoreType: string;
  procoreProjectId: string | null;
  procoreId: string;
  contentHash: string | null;
};

interface TxnOutcome {
  errors: string[];
  errorCode: string | null;
}

/**
 * "Update Job Costs", the Procore half: every QuickBooks cost transaction that changed since the last
 * push is attributed to a project and cost code and Procore is brought in step:
 * - direct costs (read-only mode): created or updated by origin_id, removed when the transaction or its
 *   lines for a project are gone; not populated at all in editable mode;
 * - bills from our own invoice exports: nothing (already committed cost in Procore — never counted twice);
 * - bills entered against a PO from a commitment: a subcontractor invoice on that commitment;
 * - bill payments applied to those bills: contract payments, partial ones as applied; a void removes them;
 * - deleted transactions: what we created from them is deleted, with an audit entry.
 * A transaction is marked pushed only when all of its Procore writes succeeded; a failure stays in the
 * exception list (push_error_*) and is tried again by the next push.
 * Invoices and payments are POSTs (not idempotent): each is announced in procore_create_intents before it is
 * sent, and intents a crashed run left open are settled first by looking the record up by origin_id (data safety).
 * A lost job lease or a rate limit that leaves no request for a while stops the whole push (the job retries at
 * Procore's reset) instead of failing every transaction.
 */
export async function pushJobCosts(db: Database, input: { companyId: string; client: ProcoreClient; now?: Date; lease?: LeaseGuard }): Promise<PushSummary> {
  const { companyId, client, lease } = input;
  const settings = await getCompanySettings(db, companyId);
  const links = await ImportLinks.load(db.prisma, companyId);
  const summary: PushSummary = { transactions: 0, directCostsWritten: 0, invoicesCreated: 0, paymentsCreated: 0, removed: 0, failed: 0, procoreCalls: 0 };
  const classToCostCode = new Map(Object.entries(settings.classByCostCode).map(([costCodeId, ref]) => [ref.listId, Number(costCodeId)]));
  const projectCodes = new ProjectCostCodes(client, summary);
  const changeOrders = new ChangeOrders(client, summary);
  // Bill lines on the Invoice Retainage Item are retainage withheld on the invoice, not work (import rules).
  const invoiceContext = { retainageItemListId: settings.invoiceRetainageItem?.listId ?? null, changeOrder: (id: number) => changeOrders.peek(id) };

  const ctx: AttributionContext = {
    ownBillTxnIds: links.ownBillTxnIds,
    commitmentForPurchaseOrder: (po) => links.commitmentByPo.get(po) ?? null,
    projectForJob: (job) => links.projectByJob.get(job) ?? null,
    standardCostCodeForItem: (item) => links.costCodeByItem.get(item) ?? null,
    // No account → cost code setting exists yet; accounts never attribute on their own.
    standardCostCodeForAccount: () => null,
    standardCostCodeForClass: (cls) => classToCostCode.get(cls) ?? null,
    projectCostCodeFor: (project, standard) => projectCodes.peek(project, standard),
  };

  // A run that stopped between a Procore create and recording it left its intent open: find those records first.
  summary.procoreCalls += (
    await resolveOpenIntents(db, companyId, client, (tx, intent, procoreId) =>
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
    )
  ).calls;

  let after: { order: number; txnType: string; txnId: string } | null = null;
  for (;;) {
    const page = await loadPendingTransactions(db.prisma, companyId, after, PAGE);
    if (page.length === 0) break;
    const last = page[page.length - 1]!;
    after = { order: last.order, txnType: last.txnType, txnId: last.txnId };

    const costTxns = page.filter((p): p is PendingTxn & { cost: QbCostTransaction } => p.cost !== null);
    // Pass 1 tells which (project, cost code) pairs the project lacks; add them, then attribute for real.
    await projectCodes.load(
      costTxns.flatMap((p) =>
        p.cost.lines.map((l) => (l.jobListId ? links.projectByJob.get(l.jobListId) : undefined)).filter((x): x is number => x !== undefined),
      ),
    );
    const missing = new Map<number, Set<number>>();
    for (const p of costTxns) {
      for (const line of attributeCostTransaction(p.cost, ctx).lines) {
        if (line.unattributed?.code === 'COST_CODE_NOT_ON_PROJECT' && line.procoreProjectId !== null && line.standardCostCodeId !== null) {
          (missing.get(line.procoreProjectId) ?? missing.set(line.procoreProjectId, new Set()).get(line.procoreProjectId)!).add(line.standardCostCodeId);
        }
      }
    }
    await projectCodes.add(db, companyId, missing);
    const attributed = new Map(costTxns.map((p) => [key(p), attributeCostTransaction(p.cost, ctx)]));
    await storeAttribution(db.prisma, companyId, [...attributed.values()]);
    // Bills received against change-order PO lines bill that change order's line items: read those change orders.
    await changeOrders.load(db, companyId, [...attributed.values()]);

    const pushes = await db.prisma.procorePush.findMany({
      where: { companyId, status: 'active', sourceId: { in: page.map((p) => p.txnId) } },
      select: { id: true, originId: true, sourceType: true, sourceId: true, procoreType: true, procoreProjectId: true, procoreId: true, contentHash: true },
    });
    const pushesBySource = groupBy(pushes, (p) => `${p.sourceType}:${p.sourceId}`);
    const outcomes = new Map<string, TxnOutcome>(page.map((p) => [key(p), { errors: [], errorCode: null }]));
    const fail = (p: PendingTxn, code: string, message: string) => {
      const o = outcomes.get(key(p))!;
      o.errors.push(message);
      o.errorCode ??= code;
    };

    // Direct costs are written in bulk per project (sync, 1,000 per call); everything else one by one.
    const directCostBatch = new Map<number, Array<{ txn: PendingTxn; item: DirectCostSyncItem; originId: string; contentHash: string; amountCents: number }>>();
    const removals: Array<{ txn: PendingTxn; push: PushRow }> = [];

    // Payments go after the bills of the same page, so a bill paid in the window it was entered has its invoice first.
    const payments: Array<{ txn: PendingTxn; payment: QbBillPayment; existing: PushRow[] }> = [];
    for (const p of page) {
      const existing = pushesBySource.get(key(p)) ?? [];
      if (p.deleted) {
        for (const push of existing) removals.push({ txn: p, push });
        continue;
      }
      if (p.payment) {
        payments.push({ txn: p, payment: p.payment, existing });
        continue;
      }
      const a = attributed.get(key(p))!;
      const directCosts =
        a.destination === 'direct_cost' && settings.directCostColumn === 'read_only_from_quickbooks'
          ? buildDirectCosts(a, { procoreVendorIdForPayee: (payee) => links.vendorByQbVendor.get(payee) ?? null })
          : [];
      const keep = new Set<string>();
      for (const dc of directCosts) {
        keep.add(dc.originId);
        const push = existing.find((e) => e.originId === dc.originId);
        if (push && push.contentHash === dc.contentHash) continue;
        const item = push ? { ...dc.item, id: Number(push.procoreId) } : dc.item;
        const amountCents = dc.item.line_items.reduce((sum, l) => sum + Math.round(Number(l.amount) * 100), 0);
        (directCostBatch.get(dc.procoreProjectId) ?? directCostBatch.set(dc.procoreProjectId, []).get(dc.procoreProjectId)!).push({
          txn: p,
          item,
          originId: dc.originId,
          contentHash: dc.contentHash,
          amountCents,
        });
      }
      if (a.destination === 'commitment_invoice') {
        const invoice = buildRequisitionFromBill(a, invoiceContext);
        // A voided bill bills nothing: its invoice goes (below), and no empty one is created.
        if (invoice && (invoice.items.length > 0 || invoice.problems.length > 0)) {
          keep.add(invoice.originId);
          const push = existing.find((e) => e.originId === invoice.originId);
          if (!push || push.contentHash !== invoice.contentHash) {
            if (push) {
              const removed = await remove(p, push);
              if (!removed) continue;
            }
            await createInvoice(p, invoice);
          }
        }
      }
      // Settings in editable mode keep the direct costs that exist; everything else we made and no longer make goes.
      for (const push of existing) {
        if (keep.has(push.originId)) continue;
        if (push.procoreType === 'direct_cost' && settings.directCostColumn === 'editable') continue;
        if (push.procoreType === 'direct_cost' || push.procoreType === 'requisition') removals.push({ txn: p, push });
      }
    }

    for (const { txn, payment, existing } of payments) await planPayment(txn, payment, existing);

    for (const [projectId, batch] of directCostBatch) {
      try {
        const result = await client.directCosts.sync(
          projectId,
          batch.map((b) => b.item),
        );
        summary.procoreCalls += result.calls;
        for (const success of result.succeeded) {
          const b = batch[success.index]!;
          await recordPush(db.prisma, companyId, {
            originId: b.originId,
            sourceType: b.txn.txnType,
            sourceId: b.txn.txnId,
            procoreType: 'direct_cost',
            procoreProjectId: String(projectId),
            procoreId: String(success.entity.id),
            contentHash: b.contentHash,
            amountCents: b.amountCents,
            detail: null,
          });
          summary.directCostsWritten += 1;
        }
        // A chunk refused as a whole for the rate limit (or a lost lease) stops the push, as a thrown error would.
        const stop = result.failures.find((f) => mustStop(f.error));
        if (stop) throw stopping(stop.error);
        for (const failure of result.failures) {
          const b = batch[failure.index]!;
          fail(b.txn, 'PROCORE_REJECTED', `Procore refused the direct cost for project ${projectId}: ${failure.messages.join('; ') || failure.reason}.`);
        }
      } catch (error) {
        if (mustStop(error)) throw stopping(error);
        const failure = procoreFailure(error, `write direct costs to Procore project ${projectId}`);
        for (const b of batch)
          fail(b.txn, isAppError(failure) ? failure.code : 'PROCORE_REQUEST_FAILED', failure instanceof Error ? failure.message : String(failure));
      }
    }
    for (const { txn, push } of removals) await remove(txn, push);

    // Mark each transaction: pushed (at the EditSequence we pushed) or failed with the reason.
    const done = page.filter((p) => outcomes.get(key(p))!.errors.length === 0);
    const failedTxns = page.filter((p) => outcomes.get(key(p))!.errors.length > 0);
    summary.transactions += done.length;
    summary.failed += failedTxns.length;
    if (done.length > 0) {
      await db.prisma.$executeRaw`
        UPDATE qb_transactions t SET needs_push = false, pushed_edit_sequence = d.edit_sequence, push_error_code = NULL, push_error_message = NULL
        FROM jsonb_to_recordset(${JSON.stringify(done.map((p) => ({ txn_type: p.txnType, txn_id: p.txnId, edit_sequence: p.editSequence })))}::jsonb) AS d(txn_type text, txn_id text, edit_sequence text)
        WHERE t.company_id = ${companyId}::uuid AND t.txn_type = d.txn_type AND t.txn_id = d.txn_id AND t.edit_sequence = d.edit_sequence`;
    }
    for (const p of failedTxns) {
      const o = outcomes.get(key(p))!;
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
    if (page.length < PAGE) break;

    async function planPayment(p: PendingTxn, payment: QbBillPayment, existing: PushRow[]) {
      // A payment of a bill whose Procore invoice is still to come (the bill not pushed yet, or its push failed)
      // waits for it: skipped now and marked pushed, it would never become a contract payment (data safety:
      // nothing lost — found by the simulation soak). Only a bill that will never be an invoice is skipped.
      const waitingFor = await billsAwaitingInvoice(
        payment.applied.filter((a) => a.amountCents > 0 && !links.invoiceByBill.has(a.billTxnId)).map((a) => a.billTxnId),
      );
      if (waitingFor.length > 0) {
        fail(p, 'DEPENDENCY_FAILED', `waits for ${waitingFor.map((b) => `bill ${b}`).join(', ')} to become a Procore invoice first; it is sent with it.`);
        return;
      }
      const planned = buildContractPayments(payment, { invoiceForBill: (bill) => links.invoiceByBill.get(bill) ?? null });
      const keep = new Set<string>();
      for (const cp of planned) {
        const push = existing.find((e) => e.originId === cp.originId);
        if (cp.amountCents === 0) continue; // a voided check: its payments are removed below
        keep.add(cp.originId);
        if (push && push.contentHash === cp.contentHash) continue;
        if (push && !(await remove(p, push))) continue;
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
          fail(p, isAppError(failure) ? failure.code : 'PROCORE_REQUEST_FAILED', failure instanceof Error ? failure.message : String(failure));
        }
      }
      for (const push of existing) if (!keep.has(push.originId)) await remove(p, push);
    }

    /** Of these bills (none has a Procore invoice), the ones still on their way to Procore: failed in this page, or not pushed yet. */
    async function billsAwaitingInvoice(billTxnIds: string[]): Promise<string[]> {
      if (billTxnIds.length === 0) return [];
      const inPage = billTxnIds.filter((id) => (outcomes.get(`Bill:${id}`)?.errors.length ?? 0) > 0);
      const rest = billTxnIds.filter((id) => !outcomes.has(`Bill:${id}`));
      const pending =
        rest.length === 0
          ? []
          : await db.prisma.qbTransaction.findMany({
              where: { companyId, txnType: 'Bill', txnId: { in: rest }, deletedAt: null, OR: [{ needsPush: true }, { pushErrorCode: { not: null } }] },
              select: { txnId: true },
            });
      return [...inPage, ...pending.map((t) => t.txnId)];
    }

    async function createInvoice(p: PendingTxn, invoice: NonNullable<ReturnType<typeof buildRequisitionFromBill>>) {
      try {
        // Procore bills a commitment's schedule of values and its approved change orders: every bill line must be on
        // a commitment line or a change order line item, and its retainage on billed work (import rules).
        if (invoice.problems.length > 0) {
          for (const problem of invoice.problems) fail(p, problem.code, problem.message);
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
        fail(p, isAppError(failure) ? failure.code : 'PROCORE_REQUEST_FAILED', failure instanceof Error ? failure.message : String(failure));
      }
    }

    /** Deletes what we created in Procore from this transaction; a 404 means it is already gone. */
    async function remove(p: PendingTxn, push: PushRow): Promise<boolean> {
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
          fail(p, isAppError(failure) ? failure.code : 'PROCORE_REQUEST_FAILED', failure instanceof Error ? failure.message : String(failure));
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
  }
  return summary;
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

function key(p: { txnType: string; txnId: string }): string {
  return `${p.txnType}:${p.txnId}`;
}

function describeTxn(p: PendingTxn): string {
  const label: Record<string, string> = { Bill: 'Bill', Check: 'Check', CreditCardCharge: 'Credit card charge', BillPaymentCheck: 'Bill payment' };
  return `QuickBooks ${label[p.txnType] ?? p.txnType} ${p.refNumber ?? p.txnId} of ${p.txnDate}`;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) (map.get(keyOf(item)) ?? map.set(keyOf(item), []).get(keyOf(item))!).push(item);
  return map;
}

async function recordPush(
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

/** Where each cost line went, for the job-cost report (set on every push, so link changes show). */
async function storeAttribution(tx: Database['prisma'], companyId: string, attributed: readonly AttributedTransaction[]) {
  const rows = attributed.flatMap((a) =>
    a.lines.map((l) => ({
      txn_type: a.txn.txnType,
      txn_id: a.txn.txnId,
      txn_line_id: l.line.txnLineId,
      destination: a.destination,
      procore_project_id: l.procoreProjectId === null ? null : String(l.procoreProjectId),
      standard_cost_code_id: l.standardCostCodeId === null ? null : String(l.standardCostCodeId),
      unattributed_code: l.unattributed?.code ?? null,
    })),
  );
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE qb_cost_lines l SET destination = x.destination, procore_project_id = x.procore_project_id, standard_cost_code_id = x.standard_cost_code_id, unattributed_code = x.unattributed_code
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(txn_type text, txn_id text, txn_line_id text, destination text, procore_project_id text, standard_cost_code_id text, unattributed_code text)
    WHERE l.company_id = ${companyId}::uuid AND l.txn_type = x.txn_type AND l.txn_id = x.txn_id AND l.txn_line_id = x.txn_line_id`;
}

/** Each project's cost codes by standard cost code, read once per push; missing ones are added to the project. */
class ProjectCostCodes {
  private readonly byProject = new Map<number, Map<number, number>>();
  constructor(
    private readonly client: ProcoreClient,
    private readonly summary: PushSummary,
  ) {}

  peek(projectId: number, standardId: number): number | null {
    return this.byProject.get(projectId)?.get(standardId) ?? null;
  }

  async load(projectIds: Iterable<number>) {
    for (const projectId of new Set(projectIds)) {
      if (this.byProject.has(projectId)) continue;
      const codes = await this.client.costCodes.list(projectId);
      this.summary.procoreCalls += 1;
      this.byProject.set(projectId, new Map(codes.filter((c) => c.standard_cost_code_id != null).map((c) => [c.standard_cost_code_id!, c.id])));
    }
  }

  /** Adds standard cost codes to projects that have cost from QuickBooks on them (a direct cost needs the project's code). */
  async add(db: Database, companyId: string, missing: Map<number, Set<number>>) {
    for (const [projectId, standardIds] of missing) {
      const standards = await db.prisma.procoreRecord.findMany({
        where: { companyId, resourceType: 'standard_cost_code', procoreId: { in: [...standardIds].map(String) } },
        select: { procoreId: true, data: true },
      });
      const updates = standards.map((s) => {
        const data = s.data as { code?: string; name?: string; full_code?: string };
        return { standard_cost_code_id: Number(s.procoreId), code: data.code ?? data.full_code ?? s.procoreId, name: data.name ?? data.code ?? s.procoreId };
      });
      if (updates.length === 0) continue;
      const result = await this.client.costCodes.sync(projectId, updates);
      this.summary.procoreCalls += result.calls;
      const codes = this.byProject.get(projectId) ?? new Map<number, number>();
      for (const s of result.succeeded) if (s.entity.standard_cost_code_id != null) codes.set(s.entity.standard_cost_code_id, s.entity.id);
      this.byProject.set(projectId, codes);
    }
  }
}

/**
 * The commitment change orders that bills' change-order PO lines name (`change-order:<id>:…`), with their line
 * items: our copy from the reconcile/webhook pipeline (procore_records), else read from Procore once per push.
 */
class ChangeOrders {
  private readonly byId = new Map<number, CommitmentChangeOrder | null>();
  constructor(
    private readonly client: ProcoreClient,
    private readonly summary: PushSummary,
  ) {}

  peek(id: number): CommitmentChangeOrder | null {
    return this.byId.get(id) ?? null;
  }

  async load(db: Database, companyId: string, attributed: readonly AttributedTransaction[]) {
    const wanted = new Map<number, number>(); // change order → its commitment's project
    for (const a of attributed) {
      if (a.destination !== 'commitment_invoice' || a.commitment === null) continue;
      for (const line of a.lines) {
        const changeOrderId = parseChangeOrderLineKey(line.purchaseOrderLine?.procoreLineKey ?? null)?.changeOrderId;
        if (changeOrderId !== undefined && !this.byId.has(changeOrderId)) wanted.set(changeOrderId, a.commitment.procoreProjectId);
      }
    }
    if (wanted.size === 0) return;
    const stored = await db.prisma.procoreRecord.findMany({
      where: { companyId, resourceType: 'commitment_change_order', procoreId: { in: [...wanted.keys()].map(String) }, deletedAt: null },
      select: { procoreId: true, data: true },
    });
    for (const row of stored) {
      const data = row.data as unknown as CommitmentChangeOrder;
      if (Array.isArray(data.line_items)) this.byId.set(Number(row.procoreId), data);
    }
    for (const [id, projectId] of wanted) {
      if (this.byId.has(id)) continue;
      try {
        this.byId.set(id, await this.client.commitmentChangeOrders.get(projectId, id));
      } catch (error) {
        if (!(error instanceof ProcoreApiError && error.status === 404)) throw procoreFailure(error, `read change order ${id} from Procore`);
        this.byId.set(id, null); // gone in Procore: the invoice says so (CHANGE_ORDER_NOT_BILLABLE)
      } finally {
        this.summary.procoreCalls += 1;
      }
    }
  }
}

export type { QbCostTxnType };
