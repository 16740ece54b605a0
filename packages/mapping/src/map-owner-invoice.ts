// Approved owner invoice (Procore payment application on the prime contract) → QuickBooks invoice for the project's
// Customer:Job (issue 21). One line per schedule-of-values line billed this period — on the cost code's item, or on
// one item for the whole contract, per setting — then ONE negative line on the Retainage Receivable item for the
// retainage withheld this period. Retainage released this period is billed on an invoice of its own, a positive
// line on the same item, so the owner's payment of the release is matched to it alone. A negative owner invoice is
// refused (a QuickBooks invoice cannot be negative: enter a credit memo), as for subcontractor invoices; an invoice
// dated in QuickBooks' closed period is refused before it is sent (status 3171 in words, check-closing-date.ts).
import type { InvoiceAddRequest, InvoiceLine } from '@connector/qbxml';
import { FIELD_LIMITS } from '@connector/qbxml';
import type { PaymentApplication } from '@connector/procore';
import { PreviewBuilder } from './build-preview.ts';
import { capitalize } from './capitalize.ts';
import { checkClosingDate } from './check-closing-date.ts';
import { checkProcoreApproval, procoreStatusLabel } from './check-procore-approval.ts';
import { cleanText, countChars, truncateText } from './clean-text.ts';
import { describeCents, fitsAmount, formatCents } from './format-cents.ts';
import { refuse, succeed } from './make-result.ts';
import type { Dependency, MappingFailure, MappingSuccess, QbRef } from './mapping-types.ts';
import { refuseMissing } from './plan-dependencies.ts';
import { sumOwnerInvoiceLines, type OwnerInvoiceSums } from './sum-owner-invoice-lines.ts';
import { toQbDate } from './to-qb-date.ts';

/** What mapping an owner invoice needs from the connector's links and settings (the sync layer builds it). */
export interface OwnerInvoiceContext {
  /** The project's QuickBooks Customer:Job, when the project is linked. */
  job: QbRef | null;
  /** The QuickBooks item of a Procore cost code, when linked. */
  itemForCostCode(costCodeId: number): QbRef | null;
  /** The QuickBooks invoice this owner invoice already became, if any. */
  existing: { txnId: string; refNumber: string | null } | null;
  /**
   * The QuickBooks invoice its retainage release already became, if any. The two are written one after the other
   * (one request each): after the progress invoice is in QuickBooks, only the release is left to send.
   */
  existingRetainageRelease?: { txnId: string; refNumber: string | null } | null;
  settings: {
    /** Item per schedule-of-values line: the cost code's item, or one item for the whole contract. */
    lineItem: { mode: 'cost_code' } | { mode: 'contract'; item: QbRef };
    /** Required before an invoice that withholds or releases retainage. */
    retainageReceivableItem: QbRef | null;
    /** The A/R account; QuickBooks' default when null. */
    arAccount: QbRef | null;
  };
  /** The invoice number typed by the accountant (setting "typed"); null: Procore's invoice number. */
  typedInvoiceNumber: string | null;
  qbClosingDate?: string;
}

export interface OwnerInvoiceRequests {
  ok: true;
  /** The progress invoice (null when the owner invoice only releases retainage). */
  invoice: MappingSuccess<InvoiceAddRequest> | null;
  /** The retainage released this period, billed on its own (null when none is). */
  retainageRelease: MappingSuccess<InvoiceAddRequest> | null;
}

