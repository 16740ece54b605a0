// The money of an owner invoice (a Procore payment application on a prime contract), in integer cents (issue 21).
// Per schedule-of-values line, as for subcontractor invoices (sum-requisition-items.ts): billed = work completed
// this period + materials presently stored. Retainage withheld this period = work + materials retainage retained
// this period; it is one negative line on the Retainage Receivable item of the invoice. Retainage released this
// period (work + materials) is billed on an invoice of its own (issue 21: "released retainage as its own invoice
// when Procore marks it released"), so the owner's payment of the release is matched to it alone.
import type { PaymentApplicationLineItem } from '@connector/procore';
import { capitalize } from './capitalize.ts';
import { cleanText } from './clean-text.ts';
import { describeCents } from './format-cents.ts';
import { refuse } from './make-result.ts';
import type { MappingFailure } from './mapping-types.ts';
import { readCents, sumCents } from './read-cents.ts';

export interface OwnerInvoiceLine {
  /** The Procore payment application line (for the preview and the line's link). */
  lineItemId: number;
  costCodeId: number | null;
  /** Billed this period: may be negative on one line (a correction) as long as the invoice is not. */
  cents: number;
  description: string;
}

export interface OwnerInvoiceSums {
  ok: true;
  /** Non-zero lines in Procore's order. */
  lines: OwnerInvoiceLine[];
  grossCents: number;
  /** Withheld this period: the invoice's negative Retainage Receivable line. */
  retainedCents: number;
  /** Released this period: billed on a separate invoice. */
  releasedCents: number;
  /** gross − retained: what this invoice asks the owner to pay now. */
  netCents: number;
}

export function sumOwnerInvoiceLines(items: readonly PaymentApplicationLineItem[], what: string): OwnerInvoiceSums | MappingFailure {
  const lines: OwnerInvoiceLine[] = [];
  const gross: number[] = [];
  const retained: number[] = [];
  const released: number[] = [];
  for (const [index, item] of items.entries()) {
    const description = cleanText(item.description_of_work);
    const label = `${description === '' ? `line ${index + 1}` : `line ${index + 1} "${description}"`} of ${what}`;
    // Empty G703 columns hold no money (Procore leaves untouched columns empty).
    const columns = [
      ['work completed this period', item.work_completed_this_period],
      ['materials presently stored', item.materials_presently_stored],
      ['work retainage retained this period', item.work_completed_retainage_retained_this_period],
      ['materials retainage retained this period', item.materials_stored_retainage_retained_this_period],
      ['work retainage released this period', item.work_completed_retainage_released_this_period],
      ['materials retainage released this period', item.materials_stored_retainage_released_this_period],
    ] as const;
    const cents: number[] = [];
    for (const [column, value] of columns) {
      const read = readCents(value, `The ${column} of ${label}`, 0);
      if (!read.ok) return read;
      cents.push(read.cents);
    }
    const [work, materials, workRetained, materialsRetained, workReleased, materialsReleased] = cents as [number, number, number, number, number, number];
    retained.push(workRetained, materialsRetained);
    released.push(workReleased, materialsReleased);
    const billed = sumCents([work, materials], capitalize(label));
    if (!billed.ok) return billed;
    gross.push(billed.cents);
    if (billed.cents === 0) continue;
    lines.push({ lineItemId: item.id, costCodeId: item.cost_code?.id ?? null, cents: billed.cents, description });
  }
  const grossCents = sumCents(gross, capitalize(what));
  if (!grossCents.ok) return grossCents;
  const retainedCents = sumCents(retained, `The retainage withheld on ${what}`);
  if (!retainedCents.ok) return retainedCents;
  const releasedCents = sumCents(released, `The retainage released by ${what}`);
  if (!releasedCents.ok) return releasedCents;
  if (retainedCents.cents < 0 || releasedCents.cents < 0) {
    const [column, cents] = retainedCents.cents < 0 ? ['withheld', retainedCents.cents] : ['released', releasedCents.cents];
    return refuse(
      'INVALID_AMOUNT',
      `${capitalize(what)} has ${describeCents(cents)} of retainage ${column} this period; retainage withheld or released cannot be negative. Correct the invoice in Procore and export again.`,
    );
  }
  return {
    ok: true,
    lines,
    grossCents: grossCents.cents,
    retainedCents: retainedCents.cents,
    releasedCents: releasedCents.cents,
    netCents: grossCents.cents - retainedCents.cents,
  };
}
