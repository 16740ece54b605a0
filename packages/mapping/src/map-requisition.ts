// Approved subcontractor invoice (Procore requisition) → QuickBooks bill for the vendor, received against
// the commitment's PO (docs/integration-map.md#subcontractor-invoices-and-bills: Subcontractor invoices → Bills, BillAdd; retainage via the Invoice
// Retainage Item). One item line per (cost code, commitment line) billed this period, the job as
// CustomerRef, and ONE line on the Invoice Retainage Item for the retainage held.
//
// Linking to the PO: each line carries LinkToTxn (PO TxnID + the TxnLineID of the commitment line it bills),
// not the header LinkToTxnID. Intuit's BillAdd reference: LinkToTxnID "links in all line items from a
// PurchaseOrder" — the whole remaining PO would land on a progress bill — while LinkToTxn in a line links
// one PO line with the amount we give. A linked line names no ItemRef: the item comes from the PO line
// (Intuit documents, for the same line-level LinkToTxn on InvoiceAdd, that ItemRef next to LinkToTxn is a
// runtime error; leaving it out is valid either way — qbxml130.xsd ItemLineAdd ItemRef minOccurs 0). A
// billed line whose commitment line is not on the PO (not recorded) is sent with its item and not linked.
import type { BillAddRequest, BillItemLine } from '@connector/qbxml';
import { FIELD_LIMITS } from '@connector/qbxml';
import { PreviewBuilder } from './build-preview.ts';
import { capitalize } from './capitalize.ts';
import { checkCountrySupport } from './check-country-support.ts';
import { checkClosingDate } from './check-closing-date.ts';
import { checkVendorCurrency } from './check-vendor-currency.ts';
import { checkProcoreApproval } from './check-procore-approval.ts';
import { classForCostCode } from './class-for-cost-code.ts';
import { cleanText, countChars, truncateText } from './clean-text.ts';
import { describeRequisition } from './describe-record.ts';
import type { InvoiceExport } from './export-records.ts';
import { describeCents, fitsAmount, formatCents } from './format-cents.ts';
import { commitmentLineKey } from './line-keys.ts';
import { refuse, succeed } from './make-result.ts';
import type { MappingContext, MappingFailure, MappingResult } from './mapping-types.ts';
import { planDependencies, refuseMissing } from './plan-dependencies.ts';
import { sumRequisitionItems, type InvoiceSums } from './sum-requisition-items.ts';
import { toQbDate } from './to-qb-date.ts';

type Requisition = InvoiceExport['requisition'];

export function mapRequisition(input: InvoiceExport, ctx: MappingContext): MappingResult<BillAddRequest> {
  const r = input.requisition;
  const what = describeRequisition(r);
  const header = checkBillHeader(r, what, ctx);
  if (!header.ok) return header;
  const { txnDate, refNumber } = header;
  const sums = checkBillAmounts(r, what, ctx);
  if (!sums.ok) return sums;

  const missing = planDependencies({ type: 'invoice', requisition: r }, ctx.links);
  if (missing.length > 0) return refuseMissing(`the bill for ${what}`, missing);
  const vendor = ctx.links.vendor(header.vendorId)!;
  const foreign = checkVendorCurrency(vendor, ctx, `The bill for ${what}`);
  if (foreign) return foreign;
  const job = ctx.links.job(header.projectId)!;
  const po = ctx.links.purchaseOrder(header.commitmentId)!;

  const memo = truncateText(
    [
      r.number != null ? `Procore subcontractor invoice #${r.number}` : 'Procore subcontractor invoice',
      toQbDate(r.requisition_start) && toQbDate(r.requisition_end) ? `period ${toQbDate(r.requisition_start)} to ${toQbDate(r.requisition_end)}` : null,
    ]
      .filter((s) => s !== null)
      .join(', '),
    FIELD_LIMITS.memo,
  );
  const preview = new PreviewBuilder()
    .add('Vendor', vendor.fullName, 'vendor_id')
    .add('Date', txnDate, 'billing_date')
    .add('Ref. No.', refNumber === '' ? undefined : refNumber, 'invoice_number')
    .add('Memo', memo, 'number, requisition_start, requisition_end')
    .add('Purchase order', po.refNumber ?? po.txnId, 'commitment_id');
  const itemLines = buildBillLines(sums, ctx, { job, po }, preview);
  preview.add('Amount due', describeCents(sums.netCents));

  return succeed<BillAddRequest>(
    {
      type: 'BillAdd',
      vendorRef: { listId: vendor.listId },
      txnDate,
      ...(refNumber === '' ? {} : { refNumber }),
      memo,
      itemLines,
    },
    preview.build(),
  );
}