export function mapOwnerInvoice(pa: PaymentApplication, ctx: OwnerInvoiceContext): OwnerInvoiceRequests | MappingFailure {
  const what = describeOwnerInvoice(pa);
  const already = checkAlreadyExported(pa, what, ctx);
  if (already) return already;
  const header = checkHeader(pa, what, ctx);
  if (!header.ok) return header;
  const sums = checkAmounts(pa, what, ctx);
  if (!sums.ok) return sums;
  const items = resolveLineItems(sums, what, ctx);
  if (!items.ok) return items;
  // The job and every item missing, named together: the connector queues them all ahead of the invoice at once.
  const missing = [...(header.job ? [] : [jobDependency(pa, what)]), ...items.missing];
  if (missing.length > 0) return refuseMissing(`the invoice for ${what}`, missing);

  const job = header.job!;
  const period = toQbDate(pa.period_start) && toQbDate(pa.period_end) ? `period ${toQbDate(pa.period_start)} to ${toQbDate(pa.period_end)}` : null;
  const procoreName = pa.number != null ? `Procore owner invoice #${pa.number}` : 'Procore owner invoice';
  const common = {
    customerRef: { listId: job.listId },
    ...(ctx.settings.arAccount ? { arAccountRef: { listId: ctx.settings.arAccount.listId } } : {}),
    txnDate: header.txnDate,
  };

  let invoice: MappingSuccess<InvoiceAddRequest> | null = null;
  // Already in QuickBooks (the release is what is left): not sent again.
  if (!ctx.existing && (sums.lines.length > 0 || sums.retainedCents > 0)) {
    const memo = truncateText([procoreName, period].filter((s) => s !== null).join(', '), FIELD_LIMITS.memo);
    const preview = previewHeader(job, header, memo, ctx);
    const lines: InvoiceLine[] = sums.lines.map((line, index) => {
      const item = items.refs[index]!;
      const desc = line.description === '' ? undefined : truncateText(line.description, FIELD_LIMITS.lineDesc);
      preview
        .add(`Line ${index + 1} item`, item.fullName, ctx.settings.lineItem.mode === 'cost_code' ? 'line_items[].cost_code' : 'setting: one item per contract')
        .add(`Line ${index + 1} description`, desc, 'line_items[].description_of_work')
        .add(`Line ${index + 1} amount`, describeCents(line.cents), 'work_completed_this_period + materials_presently_stored');
      return { itemRef: { listId: item.listId }, ...(desc === undefined ? {} : { desc }), amount: formatCents(line.cents) };
    });
    if (sums.retainedCents > 0) {
      const item = ctx.settings.retainageReceivableItem!;
      lines.push({ itemRef: { listId: item.listId }, desc: 'Retainage withheld', amount: formatCents(-sums.retainedCents) });
      preview
        .add(`Line ${lines.length} item`, item.fullName, 'setting: Retainage Receivable item')
        .add(`Line ${lines.length} description`, 'Retainage withheld')
        .add(`Line ${lines.length} amount`, describeCents(-sums.retainedCents), 'work + materials retainage retained this period');
    }
    preview.add('Amount due', describeCents(sums.netCents));
    invoice = succeed<InvoiceAddRequest>(
      { type: 'InvoiceAdd', ...common, ...(header.refNumber === '' ? {} : { refNumber: header.refNumber }), memo, lines },
      preview.build(),
    );
  }

  let retainageRelease: MappingSuccess<InvoiceAddRequest> | null = null;
  if (!ctx.existingRetainageRelease && sums.releasedCents > 0) {
    const item = ctx.settings.retainageReceivableItem!;
    const memo = truncateText(`Retainage released: ${[procoreName, period].filter((s) => s !== null).join(', ')}`, FIELD_LIMITS.memo);
    // Its own number beside the progress invoice's ("PA-003R"), when that fits QuickBooks' 11 characters;
    // otherwise QuickBooks numbers it and the memo names the Procore invoice.
    const releaseNumber = header.refNumber !== '' && countChars(header.refNumber) < FIELD_LIMITS.invoiceRefNumber ? `${header.refNumber}R` : '';
    const preview = previewHeader(job, { ...header, refNumber: releaseNumber }, memo, ctx)
      .add('Line 1 item', item.fullName, 'setting: Retainage Receivable item')
      .add('Line 1 description', 'Retainage released')
      .add('Line 1 amount', describeCents(sums.releasedCents), 'work + materials retainage released this period')
      .add('Amount due', describeCents(sums.releasedCents));
    retainageRelease = succeed<InvoiceAddRequest>(
      {
        type: 'InvoiceAdd',
        ...common,
        ...(releaseNumber === '' ? {} : { refNumber: releaseNumber }),
        memo,
        lines: [{ itemRef: { listId: item.listId }, desc: 'Retainage released', amount: formatCents(sums.releasedCents) }],
      },
      preview.build(),
    );
  }
  return { ok: true, invoice, retainageRelease };
}

