// The job's contract value in QuickBooks (issue 21): an approved Procore prime contract → ONE estimate for the project's
// Customer:Job marked as the contract (memo "Procore prime contract #<number>: contract value", so a person tells it from
// the budget's estimate, memo "Procore budget"), a line per schedule-of-values line on the cost code's item or on the
// one contract item (the owner invoice setting "item per schedule-of-values line"). Each approved prime contract change
// order is then added to that estimate as new lines (EstimateMod, map-prime-change-order.ts), so the estimate's total is
// Procore's revised contract value ("grand total, plus approved change orders": packages/procore prime-contracts.ts).
// QuickBooks Desktop has no contract amount on a job (qbXML 13 CustomerAdd/JobAdd), which is why the estimate carries it.
import type { PrimeContract } from '@connector/procore';
import type { EstimateAddRequest, EstimateLineAdd } from '@connector/qbxml';
import { FIELD_LIMITS } from '@connector/qbxml';
import { PreviewBuilder } from './build-preview.ts';
import { capitalize } from './capitalize.ts';
import { checkProcoreApproval, procoreStatusLabel } from './check-procore-approval.ts';
import { cleanText, countChars, takeChars, truncateText } from './clean-text.ts';
import { describeCents, formatCents } from './format-cents.ts';
import { refuse, succeed } from './make-result.ts';
import type { Dependency, MappingResult, QbRef, QbTxnLink } from './mapping-types.ts';
import { refuseMissing } from './plan-dependencies.ts';
import { readCents, sumCents } from './read-cents.ts';

/** What mapping a prime contract or its change orders needs from the connector's links and settings (packages/sync builds it). */
export interface PrimeContractContext {
  /** The project's QuickBooks Customer:Job, when the project is linked. */
  job: QbRef | null;
  /** The QuickBooks item of a Procore cost code, when linked. */
  itemForCostCode(costCodeId: number): QbRef | null;
  /** The estimate the prime contract became (its record link, with every line QuickBooks has on it), if any. */
  estimate: QbTxnLink | null;
  /** The owner invoice setting "item per schedule-of-values line": the cost code's item, or one item for the whole contract. */
  lineItem: { mode: 'cost_code' } | { mode: 'contract'; item: QbRef };
}

/** An estimate line made from a prime contract schedule-of-values line. */
export function primeContractLineKey(lineItemId: number): string {
  return `prime-contract-line:${lineItemId}`;
}

/** An estimate line added by a prime contract change order line. */
export function primeChangeOrderLineKey(changeOrderId: number, lineItemId: number): string {
  return `prime-change-order:${changeOrderId}:line:${lineItemId}`;
}

/** "prime contract #PC-001 (Harbor Point tower)". */
export function describePrimeContract(contract: Pick<PrimeContract, 'id' | 'number' | 'title'>): string {
  const number = cleanText(contract.number);
  const title = cleanText(contract.title);
  return `prime contract ${number === '' ? String(contract.id) : `#${number}`}${title === '' ? '' : ` (${title})`}`;
}

