// Money in Procore answers is a decimal string with 2 decimals ("1250.00"; API-CONTRACT.md
// "Conventions"), some endpoints answer a JSON number. We keep Procore's value untouched on the typed
// records and convert at the edge with parseMoney(): integer cents, parsed from the decimal text (never
// through floating-point multiplication, where 1.005 * 100 = 100.49999…). formatMoney() is the inverse for
// request bodies (Procore accepts a number or a string).

/**
 * Integer cents from a Procore money value: "1250.00" → 125000, "-12.5" → -1250, 3 → 300.
 * More than two decimals round half away from zero ("0.005" → 1). Throws a TypeError on anything that
 * is not a plain decimal (null, "", "1,250.00", "1e3", NaN) — a missing amount is the caller's decision,
 * not zero.
 */
export function parseMoney(value: string | number): number {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a money amount: ${String(value)}`);
    // String(n) is the shortest text that round-trips, so 1.005 stays "1.005".
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    throw new TypeError(`not a money amount: ${String(value)}`);
  }
  const match = /^([+-])?(\d+)?(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === undefined && !match[3])) throw new TypeError(`not a money amount: "${text}"`);
  const negative = match[1] === '-';
  const whole = match[2] ?? '0';
  const fraction = match[3] ?? '';
  let cents = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  const third = fraction.charAt(2);
  if (third !== '' && third >= '5') cents += 1n;
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`money amount too large: "${text}"`);
  const result = Number(cents);
  return negative && result !== 0 ? -result : result;
}

/** Procore's decimal text for integer cents: 125000 → "1250.00", -5 → "-0.05". */
export function formatMoney(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new TypeError(`cents must be a safe integer, got ${String(cents)}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
