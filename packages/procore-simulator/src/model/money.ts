// Procore answers money as strings with two decimals ("1250.00") and accepts numbers or strings in requests
// (API-CONTRACT.md "Conventions"). Internally amounts are numbers of dollars, always rounded to the cent;
// arithmetic goes through integer cents so sums and retainage never drift.

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

export function roundMoney(amount: number): number {
  return fromCents(toCents(amount));
}

export function sumMoney(amounts: Iterable<number>): number {
  let cents = 0;
  for (const a of amounts) cents += toCents(a);
  return fromCents(cents);
}

/** `percent` % of `amount`, rounded half away from zero to the cent. */
export function percentOf(amount: number, percent: number): number {
  const raw = (toCents(amount) * percent) / 100;
  return fromCents(Math.sign(raw) * Math.round(Math.abs(raw)));
}

export function formatMoney(amount: number): string {
  const cents = toCents(amount);
  const text = (Math.abs(cents) / 100).toFixed(2);
  return cents < 0 ? `-${text}` : text;
}

/** A request money value: number or numeric string. `undefined` when absent, `null` when not a number. */
export function parseMoney(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? roundMoney(value) : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return roundMoney(Number(value));
  return null;
}