/** The estimate's memo: says what it is, so nobody takes it for the budget's estimate. */
export function primeContractMemo(contract: Pick<PrimeContract, 'id' | 'number'>): string {
  const number = cleanText(contract.number);
  return truncateText(`Procore prime contract ${number === '' ? String(contract.id) : `#${number}`}: contract value`, FIELD_LIMITS.memo);
}

export function mapPrimeContract(input: { projectId: number; primeContract: PrimeContract }, ctx: PrimeContractContext): MappingResult<EstimateAddRequest> {
  const contract = input.primeContract;
  const what = describePrimeContract(contract);
  const notApproved = checkProcoreApproval('prime_contract', contract.status);
  if (notApproved) {
    return refuse(
      'NOT_APPROVED',
      `${capitalize(what)} is ${contract.status ? `"${procoreStatusLabel(contract.status)}"` : 'without a status'} in Procore; only an Approved or Complete prime contract is the job's contract value in QuickBooks. Approve it in Procore and export again.`,
    );
  }
  // Written once: a linked estimate is never changed by a new Add (change orders add their lines to it, one Mod each).
  if (ctx.estimate) {
    return refuse(
      'ALREADY_EXPORTED',
      `${capitalize(what)} is already in QuickBooks as estimate ${ctx.estimate.refNumber ?? ctx.estimate.txnId}; it is not sent twice (its approved change orders are added to that estimate).`,
    );
  }

  // Money: each line's amount (Procore decimal strings), zero lines left out (they add nothing to the contract value).
  const lines: Array<{ id: number; costCodeId: number | null; cents: number; description: string }> = [];
  for (const [index, line] of (contract.line_items ?? []).entries()) {
    const description = cleanText(line.description);
    const label = `${description === '' ? `line ${index + 1}` : `line ${index + 1} "${description}"`} of ${what}`;
    const read = readCents(line.amount, capitalize(label), 'refuse');
    if (!read.ok) return read;
    if (read.cents === 0) continue;
    lines.push({ id: line.id, costCodeId: line.cost_code?.id ?? null, cents: read.cents, description });
  }
  if (lines.length === 0) {
    return refuse(
      'EMPTY_TRANSACTION',
      `${capitalize(what)} has no schedule-of-values line with an amount, so there is no contract value to send; enter its schedule of values in Procore and export again.`,
    );
  }
  const total = sumCents(
    lines.map((l) => l.cents),
    capitalize(what),
  );
  if (!total.ok) return total;
  // Procore's grand_total is "Total of Line items including markup, plus project level (vertical) markup": markup has no
  // line here, so an estimate of the lines alone would understate the contract. Refused rather than sent short.
  if (contract.grand_total != null && cleanText(String(contract.grand_total)) !== '') {
    const grand = readCents(contract.grand_total, `The grand total of ${what}`, 'refuse');
    if (!grand.ok) return grand;
    if (grand.cents !== total.cents) {
      return refuse(
        'INVALID_AMOUNT',
        `${capitalize(what)} has a grand total of ${describeCents(grand.cents)} but its schedule-of-values lines add up to ${describeCents(total.cents)} (markup?). The connector sends the lines, so the QuickBooks contract value would be wrong; enter the markup as a schedule-of-values line in Procore and export again.`,
      );
    }
  }

  // Items: per cost code, or the one contract item; what is missing is named with the job, together.
  const refs: QbRef[] = [];
  const missing = new Map<string, Dependency>();
  if (!ctx.job) {
    missing.set('job', { kind: 'job', procoreId: input.projectId, label: `its project (Procore project ${input.projectId})` });
  }
  for (const line of lines) {
    if (ctx.lineItem.mode === 'contract') {
      refs.push(ctx.lineItem.item);
      continue;
    }
    if (line.costCodeId === null) {
      return refuse(
        'INCOMPLETE_RECORD',
        `Line "${line.description || line.id}" of ${what} (${describeCents(line.cents)}) has no cost code, so it has no QuickBooks item; assign a cost code in Procore, or use one item per contract (Settings, owner invoices), and export again.`,
        { field: 'ItemRef' },
      );
    }
    const item = ctx.itemForCostCode(line.costCodeId);
    if (item) refs.push(item);
    else missing.set(`item:${line.costCodeId}`, { kind: 'item', procoreId: line.costCodeId, label: `the item of cost code ${line.costCodeId}` });
  }
  if (missing.size > 0) return refuseMissing(`the contract value estimate for ${what}`, [...missing.values()]);

  const job = ctx.job!;
  const number = cleanText(contract.number);
  // qbxml130.xsd EstimateAdd RefNumber: STRTYPE maxLength 11 (FIELD_LIMITS.estimateRefNumber). A longer Procore number
  // is cut, not refused: the memo still names the whole number.
  const refNumber = takeChars(number, FIELD_LIMITS.estimateRefNumber).trimEnd();
  const memo = primeContractMemo(contract);
  const preview = new PreviewBuilder()
    .add('Customer:Job', job.fullName, 'project')
    .add('Estimate no.', refNumber === '' ? undefined : countChars(number) > countChars(refNumber) ? `${refNumber} (cut from ${number})` : refNumber, 'number')
    .add('Memo', memo, 'number');
  const requestLines: EstimateLineAdd[] = lines.map((line, index) => {
    const item = refs[index]!;
    const desc = line.description === '' ? undefined : truncateText(line.description, FIELD_LIMITS.lineDesc);
    preview
      .add(`Line ${index + 1} item`, item.fullName, ctx.lineItem.mode === 'cost_code' ? 'line_items[].cost_code' : 'setting: one item per contract')
      .add(`Line ${index + 1} description`, desc, 'line_items[].description')
      .add(`Line ${index + 1} amount`, describeCents(line.cents), 'line_items[].amount');
    return { itemRef: { listId: item.listId }, ...(desc === undefined ? {} : { desc }), amount: formatCents(line.cents) };
  });
  preview.add('Contract value', describeCents(total.cents), 'grand_total');
  return succeed<EstimateAddRequest>(
    { type: 'EstimateAdd', customerRef: { listId: job.listId }, ...(refNumber === '' ? {} : { refNumber }), memo, lines: requestLines },
    preview.build(),
    { lineKeys: lines.map((l) => primeContractLineKey(l.id)) },
  );
}
