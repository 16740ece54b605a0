// Direct costs (QuickBooks to Procore, "Direct Cost column" read-only from QuickBooks): one Procore direct cost per
// (QuickBooks transaction, project) with the attributed lines of that project. Field names:
// DirectCostSyncItem in @connector/procore (Procore OpenAPI RestV10ProjectsProjectIdDirectCostsSyncPatch).
import { formatMoney, type DirectCostSyncItem } from '@connector/procore';
import type { AttributedTransaction } from './attribute-cost-transaction.ts';
import { describeTxnCurrency } from './read-txn-currency.ts';
import { hashContent } from './hash-content.ts';

export interface DirectCostContext {
  /** The Procore vendor (company) linked to a QuickBooks vendor ListID, or null. */
  procoreVendorIdForPayee(payeeListId: string): number | null;
}

export interface DirectCostToSync {
  procoreProjectId: number;
  /** `qb:<TxnType>:<TxnID>:<projectId>`: the sync key, unique per company. */
  originId: string;
  /** Fingerprint of procoreProjectId + item without origin_data: store it, re-send only when it changes. */
  contentHash: string;
  item: DirectCostSyncItem;
  /** Set when the Bill went as an "expense" because its vendor is not linked to a Procore vendor. */
  notice?: string;
}

const TXN_LABEL = { Bill: 'Bill', Check: 'Check', CreditCardCharge: 'Credit Card Charge' } as const;

/**
 * Direct costs for one attributed transaction (destination direct_cost only; [] otherwise).
 *
 * - Lines with `unattributed` set and lines of 0.00 are left out; a project left with no line yields no
 *   direct cost. The caller deletes any direct cost it synced before for this transaction whose originId is
 *   no longer returned (a line moved to another job, a voided check whose lines are all 0.00, a transaction
 *   whose lines can no longer be attributed).
 * - Bill → direct_cost_type "invoice" with vendor_id and invoice_number (RefNumber, else "QB-<TxnID>").
 *   Procore requires a vendor on invoices: a Bill whose vendor is not linked goes as an "expense" (with a
 *   `notice`), so the cost is not missing from Procore; once the vendor is linked the hash changes and it
 *   is re-sent as an invoice. Check / Credit Card Charge → "expense", with vendor_id when the payee is a
 *   linked vendor.
 * - status "approved"; direct_cost_date = TxnDate; origin_data = EditSequence; line amounts as Procore
 *   decimal text ("123.45"), negative lines (credits) kept; line description = Memo/Desc, else the item
 *   or account name.
 * - contentHash leaves out origin_data: paying a bill moves its EditSequence without changing what Procore
 *   shows, and that must not cost a Procore call.
 */
export function buildDirectCosts(attributed: AttributedTransaction, ctx: DirectCostContext): DirectCostToSync[] {
  if (attributed.destination !== 'direct_cost') return [];
  const { txn } = attributed;
  const byProject = new Map<number, DirectCostSyncItem['line_items']>();
  for (const a of attributed.lines) {
    if (a.unattributed !== null || a.procoreProjectId === null || a.projectCostCodeId === null || a.line.amountCents === 0) continue;
    const items = byProject.get(a.procoreProjectId) ?? [];
    items.push({
      cost_code_id: a.projectCostCodeId,
      amount: formatMoney(a.line.amountCents),
      description: a.line.memo ?? a.line.itemFullName ?? a.line.accountFullName ?? '',
    });
    byProject.set(a.procoreProjectId, items);
  }

  const vendorId = txn.payeeListId === null ? null : ctx.procoreVendorIdForPayee(txn.payeeListId);
  const asInvoice = txn.txnType === 'Bill' && vendorId !== null;
  const number = txn.refNumber === null ? '' : ` ${txn.refNumber}`;
  // A foreign-currency transaction's amounts are home currency already (read-txn-currency.ts); the description says
  // what QuickBooks holds, so nobody takes the converted figure for the vendor's invoice amount.
  const currency = txn.currency ? ` (${describeTxnCurrency(txn.currency)})` : '';
  const description = `QuickBooks ${TXN_LABEL[txn.txnType]}${number}${txn.payeeName === null ? '' : ` — ${txn.payeeName}`}${currency}`;

  const out: DirectCostToSync[] = [];
  for (const [procoreProjectId, lineItems] of byProject) {
    const item: DirectCostSyncItem = {
      origin_id: `qb:${txn.txnType}:${txn.txnId}:${procoreProjectId}`,
      origin_data: txn.editSequence,
      direct_cost_type: asInvoice ? 'invoice' : 'expense',
      status: 'approved',
      direct_cost_date: txn.txnDate,
      description,
      line_items: lineItems,
    };
    if (vendorId !== null) item.vendor_id = vendorId;
    if (asInvoice) item.invoice_number = txn.refNumber ?? `QB-${txn.txnId}`;
    const { origin_data: _ignored, ...content } = item;
    const entry: DirectCostToSync = { procoreProjectId, originId: item.origin_id, contentHash: hashContent({ procoreProjectId, ...content }), item };
    if (txn.txnType === 'Bill' && !asInvoice) {
      entry.notice = `The vendor "${txn.payeeName ?? txn.payeeListId ?? 'unknown'}" of QuickBooks Bill${number} is not linked to a Procore company, so the cost goes as an expense; link the vendor under Refresh Vendors to send it as an invoice.`;
    }
    out.push(entry);
  }
  return out;
}
