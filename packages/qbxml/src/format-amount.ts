import { invalidValue } from './check-text.ts';

/** Money as the caller holds it: a number or a decimal string ("1250.5", "-300"). */
export type AmountInput = number | string;

// qbxmltypes130.xsd AMTTYPE: ([+\-]?[0-9]{1,13}(\.[0-9]{2})?)?
const MAX_INTEGER_DIGITS = 13;
const DECIMAL_STRING = /^([+-])?(\d*)(?:\.(\d*))?$/;

/**
 * Formats an amount for AMTTYPE: exactly two decimals, negative allowed
 * (retainage lines are negative). Values that need more than two decimals are
 * rejected rather than rounded: silently moving a cent is worse than failing.
 */
export function formatAmount(value: AmountInput, field: string, label: string): string {
  if (typeof value === 'number') return formatAmountNumber(value, field, label);
  if (typeof value !== 'string') throw invalidValue(`${label} must be a number or a decimal string.`, field, value);
  const match = DECIMAL_STRING.exec(value.trim());
  const sign = match?.[1];
  const integerDigits = match?.[2] ?? '';
  const fractionDigits = match?.[3] ?? '';
  if (!match || (integerDigits === '' && fractionDigits === '')) {
    throw invalidValue(`${label} "${value}" is not an amount; use digits with an optional "." and two decimals, like 1250.00.`, field, value);
  }
  if (/[1-9]/.test(fractionDigits.slice(2))) {
    throw invalidValue(`${label} "${value}" has more than 2 decimal places; QuickBooks amounts are in whole cents.`, field, value);
  }
  const integerPart = integerDigits.replace(/^0+(?=\d)/, '') || '0';
  if (integerPart.length > MAX_INTEGER_DIGITS) {
    throw invalidValue(`${label} "${value}" is too large for QuickBooks (at most ${MAX_INTEGER_DIGITS} digits before the decimal point).`, field, value);
  }
  const cents = fractionDigits.slice(0, 2).padEnd(2, '0');
  const isZero = /^0+$/.test(integerPart) && cents === '00';
  return `${sign === '-' && !isZero ? '-' : ''}${integerPart}.${cents}`;
}

function formatAmountNumber(value: number, field: string, label: string): string {
  if (!Number.isFinite(value)) throw invalidValue(`${label} must be a finite number.`, field, value);
  if (Math.abs(value) >= 10 ** MAX_INTEGER_DIGITS) {
    throw invalidValue(`${label} ${value} is too large for QuickBooks (at most ${MAX_INTEGER_DIGITS} digits before the decimal point).`, field, value);
  }
  const fixed = value.toFixed(2);
  // Accept binary noise such as 0.1 + 0.2, reject genuine sub-cent values such as 10.005.
  const tolerance = Math.max(1e-7, Math.abs(value) * Number.EPSILON * 8);
  if (Math.abs(Number(fixed) - value) > tolerance) {
    throw invalidValue(`${label} ${value} has more than 2 decimal places; QuickBooks amounts are in whole cents.`, field, value);
  }
  return fixed === '-0.00' ? '0.00' : fixed;
}