/** What the bill's header needs (not yet in QuickBooks, approved, vendor, project, commitment, an open bill date, a Ref. No. that fits), or why it cannot be. */
function checkBillHeader(
  r: Requisition,
  what: string,
  ctx: MappingContext,
):
  | MappingFailure
  | {
      ok: true;
      txnDate: string;
      refNumber: string;
      vendorId: NonNullable<Requisition['vendor_id']>;
      projectId: NonNullable<Requisition['project_id']>;
      commitmentId: NonNullable<Requisition['commitment_id']>;
    } {
  const unsupported = ctx.accountingEdition === 'online' ? null : checkCountrySupport('subcontractor_invoice', ctx.qbCountry);
  if (unsupported) return unsupported;

  const bill = ctx.links.bill(r.id);
  if (bill) {
    return refuse('ALREADY_EXPORTED', `${capitalize(what)} is already in QuickBooks as bill ${bill.refNumber ?? bill.txnId}; it is not sent twice.`);
  }
  // The status rule is check-procore-approval.ts (shared with the export list, the actions and export.prepare).
  if (checkProcoreApproval('invoice', r.status) !== null) {
    return refuse(
      'NOT_APPROVED',
      `${capitalize(what)} is ${r.status ? `"${r.status.replace(/_/g, ' ')}"` : 'without a status'}; only approved invoices (Approved or Approved as Noted) are exported to QuickBooks. Approve it in Procore and export again.`,
    );
  }
  if (r.vendor_id == null)
    return refuse('INCOMPLETE_RECORD', `${capitalize(what)} has no vendor in Procore, so there is no QuickBooks vendor to bill.`, { field: 'VendorRef' });
  if (r.project_id == null)
    return refuse('INCOMPLETE_RECORD', `${capitalize(what)} has no project in Procore, so there is no QuickBooks job to charge.`, { field: 'CustomerRef' });
  if (r.commitment_id == null)
    return refuse('INCOMPLETE_RECORD', `${capitalize(what)} is not attached to a commitment in Procore, so there is no purchase order to bill against.`);
  const txnDate = toQbDate(r.billing_date);
  if (txnDate === null) {
    return refuse(
      'INCOMPLETE_RECORD',
      `${capitalize(what)} has no billing date in Procore (the bill date in QuickBooks); enter it in Procore and export again.`,
      { field: 'TxnDate' },
    );
  }
  const closed = checkClosingDate(txnDate, ctx.qbClosingDate, `The bill for ${what}`);
  if (closed) return closed;
  const refNumber = cleanText(r.invoice_number);
  const refLength = countChars(refNumber);
  if (refLength > FIELD_LIMITS.billRefNumber) {
    return refuse(
      'REF_NUMBER_TOO_LONG',
      `The invoice number "${refNumber}" of ${what} is ${refLength} characters; a QuickBooks bill's reference number (Ref. No.) holds at most ${FIELD_LIMITS.billRefNumber} characters. Shorten the invoice number in Procore and export again.`,
      { field: 'RefNumber' },
    );
  }
  return { ok: true, txnDate, refNumber, vendorId: r.vendor_id, projectId: r.project_id, commitmentId: r.commitment_id };
}

