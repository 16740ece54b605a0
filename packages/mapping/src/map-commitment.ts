// Procore commitment (subcontract / purchase order contract) → QuickBooks purchase order for the vendor
// and job (docs/integration-map.md#commitments-and-purchase-orders: Commitments → Purchase Orders, PurchaseOrderAdd): one PO line per commitment
// line — item from the cost code's link, class from the cost code → class mapping, the amount, and
// CustomerRef = the job so the cost lands on the job. Exported once: change orders are added to this PO
// (map-change-order.ts), never a second PO (docs/data-safety.md#nothing-written-twice "Nothing is written twice").
import type { PurchaseOrderAddRequest, PurchaseOrderLine } from '@connector/qbxml';
import { FIELD_LIMITS } from '@connector/qbxml';
import type { CommitmentLineItem } from '@connector/procore';
import { PreviewBuilder } from './build-preview.ts';
import { capitalize } from './capitalize.ts';
import { chooseRefNumber } from './choose-ref-number.ts';
import { classForCostCode } from './class-for-cost-code.ts';
import { cleanText, truncateText } from './clean-text.ts';
import { describeCommitment } from './describe-record.ts';
import type { CommitmentExport } from './export-records.ts';
import { describeCents, formatCents } from './format-cents.ts';
import { commitmentLineKey } from './line-keys.ts';
import { refuse, succeed } from './make-result.ts';
import type { MappingContext, MappingFailure, MappingResult } from './mapping-types.ts';
import { planDependencies, refuseMissing } from './plan-dependencies.ts';
import { readCents, sumCents } from './read-cents.ts';
import { toQbDate } from './to-qb-date.ts';
import { checkClosingDate } from './check-closing-date.ts';
import { checkVendorCurrency } from './check-vendor-currency.ts';

export function mapCommitment(input: CommitmentExport, ctx: MappingContext): MappingResult<PurchaseOrderAddRequest> {
  const { commitment } = input;
  const what = describeCommitment(commitment);

  const existing = ctx.links.purchaseOrder(commitment.id);
  if (existing) {
    return refuse(
      'ALREADY_EXPORTED',
      `${capitalize(what)} is already in QuickBooks as purchase order ${existing.refNumber ?? existing.txnId}; its change orders are added to that purchase order, never to a new one.`,
    );
  }
  if (commitment.vendor?.id == null) {
    return refuse(
      'INCOMPLETE_RECORD',
      `${capitalize(what)} has no vendor in Procore, so it cannot become a QuickBooks purchase order; choose the contract company in Procore and export again.`,
      { field: 'VendorRef' },
    );
  }

  const ref = chooseRefNumber({
    useProcoreContractNumber: ctx.settings.useProcoreContractNumber,
    contractNumber: commitment.number,
    typedRefNumber: input.typedRefNumber,
    what,
  });
  if (!ref.ok) return ref;

  const read = readCommittedLines(input.lines, what);
  if (!read.ok) return read;
  const { lines } = read;
  const total = sumCents(
    lines.map((l) => l.cents),
    capitalize(what),
  );
  if (!total.ok) return total;

  const missing = planDependencies({ type: 'commitment', ...input, lines: lines.map((l) => l.line) }, ctx.links);
  if (missing.length > 0) return refuseMissing(`the purchase order for ${what}`, missing);
  const vendor = ctx.links.vendor(commitment.vendor.id)!;
  const job = ctx.links.job(input.projectId)!;

  const txnDate = toQbDate(commitment.contract_date);
  const closed = checkClosingDate(txnDate, ctx.qbClosingDate, `The purchase order for ${what}`);
  if (closed) return closed;
  const foreign = checkVendorCurrency(vendor, ctx, `The purchase order for ${what}`);
  if (foreign) return foreign;
  const memo = cleanText(commitment.title);
  const preview = new PreviewBuilder()
    .add('Vendor', vendor.fullName, 'vendor')
    .add('Date', txnDate ?? undefined, 'contract_date')
    .add('P.O. No.', ref.refNumber, ref.source)
    .add('Memo', memo === '' ? undefined : truncateText(memo, FIELD_LIMITS.memo), 'title');
  const requestLines = buildPurchaseOrderLines(lines, ctx, job, preview);
  preview.add('Total', describeCents(total.cents), 'grand_total');

  const request: PurchaseOrderAddRequest = {
    type: 'PurchaseOrderAdd',
    vendorRef: { listId: vendor.listId },
    ...(txnDate ? { txnDate } : {}),
    ...(ref.refNumber === undefined ? {} : { refNumber: ref.refNumber }),
    ...(memo === '' ? {} : { memo: truncateText(memo, FIELD_LIMITS.memo) }),
    lines: requestLines,
  };
  return succeed(request, preview.build(), { lineKeys: lines.map(({ line }) => commitmentLineKey(line.id)) });
}

