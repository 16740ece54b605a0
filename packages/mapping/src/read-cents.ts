// Procore money → integer cents, with a refusal people can act on instead of a thrown TypeError.
import { parseMoney } from '@connector/procore';
import { describeCents, fitsAmount, MAX_AMOUNT_CENTS } from './format-cents.ts';
import { refuse } from './make-result.ts';
import type { MappingFailure } from './mapping-types.ts';

export type CentsResult = { ok: true; cents: number } | MappingFailure;

/**
 * Reads a Procore decimal ("1250.00", 3, "-12.5") as cents via parseMoney (more than two decimals
 * round half away from zero: "10.005" → 1001). `missing` says what null/undefined/"" mean: a number of
 * cents (0 for optional columns such as "materials stored this period") or 'refuse' when the amount is
 * required — a missing amount is the caller's decision, never silently zero (parse-money.ts).
 */
export function readCents(value: string | number | null | undefined, what: string, missing: number | 'refuse'): CentsResult {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    if (missing === 'refuse') return refuse('INCOMPLETE_RECORD', `${what} has no amount in Procore; enter the amount in Procore and export again.`);
    return { ok: true, cents: missing };
  }
  let cents: number;
  try {
    cents = parseMoney(value);
  } catch {
    return refuse('INVALID_AMOUNT', `${what} has the amount "${String(value)}", which is not a plain decimal number; correct it in Procore and export again.`);
  }
  if (!fitsAmount(cents)) {
    return refuse('INVALID_AMOUNT', `${what} is ${describeCents(cents)}; QuickBooks amounts are limited to ${describeCents(MAX_AMOUNT_CENTS)}.`);
  }
  return { ok: true, cents };
}

/** Adds cents and checks the total still fits QuickBooks' AMTTYPE. */
export function sumCents(values: readonly number[], what: string): CentsResult {
  let total = 0;
  for (const v of values) total += v;
  if (!fitsAmount(total)) {
    return refuse('INVALID_AMOUNT', `${what} adds up to ${describeCents(total)}; QuickBooks amounts are limited to ${describeCents(MAX_AMOUNT_CENTS)}.`);
  }
  return { ok: true, cents: total };
}
