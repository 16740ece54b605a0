// BillAdd (map-requisition.ts) → QBO Bill. A line the domain linked to a PO line (LinkToTxn TxnID + TxnLineID)
// carries line-level LinkedTxn { TxnId, TxnType: "PurchaseOrder", TxnLineId } (Intuit Bill reference, quoted in
// ruckus/quickbooks-ruby#556: "for this PurchaseOrder-Bill linking to work all LinkedTxn child attributes are
// required"). On Desktop such a line names no
// item (QuickBooks takes it from the PO line); a QBO line needs ItemRef, so it is the PO line's item. QBO creates
// the bill WITHOUT the link when TxnLineId is not on the PO (reported by integrators, e.g. simstudioai/sim#6194),
// so the line is checked against the PO as last read and refused (LINK_INCOMPLETE) instead of silently unlinked.
// Retainage: QBO has no retainage concept; the domain's negative line on the Invoice Retainage Item is rendered as
// it is (a negative ItemBasedExpenseLine), exactly as on Desktop.
import type { BillAddRequest, BillItemLine } from '@connector/qbxml';
import { renderExpenseLine } from './render-qbo-lines.ts';
import { assertKnownFields, missing, QboRenderError, rendering, resolveRef, type QboRefs, type QboRendering } from './qbo-rendering.ts';
import type { QboBillPayload, QboExpenseLine } from './qbo-payload-types.ts';

const KNOWN = ['type', 'vendorRef', 'txnDate', 'refNumber', 'memo', 'itemLines', 'apAccountRef', 'dueDate'];

export function renderQboBill(request: BillAddRequest, refs: QboRefs): QboRendering<'Bill'> {
  return rendering(() => {
    assertKnownFields(request, KNOWN);
    const lines = (request.itemLines ?? []).map((line, i) => renderBillLine(line, i + 1, refs));
    if (lines.length === 0) throw new QboRenderError('BillAdd without item lines');
    const payload: QboBillPayload = { VendorRef: resolveRef(refs, 'Vendor', request.vendorRef, 'VendorRef'), Line: lines };
    if (request.apAccountRef) payload.APAccountRef = resolveRef(refs, 'Account', request.apAccountRef, 'APAccountRef');
    if (request.txnDate !== undefined) payload.TxnDate = request.txnDate;
    if (request.dueDate !== undefined) payload.DueDate = request.dueDate;
    if (request.refNumber !== undefined) payload.DocNumber = request.refNumber;
    if (request.memo !== undefined) payload.PrivateNote = request.memo;
    return { ok: true, entity: 'Bill', operation: 'create', payload };
  });
}

function renderBillLine(line: BillItemLine, n: number, refs: QboRefs): QboExpenseLine {
  const { linkToTxn, ...rest } = line;
  if (!linkToTxn) return renderExpenseLine(rest, n, refs);
  const po =
    refs.purchaseOrder(linkToTxn.txnId) ??
    missing(
      'LinkedTxn',
      `The purchase order bill line ${n} comes from (id ${linkToTxn.txnId}) is not known in QuickBooks Online; refresh it, then export again.`,
    );
  const poLine =
    po.Line.find((l) => l.Id === linkToTxn.txnLineId) ??
    missing(
      'LinkedTxn',
      `Bill line ${n} is for line ${linkToTxn.txnLineId} of the purchase order, which QuickBooks Online no longer shows; QuickBooks Online would create the bill without the link. Refresh the purchase order from QuickBooks Online, then export again.`,
    );
  const rendered = renderExpenseLine(rest, n, refs, poLine.ItemBasedExpenseLineDetail.ItemRef);
  return { ...rendered, LinkedTxn: [{ TxnId: po.Id, TxnType: 'PurchaseOrder', TxnLineId: linkToTxn.txnLineId }] };
}
