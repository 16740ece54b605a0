// InvoiceAdd/Mod (map-owner-invoice.ts: the progress invoice with its negative "Retainage withheld" line, and the
// retainage release invoice) and EstimateAdd/Mod (map-budget.ts, map-prime-contract.ts, map-prime-change-order.ts:
// budget and contract value) → QBO Invoice / Estimate. Both are sales forms with the same shape (Intuit Invoice and
// Estimate references): CustomerRef (the job, a sub-customer), Line[] with SalesItemLineDetail, DocNumber, TxnDate.
// The Desktop Memo (internal) is PrivateNote; QBO's CustomerMemo is the message printed for the customer. QBO has
// no retainage concept: the domain's negative retainage line is rendered as it is, as on Desktop.
import type { EstimateAddRequest, EstimateModRequest, InvoiceAddRequest, InvoiceModRequest } from '@connector/qbxml';
import { mergeModLines, renderSalesLine } from './render-qbo-lines.ts';
import { assertKnownFields, missing, rendering, resolveRef, type QboRefs, type QboRendering } from './qbo-rendering.ts';
import type { QboInvoicePayload } from './qbo-payload-types.ts';

type SalesRequest = InvoiceAddRequest | InvoiceModRequest | EstimateAddRequest | EstimateModRequest;

const KNOWN = ['type', 'txnId', 'editSequence', 'customerRef', 'arAccountRef', 'txnDate', 'dueDate', 'refNumber', 'memo', 'lines'];

export function renderQboSalesForm(request: SalesRequest, refs: QboRefs): QboRendering<'Invoice' | 'Estimate'> {
  return rendering(() => {
    assertKnownFields(request, KNOWN);
    const entity = request.type.startsWith('Invoice') ? 'Invoice' : 'Estimate';
    const payload: QboInvoicePayload = {};
    const render = (line: Parameters<typeof renderSalesLine>[0], n: number) => renderSalesLine(line, n, refs);
    if (request.type === 'InvoiceMod' || request.type === 'EstimateMod') {
      const what = `${entity.toLowerCase()} ${request.refNumber ?? request.txnId}`;
      const current =
        refs.salesTxn(entity, request.txnId) ??
        missing('Id', `The QuickBooks Online ${what} is not known; refresh it from QuickBooks Online, then export again.`);
      Object.assign(payload, { Id: current.Id, SyncToken: current.SyncToken, sparse: true });
      header(request, payload, refs);
      if (request.lines !== undefined) payload.Line = mergeModLines(request.lines, current.Line, render, what);
      return { ok: true, entity, operation: 'update', payload };
    }
    header(request, payload, refs);
    payload.Line = request.lines.map((l, i) => render(l, i + 1));
    return { ok: true, entity, operation: 'create', payload };
  });
}

function header(request: SalesRequest, payload: QboInvoicePayload, refs: QboRefs): void {
  if (request.customerRef) payload.CustomerRef = resolveRef(refs, 'Customer', request.customerRef, 'CustomerRef');
  if ('arAccountRef' in request && request.arAccountRef) payload.ARAccountRef = resolveRef(refs, 'Account', request.arAccountRef, 'ARAccountRef');
  if (request.txnDate !== undefined) payload.TxnDate = request.txnDate;
  if (request.dueDate !== undefined) payload.DueDate = request.dueDate;
  if (request.refNumber !== undefined) payload.DocNumber = request.refNumber;
  if (request.memo !== undefined) payload.PrivateNote = request.memo;
}
