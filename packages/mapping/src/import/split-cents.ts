// Splits an amount of integer cents pro rata over weights (amounts in cents), so the parts are whole cents
// and add up to the amount exactly: the largest remainder method (Hamilton). Used by Update Job Costs to
// spread a bill line received against a change order's PO line over that change order's line items, and
// a bill's retainage over the invoice's items.

/**
 * `totalCents × weight / Σweights` per weight, floored, then the cents left over go one each to the parts
 * with the largest remainders (ties: the earlier part). Deterministic; exact for any size of amount
 * (BigInt products). Weights may be negative (a change order that adds to one line and deducts from
 * another): every part then gets the same share of its weight — billing half of the PO line bills half of
 * each line item, a deduct line negatively. A weight of 0 gets 0. The weights must not sum to 0.
 */
export function splitCents(totalCents: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalCents) || weights.some((w) => !Number.isSafeInteger(w))) throw new RangeError('splitCents takes whole cents');
  let sum = 0n;
  for (const w of weights) sum += BigInt(w);
  if (sum === 0n) throw new RangeError('splitCents: the weights sum to 0');
  // total × w / sum with a positive divisor: flip both signs when the weights sum negative.
  const sign = sum < 0n ? -1n : 1n;
  const divisor = sum * sign;
  const total = BigInt(totalCents);
  const parts = weights.map((w, index) => {
    const numerator = total * BigInt(w) * sign;
    let floor = numerator / divisor;
    if (numerator % divisor !== 0n && numerator < 0n) floor -= 1n; // BigInt division truncates toward 0
    return { index, floor, remainder: numerator - floor * divisor };
  });
  let leftover = total;
  for (const p of parts) leftover -= p.floor;
  // 0 ≤ leftover < number of parts with a remainder: those with the largest remainders get a cent each.
  const order = [...parts].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (let i = 0; i < Number(leftover); i++) order[i]!.floor += 1n;
  return parts.map((p) => Number(p.floor));
}
