// One entry point: a Desktop request the mapping produced → its QuickBooks Online write. The mapping decides once
// (names, amounts, lines, refusals); this re-spells the decision per edition (issue 22: "one description of what
// goes where with per-edition output; do not fork the domain").
//
// QBO_RENDERING names every qbXML request kind, so adding one to QbxmlRequest fails tsc here until someone says
// what it is on QBO. Reads (queries) are not rendered: QBO reads go through the client's query / CDC
// (packages/qbo), not through a mapping decision.
import type { QbxmlRequest, QbxmlRequestType } from '@connector/qbxml';
import { renderQboBill } from './render-qbo-bill.ts';
import { renderQboCustomer } from './render-qbo-customer.ts';
import { renderQboItem } from './render-qbo-item.ts';
import { renderQboPurchaseOrder } from './render-qbo-purchase-order.ts';
import { renderQboSalesForm } from './render-qbo-sales-form.ts';
import { renderQboVendor } from './render-qbo-vendor.ts';
import type { MappingFailure, MappingResult, MappingSuccess } from '../mapping-types.ts';
import type { QboWriteEntity } from './qbo-payload-types.ts';
import { QboRenderError, type QboRefs, type QboRendering } from './qbo-rendering.ts';

export type QboRenderingKind = { rendered: QboWriteEntity } | { notRendered: 'read' };

export const QBO_RENDERING = {
  VendorAdd: { rendered: 'Vendor' },
  VendorMod: { rendered: 'Vendor' },
  CustomerAdd: { rendered: 'Customer' },
  CustomerMod: { rendered: 'Customer' },
  ItemServiceAdd: { rendered: 'Item' },
  ItemServiceMod: { rendered: 'Item' },
  ItemOtherChargeAdd: { rendered: 'Item' },
  ItemOtherChargeMod: { rendered: 'Item' },
  PurchaseOrderAdd: { rendered: 'PurchaseOrder' },
  PurchaseOrderMod: { rendered: 'PurchaseOrder' },
  BillAdd: { rendered: 'Bill' },
  EstimateAdd: { rendered: 'Estimate' },
  EstimateMod: { rendered: 'Estimate' },
  InvoiceAdd: { rendered: 'Invoice' },
  InvoiceMod: { rendered: 'Invoice' },
  VendorQuery: { notRendered: 'read' },
  CustomerQuery: { notRendered: 'read' },
  ItemQuery: { notRendered: 'read' },
  BillQuery: { notRendered: 'read' },
  CheckQuery: { notRendered: 'read' },
  CreditCardChargeQuery: { notRendered: 'read' },
  BillPaymentCheckQuery: { notRendered: 'read' },
  PurchaseOrderQuery: { notRendered: 'read' },
  EstimateQuery: { notRendered: 'read' },
  InvoiceQuery: { notRendered: 'read' },
  ReceivePaymentQuery: { notRendered: 'read' },
  DepositQuery: { notRendered: 'read' },
  TxnDeletedQuery: { notRendered: 'read' },
  ListDeletedQuery: { notRendered: 'read' },
  HostQuery: { notRendered: 'read' },
  CompanyQuery: { notRendered: 'read' },
  PreferencesQuery: { notRendered: 'read' },
  ClassQuery: { notRendered: 'read' },
  AccountQuery: { notRendered: 'read' },
} as const satisfies { [K in QbxmlRequestType]: QboRenderingKind };

type RenderedType = { [K in QbxmlRequestType]: (typeof QBO_RENDERING)[K] extends { rendered: QboWriteEntity } ? K : never }[QbxmlRequestType];

/** The Desktop requests that have a QuickBooks Online write. */
export type QboRenderableRequest = Extract<QbxmlRequest, { type: RenderedType }>;

export function isQboRenderable(request: QbxmlRequest): request is QboRenderableRequest {
  return 'rendered' in QBO_RENDERING[request.type];
}

export function renderForQbo(request: QboRenderableRequest, refs: QboRefs): QboRendering {
  switch (request.type) {
    case 'VendorAdd':
    case 'VendorMod':
      return renderQboVendor(request, refs);
    case 'CustomerAdd':
    case 'CustomerMod':
      return renderQboCustomer(request, refs);
    case 'ItemServiceAdd':
    case 'ItemServiceMod':
    case 'ItemOtherChargeAdd':
    case 'ItemOtherChargeMod':
      return renderQboItem(request, refs);
    case 'PurchaseOrderAdd':
    case 'PurchaseOrderMod':
      return renderQboPurchaseOrder(request, refs);
    case 'BillAdd':
      return renderQboBill(request, refs);
    case 'EstimateAdd':
    case 'EstimateMod':
    case 'InvoiceAdd':
    case 'InvoiceMod':
      return renderQboSalesForm(request, refs);
    default:
      // Unreachable for typed callers; a request from stored JSON may still be anything.
      throw new QboRenderError(`${(request as { type: string }).type} has no QuickBooks Online rendering (QBO_RENDERING)`);
  }
}

/** A mapper's answer with its QuickBooks Online write beside the Desktop request (preview, line keys, dependencies kept). */
export type QboMappingResult = MappingFailure | (MappingSuccess & { qbo: Extract<QboRendering, { ok: true }> });

/**
 * A mapper's result rendered for QBO: a refusal goes through unchanged (the same object: the domain decided, QBO
 * does not re-decide); a success gains `qbo`, or becomes the renderer's refusal (a reference QBO does not have yet,
 * an item QBO cannot hold). A read request is a programming error here: mappers only answer writes.
 */
export function renderMappingForQbo(result: MappingResult, refs: QboRefs): QboMappingResult {
  if (!result.ok) return result;
  if (!isQboRenderable(result.request)) throw new QboRenderError(`${result.request.type} is a read; a mapping result is always a write`);
  const qbo = renderForQbo(result.request, refs);
  if (!qbo.ok) return { ok: false, refusal: qbo.refusal, ...(result.linked === undefined ? {} : { linked: result.linked }) };
  return { ...result, qbo };
}
