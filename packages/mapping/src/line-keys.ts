// Stable keys that tie a QuickBooks transaction line (TxnLineID) to the Procore line it carries, so a
// later Mod keeps existing lines and never appends the same Procore line twice (docs/data-safety.md#nothing-written-twice).

/** A purchase-order line made from a commitment line item (also what a requisition item bills against). */
export function commitmentLineKey(commitmentLineItemId: number): string {
  return `commitment-line:${commitmentLineItemId}`;
}

/** A line appended to the PO by a commitment change order: one per (cost code, commitment line). */
export function changeOrderLineKey(changeOrderId: number, costCodeId: number, commitmentLineItemId: number | null): string {
  return `change-order:${changeOrderId}:cost-code:${costCodeId}:line:${commitmentLineItemId ?? 'none'}`;
}

/** The parts of a changeOrderLineKey, or null for any other key (or a QuickBooks-only line). */
export function parseChangeOrderLineKey(key: string | null): { changeOrderId: number; costCodeId: number; commitmentLineItemId: number | null } | null {
  const match = key === null ? null : /^change-order:(\d+):cost-code:(\d+):line:(\d+|none)$/.exec(key);
  if (!match) return null;
  return { changeOrderId: Number(match[1]), costCodeId: Number(match[2]), commitmentLineItemId: match[3] === 'none' ? null : Number(match[3]) };
}

/** An estimate line: one per cost code of the budget. */
export function budgetLineKey(costCodeId: number): string {
  return `cost-code:${costCodeId}`;
}

/** The cost code id of a budgetLineKey, or null for any other key (or a QuickBooks-only line). */
export function costCodeOfBudgetLineKey(key: string | null): number | null {
  const match = key === null ? null : /^cost-code:(\d+)$/.exec(key);
  return match ? Number(match[1]) : null;
}