type CommittedLine = { line: CommitmentLineItem; costCodeId: number; cents: number };

/** The commitment's lines with an amount, in schedule-of-values order, each with its cost code and cents; or why there are none to send. */
function readCommittedLines(items: readonly CommitmentLineItem[], what: string): MappingFailure | { ok: true; lines: CommittedLine[] } {
  // Schedule of values order: by position when Procore gives one, otherwise as listed.
  const ordered = [...items].sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER));
  const lines: CommittedLine[] = [];
  for (const [index, line] of ordered.entries()) {
    const lineLabel = describeLine(line, index);
    const cents = readCents(line.amount, `${capitalize(lineLabel)} of ${what}`, 'refuse');
    if (!cents.ok) return cents;
    // Nothing committed on the line: a PO line of 0.00 would only add noise in QuickBooks.
    if (cents.cents === 0) continue;
    const costCodeId = line.cost_code_id ?? line.cost_code?.id ?? null;
    if (costCodeId === null) {
      return refuse(
        'INCOMPLETE_RECORD',
        `${capitalize(lineLabel)} of ${what} has no cost code, so it has no QuickBooks item; assign a cost code in Procore and export again.`,
        { field: 'ItemRef' },
      );
    }
    lines.push({ line, costCodeId, cents: cents.cents });
  }
  if (lines.length === 0) {
    return refuse(
      'EMPTY_TRANSACTION',
      `${capitalize(what)} has no line with an amount, so there is no purchase order to create; add its schedule of values in Procore and export again.`,
    );
  }
  return { ok: true, lines };
}

/** One PO line per committed line: the cost code's item and class, the job, the amount; each in the preview. */
function buildPurchaseOrderLines(
  lines: readonly CommittedLine[],
  ctx: MappingContext,
  job: NonNullable<ReturnType<MappingContext['links']['job']>>,
  preview: PreviewBuilder,
): PurchaseOrderLine[] {
  return lines.map(({ line, costCodeId, cents }, i) => {
    const item = ctx.links.item(costCodeId)!;
    const classRef = classForCostCode(ctx.settings, costCodeId);
    const description = cleanText(line.description);
    const n = i + 1;
    preview
      .add(`Line ${n} item`, item.fullName, 'cost_code')
      .add(`Line ${n} description`, description === '' ? undefined : truncateText(description, FIELD_LIMITS.lineDesc), 'description')
      .add(`Line ${n} amount`, describeCents(cents), 'amount')
      .add(`Line ${n} customer:job`, job.fullName, 'project')
      .add(`Line ${n} class`, classRef?.fullName, 'setting: class by cost code');
    return {
      itemRef: { listId: item.listId },
      ...(description === '' ? {} : { desc: truncateText(description, FIELD_LIMITS.lineDesc) }),
      ...(classRef ? { classRef: { listId: classRef.listId } } : {}),
      amount: formatCents(cents),
      customerRef: { listId: job.listId },
    };
  });
}

function describeLine(line: CommitmentLineItem, index: number): string {
  const description = cleanText(line.description);
  return description === '' ? `line ${index + 1}` : `line ${index + 1} "${description}"`;
}
