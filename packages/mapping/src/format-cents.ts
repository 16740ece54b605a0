// Money leaves this package as qbXML AMTTYPE text built from integer cents: no floating point on the way
// (qbxmltypes130.xsd AMTTYPE: [+-]?[0-9]{1,13}(\.[0-9]{2})?).

/** Largest absolute amount AMTTYPE can carry: 13 digits before the decimal point. */
export const MAX_AMOUNT_CENTS = 10 ** 15 - 1;

/** 125000 → "1250.00", -5 → "-0.05", 0 → "0.00": an AmountInput for @connector/qbxml. */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new TypeError(`cents must be a whole number, got ${String(cents)}`);
  const abs = Math.abs(cents);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${text}` : text;
}

/** For sentences people read: 125000 → "1,250.00", -5 → "-0.05". */
export function describeCents(cents: number): string {
  const [whole, fraction] = formatCents(Math.abs(cents)).split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${cents < 0 ? '-' : ''}${grouped}.${fraction}`;
}

/** True when the amount fits AMTTYPE. */
export function fitsAmount(cents: number): boolean {
  return Number.isSafeInteger(cents) && Math.abs(cents) <= MAX_AMOUNT_CENTS;
}