/** "owner invoice #3 (PA-003)". */
/**
 * The invoice number Procore gives an owner invoice, as QuickBooks gets it unless a number is typed: its
 * `invoice_number`, else its `number` (the payment application's sequence); null when it has neither. The export list
 * shows it and the typed-number dialog starts from it (issue 21).
 */
export function procoreOwnerInvoiceNumber(pa: Pick<PaymentApplication, 'invoice_number' | 'number'>): string | null {
  // A blank invoice_number is none: an empty QuickBooks invoice number would say nothing (and match nothing on recovery).
  const invoiceNumber = cleanText(pa.invoice_number);
  return invoiceNumber !== '' ? invoiceNumber : pa.number != null ? String(pa.number) : null;
}

export function describeOwnerInvoice(pa: PaymentApplication): string {
  const number = pa.number != null ? `#${pa.number}` : `${pa.id}`;
  const invoiceNumber = cleanText(pa.invoice_number);
  return `owner invoice ${number}${invoiceNumber === '' ? '' : ` (${invoiceNumber})`}`;
}

interface Header {
  ok: true;
  /** Null: the project is not in QuickBooks yet (a dependency, named with the items). */
  job: QbRef | null;
  txnDate: string;
  refNumber: string;
}

/**
 * Everything this owner invoice becomes in QuickBooks is there already: refused, never sent twice. The progress
 * invoice alone is "everything" unless retainage is released this period and that invoice is not there yet.
 */
function checkAlreadyExported(pa: PaymentApplication, what: string, ctx: OwnerInvoiceContext): MappingFailure | null {
  if (!ctx.existing && !ctx.existingRetainageRelease) return null;
  const sums = sumOwnerInvoiceLines(pa.line_items ?? [], what);
  const releaseLeft = !ctx.existingRetainageRelease && (!sums.ok || sums.releasedCents > 0);
  const progressLeft = !ctx.existing && (!sums.ok || sums.lines.length > 0 || sums.retainedCents > 0);
  if (releaseLeft || progressLeft) return null;
  const names = [ctx.existing, ctx.existingRetainageRelease].filter((e) => e != null).map((e) => `invoice ${e.refNumber ?? e.txnId}`);
  return refuse('ALREADY_EXPORTED', `${capitalize(what)} is already in QuickBooks as ${names.join(' and ')}; it is not sent twice.`);
}

function jobDependency(pa: PaymentApplication, what: string): Dependency {
  const projectId = pa.project_id ?? 0;
  return { kind: 'job', procoreId: projectId, label: projectId ? `its project (Procore project ${projectId})` : `the project of ${what}` };
}

/** Approved in Procore, a project, a billing date after the closing date, a number that fits (the job may be missing). */
function checkHeader(pa: PaymentApplication, what: string, ctx: OwnerInvoiceContext): Header | MappingFailure {
  const notApproved = checkProcoreApproval('owner_invoice', pa.status);
  if (notApproved) {
    return refuse(
      'NOT_APPROVED',
      `${capitalize(what)} is ${pa.status ? `"${procoreStatusLabel(pa.status)}"` : 'without a status'} in Procore; only approved owner invoices are billed in QuickBooks. Approve it in Procore and export again.`,
    );
  }
  if (pa.project_id == null) {
    return refuse('INCOMPLETE_RECORD', `${capitalize(what)} has no project in Procore, so there is no QuickBooks job to invoice.`, { field: 'CustomerRef' });
  }
  const txnDate = toQbDate(pa.billing_date);
  if (txnDate === null) {
    return refuse(
      'INCOMPLETE_RECORD',
      `${capitalize(what)} has no billing date in Procore (the invoice date in QuickBooks); enter it in Procore and export again.`,
      {
        field: 'TxnDate',
      },
    );
  }
  const closed = checkClosingDate(txnDate, ctx.qbClosingDate, `The invoice for ${what}`);
  if (closed) return closed;
  const refNumber = cleanText(ctx.typedInvoiceNumber ?? procoreOwnerInvoiceNumber(pa) ?? '');
  if (countChars(refNumber) > FIELD_LIMITS.invoiceRefNumber) {
    return refuse(
      'REF_NUMBER_TOO_LONG',
      `The invoice number "${refNumber}" of ${what} is ${countChars(refNumber)} characters; a QuickBooks invoice number holds at most ${FIELD_LIMITS.invoiceRefNumber}. Shorten it in Procore, or type a number for QuickBooks, and export again.`,
      { field: 'RefNumber' },
    );
  }
  return { ok: true, job: ctx.job ?? null, txnDate, refNumber };
}

