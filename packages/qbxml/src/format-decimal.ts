import { invalidValue } from './check-text.ts';

/** Quantities, rates, costs and percentages: a number or a decimal string. */
export type DecimalInput = number | string;

// qbxmltypes130.xsd QUANTYPE / PRICETYPE / PERCENTTYPE: [+\-]?[0-9]{1,10}(\.[0-9]{1,5})?
const MAX_INTEGER_DIGITS = 10;
const MAX_FRACTION_DIGITS = 5;
const DECIMAL_PATTERN = /^[+-]?\d{1,10}(\.\d{1,5})?$/;

/**
 * Formats a QUANTYPE/PRICETYPE/PERCENTTYPE value. Strings are sent as given
 * (after checking the XSD pattern); numbers get the shortest decimal form.
 */
export function formatDecimal(value: DecimalInput, field: string, label: string): string {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!DECIMAL_PATTERN.test(trimmed)) {
      throw invalidValue(
        `${label} "${value}" is not a valid QuickBooks number (up to ${MAX_INTEGER_DIGITS} digits, optionally "." and up to ${MAX_FRACTION_DIGITS} decimals).`,
        field,
        value,
      );
    }
    return trimmed;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidValue(`${label} must be a finite number or a decimal string.`, field, value);
  }
  if (Math.abs(value) >= 10 ** MAX_INTEGER_DIGITS) {
    throw invalidValue(`${label} ${value} is too large for QuickBooks (at most ${MAX_INTEGER_DIGITS} digits before the decimal point).`, field, value);
  }
  const fixed = value.toFixed(MAX_FRACTION_DIGITS);
  const tolerance = Math.max(1e-10, Math.abs(value) * Number.EPSILON * 8);
  if (Math.abs(Number(fixed) - value) > tolerance) {
    throw invalidValue(`${label} ${value} has more than ${MAX_FRACTION_DIGITS} decimal places, which QuickBooks cannot store.`, field, value);
  }
  const trimmed = fixed.replace(/\.?0+$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
