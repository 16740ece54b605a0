// PurchaseOrderAdd (map-commitment.ts) → QBO PurchaseOrder create; PurchaseOrderMod (map-change-order.ts) → a
// sparse PurchaseOrder update carrying ALL lines with the current SyncToken: QBO replaces the Line array, so kept
// lines go back with their Id and the change order's new lines go without one (render-qbo-lines.ts).
// Header: VendorRef, TxnDate, DocNumber (the P.O. No. the domain chose, choose-ref-number.ts), and the Desktop
// Memo — QuickBooks' internal memo — as PrivateNote; QBO's own PurchaseOrder "Memo" is the message printed for the
// vendor (Intuit PurchaseOrder reference: Memo is printed on the PO, PrivateNote is the internal note; to confirm on a
// sandbox which of the two QBO's PO register shows).
import type { PurchaseOrderAddRequest, PurchaseOrderModRequest } from '@connector/qbxml';
import { mergeModLines, renderExpenseLine } from './render-qbo-lines.ts';
import { assertKnownFields, missing, rendering, resolveRef, type QboRefs, type QboRendering } from './qbo-rendering.ts';
import type { QboPurchaseOrderPayload } from './qbo-payload-types.ts';

const KNOWN = ['type', 'txnId', 'editSequence', 'vendorRef', 'txnDate', 'refNumber', 'memo', 'lines'];

export function renderQboPurchaseOrder(request: PurchaseOrderAddRequest | PurchaseOrderModRequest, refs: QboRefs): QboRendering<'PurchaseOrder'> {
  return rendering(() => {
    assertKnownFields(request, KNOWN);
    const payload: QboPurchaseOrderPayload = {};
    if (request.type === 'PurchaseOrderMod') {
      const what = `purchase order ${request.refNumber ?? request.txnId}`;
      const current =
        refs.purchaseOrder(request.txnId) ?? missing('Id', `The QuickBooks Online ${what} is not known; refresh it from QuickBooks Online, then export again.`);
      Object.assign(payload, { Id: current.Id, SyncToken: current.SyncToken, sparse: true });
      header(request, payload, refs);
      if (request.lines !== undefined) payload.Line = mergeModLines(request.lines, current.Line, (l, n) => renderExpenseLine(l, n, refs), what);
      return { ok: true, entity: 'PurchaseOrder', operation: 'update', payload };
    }
    header(request, payload, refs);
    payload.Line = request.lines.map((l, i) => renderExpenseLine(l, i + 1, refs));
    return { ok: true, entity: 'PurchaseOrder', operation: 'create', payload };
  });
}

function header(request: PurchaseOrderAddRequest | PurchaseOrderModRequest, payload: QboPurchaseOrderPayload, refs: QboRefs): void {
  if (request.vendorRef) payload.VendorRef = resolveRef(refs, 'Vendor', request.vendorRef, 'VendorRef');
  if (request.txnDate !== undefined) payload.TxnDate = request.txnDate;
  if (request.refNumber !== undefined) payload.DocNumber = request.refNumber;
  if (request.memo !== undefined) payload.PrivateNote = request.memo;
}