/** The bill's lines and retainage, summed, or why they cannot be billed (negative, too large, retainage without its item, nothing). */
function checkBillAmounts(r: Requisition, what: string, ctx: MappingContext): InvoiceSums | MappingFailure {
  const sums = sumRequisitionItems(r.items ?? [], what);
  if (!sums.ok) return sums;
  // QuickBooks bills cannot be negative (docs/integration-map.md#known-limits Known limits: negative subcontractor invoices do not sync).
  if (sums.netCents < 0) {
    return refuse(
      'NEGATIVE_INVOICE',
      `${capitalize(what)} totals ${describeCents(sums.netCents)} (billed ${describeCents(sums.grossCents)}, retainage ${describeCents(sums.retainageCents)}); a QuickBooks bill cannot be negative, so negative subcontractor invoices do not sync. Enter it in QuickBooks by hand as a vendor credit.`,
    );
  }
  if (!fitsAmount(sums.netCents) || !fitsAmount(-sums.retainageCents)) {
    return refuse('INVALID_AMOUNT', `${capitalize(what)} totals ${describeCents(sums.netCents)}, more than a QuickBooks amount can hold.`);
  }
  const retainageItem = ctx.settings.invoiceRetainageItem;
  if (sums.retainageCents !== 0 && !retainageItem) {
    const holds =
      sums.retainageCents > 0 ? `holds ${describeCents(sums.retainageCents)} of retainage` : `releases ${describeCents(-sums.retainageCents)} of retainage`;
    return refuse(
      'NO_RETAINAGE_ITEM',
      `${capitalize(what)} ${holds}, but no Invoice Retainage Item is set, so the retainage cannot be booked. Choose the Invoice Retainage Item in Settings (refresh the QuickBooks items list first if it is not offered), then export again.`,
      { field: 'ItemRef' },
    );
  }
  if (sums.lines.length === 0 && sums.retainageCents === 0) {
    return refuse(
      'EMPTY_TRANSACTION',
      `${capitalize(what)} bills nothing this period (no work completed, no materials stored, no retainage), so there is no bill to create.`,
    );
  }
  return sums;
}

/** One item line per (cost code, commitment line) billed, linked to its PO line when it is on the PO, then the retainage line; each in the preview. */
function buildBillLines(
  sums: InvoiceSums,
  ctx: MappingContext,
  refs: { job: NonNullable<ReturnType<MappingContext['links']['job']>>; po: NonNullable<ReturnType<MappingContext['links']['purchaseOrder']>> },
  preview: PreviewBuilder,
): BillItemLine[] {
  const { job, po } = refs;
  const retainageItem = ctx.settings.invoiceRetainageItem;
  const poLineByKey = new Map(po.lines.filter((l) => l.procoreLineKey !== null).map((l) => [l.procoreLineKey!, l.txnLineId]));
  const itemLines: BillItemLine[] = [];
  for (const line of sums.lines) {
    const item = ctx.links.item(line.costCodeId)!;
    const classRef = classForCostCode(ctx.settings, line.costCodeId);
    const poLine = line.commitmentLineItemId === null ? undefined : poLineByKey.get(commitmentLineKey(line.commitmentLineItemId));
    const desc = line.descriptions.length === 0 ? undefined : truncateText(line.descriptions.join('; '), FIELD_LIMITS.lineDesc);
    itemLines.push({
      ...(poLine === undefined ? { itemRef: { listId: item.listId } } : {}),
      ...(desc === undefined ? {} : { desc }),
      amount: formatCents(line.cents),
      customerRef: { listId: job.listId },
      ...(classRef ? { classRef: { listId: classRef.listId } } : {}),
      ...(poLine === undefined ? {} : { linkToTxn: { txnId: po.txnId, txnLineId: poLine } }),
    });
    const n = itemLines.length;
    preview
      .add(`Line ${n} item`, poLine === undefined ? item.fullName : `${item.fullName} (from the purchase order line)`, 'items[].cost_code_id')
      .add(`Line ${n} description`, desc, 'items[].description_of_work')
      .add(`Line ${n} amount`, describeCents(line.cents), 'work_completed_this_period + materials_presently_stored')
      .add(`Line ${n} customer:job`, job.fullName, 'project_id')
      .add(`Line ${n} class`, classRef?.fullName, 'setting: class by cost code')
      .add(
        `Line ${n} purchase order line`,
        poLine === undefined ? 'not linked (the commitment line is not on the purchase order)' : 'linked',
        'items[].line_item_id',
      );
  }
  if (sums.retainageCents !== 0) {
    const desc = sums.retainageCents > 0 ? 'Retainage held' : 'Retainage released';
    itemLines.push({ itemRef: { listId: retainageItem!.listId }, desc, amount: formatCents(-sums.retainageCents), customerRef: { listId: job.listId } });
    const n = itemLines.length;
    preview
      .add(`Line ${n} item`, retainageItem!.fullName, 'setting: Invoice Retainage Item')
      .add(`Line ${n} description`, desc)
      .add(`Line ${n} amount`, describeCents(-sums.retainageCents), 'retainage retained this period − released this period')
      .add(`Line ${n} customer:job`, job.fullName, 'project_id');
  }
  return itemLines;
}
