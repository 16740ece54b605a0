// Money in sentences people read (reconciliation, attribution messages): "$12,500.00", and signed
// differences with a true minus sign, "−$500.00" / "+$500.00" (U+2212, so it does not read as a dash).
import { describeCents } from '../format-cents.ts';

/** 1250000 → "$12,500.00"; -50000 → "−$500.00". */
export function formatDollars(cents: number): string {
  return `${cents < 0 ? '\u2212' : ''}$${describeCents(Math.abs(cents))}`;
}

/** A difference: -50000 → "−$500.00", 50000 → "+$500.00", 0 → "$0.00". */
export function formatDollarDifference(cents: number): string {
  return cents > 0 ? `+${formatDollars(cents)}` : formatDollars(cents);
}