/** The lines and retainage, summed, or why they cannot be invoiced (negative, too large, retainage without its item, nothing). */
function checkAmounts(pa: PaymentApplication, what: string, ctx: OwnerInvoiceContext): OwnerInvoiceSums | MappingFailure {
  const sums = sumOwnerInvoiceLines(pa.line_items ?? [], what);
  if (!sums.ok) return sums;
  if (sums.netCents < 0) {
    return refuse(
      'NEGATIVE_INVOICE',
      `${capitalize(what)} totals ${describeCents(sums.netCents)} (billed ${describeCents(sums.grossCents)}, retainage withheld ${describeCents(sums.retainedCents)}); a QuickBooks invoice cannot be negative, so negative owner invoices do not sync. Enter it in QuickBooks by hand as a credit memo.`,
    );
  }
  if (!fitsAmount(sums.netCents) || !fitsAmount(sums.releasedCents)) {
    return refuse('INVALID_AMOUNT', `${capitalize(what)} totals ${describeCents(sums.netCents)}, more than a QuickBooks amount can hold.`);
  }
  if ((sums.retainedCents > 0 || sums.releasedCents > 0) && !ctx.settings.retainageReceivableItem) {
    const does = [
      sums.retainedCents > 0 ? `withholds ${describeCents(sums.retainedCents)}` : null,
      sums.releasedCents > 0 ? `releases ${describeCents(sums.releasedCents)}` : null,
    ]
      .filter((s) => s !== null)
      .join(' and ');
    return refuse(
      'NO_RETAINAGE_ITEM',
      `${capitalize(what)} ${does} of retainage, but no Retainage Receivable item is set, so the retainage cannot be invoiced. Choose the Retainage Receivable item in Settings (refresh the QuickBooks items list first if it is not offered), then export again.`,
      { field: 'ItemRef' },
    );
  }
  if (sums.lines.length === 0 && sums.retainedCents === 0 && sums.releasedCents === 0) {
    return refuse(
      'EMPTY_TRANSACTION',
      `${capitalize(what)} bills nothing this period (no work completed, no materials stored, no retainage), so there is no invoice to create.`,
    );
  }
  return sums;
}

/** The item of each line, in order, and what must be in QuickBooks first (each cost code's item). */
function resolveLineItems(sums: OwnerInvoiceSums, what: string, ctx: OwnerInvoiceContext): { ok: true; refs: QbRef[]; missing: Dependency[] } | MappingFailure {
  const mode = ctx.settings.lineItem;
  if (mode.mode === 'contract') return { ok: true, refs: sums.lines.map(() => mode.item), missing: [] };
  const refs: QbRef[] = [];
  const missing = new Map<number, Dependency>();
  for (const line of sums.lines) {
    if (line.costCodeId === null) {
      return refuse(
        'INCOMPLETE_RECORD',
        `Line "${line.description || line.lineItemId}" of ${what} bills ${describeCents(line.cents)} but has no cost code, so it has no QuickBooks item; assign a cost code in Procore, or invoice one item per contract (Settings), and export again.`,
        { field: 'ItemRef' },
      );
    }
    const item = ctx.itemForCostCode(line.costCodeId);
    if (item) refs.push(item);
    else missing.set(line.costCodeId, { kind: 'item', procoreId: line.costCodeId, label: `the item of cost code ${line.costCodeId}` });
  }
  return { ok: true, refs, missing: [...missing.values()] };
}

function previewHeader(job: QbRef, header: { txnDate: string; refNumber: string }, memo: string, ctx: OwnerInvoiceContext): PreviewBuilder {
  return new PreviewBuilder()
    .add('Customer:Job', job.fullName, 'project_id')
    .add('A/R account', ctx.settings.arAccount?.fullName, 'setting: A/R account')
    .add('Date', header.txnDate, 'billing_date')
    .add('Invoice no.', header.refNumber === '' ? undefined : header.refNumber, ctx.typedInvoiceNumber === null ? 'invoice_number' : 'typed for QuickBooks')
    .add('Memo', memo, 'number, period_start, period_end');
}
