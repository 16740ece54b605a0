import {
  buildDirectCosts,
  buildRequisitionFromBill,
  type AttributedTransaction,
  type QbBillPayment,
  type RequisitionFromBill,
  type RequisitionFromBillContext,
} from '@connector/mapping';
import type { DirectCostSyncItem } from '@connector/procore';
import type { CompanySettingsValues } from '../settings/company-settings.ts';
import type { ImportLinks } from './load-import-context.ts';
import type { PendingTxn } from './load-pending-transactions.ts';

// The plan step of "Update Job Costs" (push-job-costs.ts): from a page of changed QuickBooks transactions, their
// attribution and what we pushed from them before, what Procore should get. Pure: no database, no Procore; the
// apply step (apply-job-cost-push.ts) sends it in the order it lists.

/** A procore_pushes row: a Procore record we created from a QuickBooks transaction. */
export type PushRow = {
  id: string;
  originId: string;
  sourceType: string;
  sourceId: string;
  procoreType: string;
  procoreProjectId: string | null;
  procoreId: string;
  contentHash: string | null;
};

export interface DirectCostWrite {
  txn: PendingTxn;
  item: DirectCostSyncItem;
  originId: string;
  contentHash: string;
  amountCents: number;
}

/** What one transaction of the page asks of Procore. */
export type TxnPlan =
  /** Deleted in QuickBooks: everything we created from it goes. */
  | { kind: 'deleted'; txn: PendingTxn; removals: PushRow[] }
  /** A bill payment: planned when applied, after the page's bills have their invoices (it needs their ids). */
  | { kind: 'payment'; txn: PendingTxn; payment: QbBillPayment; existing: PushRow[] }
  /**
   * A cost transaction: a subcontractor invoice to create (replacing the one it `replaces`), then what we made and
   * no longer make is removed — unless removing the replaced invoice failed (then nothing more for it this push).
   */
  | { kind: 'cost'; txn: PendingTxn; invoice: { invoice: RequisitionFromBill; replaces: PushRow | null } | null; removals: PushRow[] };

export interface PushPlan {
  /** In page order: invoices, then payments, then removals are applied in this order. */
  txns: TxnPlan[];
  /** Direct costs are written in bulk per project (sync, 1,000 per call); everything else one by one. */
  directCosts: Map<number, DirectCostWrite[]>;
}

export function txnKey(p: { txnType: string; txnId: string }): string {
  return `${p.txnType}:${p.txnId}`;
}

export function planPushes(
  page: readonly PendingTxn[],
  attributed: ReadonlyMap<string, AttributedTransaction>,
  pushesBySource: ReadonlyMap<string, PushRow[]>,
  context: { settings: CompanySettingsValues; links: ImportLinks; invoiceContext: RequisitionFromBillContext },
): PushPlan {
  const { settings, links, invoiceContext } = context;
  const plan: PushPlan = { txns: [], directCosts: new Map() };
  for (const p of page) {
    const existing = pushesBySource.get(txnKey(p)) ?? [];
    if (p.deleted) {
      plan.txns.push({ kind: 'deleted', txn: p, removals: [...existing] });
      continue;
    }
    // Payments go after the bills of the same page, so a bill paid in the window it was entered has its invoice first.
    if (p.payment) {
      plan.txns.push({ kind: 'payment', txn: p, payment: p.payment, existing });
      continue;
    }
    const a = attributed.get(txnKey(p))!;
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
      (plan.directCosts.get(dc.procoreProjectId) ?? plan.directCosts.set(dc.procoreProjectId, []).get(dc.procoreProjectId)!).push({
        txn: p,
        item,
        originId: dc.originId,
        contentHash: dc.contentHash,
        amountCents,
      });
    }
    let invoiceToWrite: { invoice: RequisitionFromBill; replaces: PushRow | null } | null = null;
    if (a.destination === 'commitment_invoice') {
      const invoice = buildRequisitionFromBill(a, invoiceContext);
      // A voided bill bills nothing: its invoice goes (below), and no empty one is created.
      if (invoice && (invoice.items.length > 0 || invoice.problems.length > 0)) {
        keep.add(invoice.originId);
        const push = existing.find((e) => e.originId === invoice.originId);
        if (!push || push.contentHash !== invoice.contentHash) invoiceToWrite = { invoice, replaces: push ?? null };
      }
    }
    // Settings in editable mode keep the direct costs that exist; everything else we made and no longer make goes.
    const removals: PushRow[] = [];
    for (const push of existing) {
      if (keep.has(push.originId)) continue;
      if (push.procoreType === 'direct_cost' && settings.directCostColumn === 'editable') continue;
      if (push.procoreType === 'direct_cost' || push.procoreType === 'requisition') removals.push(push);
    }
    plan.txns.push({ kind: 'cost', txn: p, invoice: invoiceToWrite, removals });
  }
  return plan;
}
