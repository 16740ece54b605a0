// Budget rows come in two Procore shapes: budget view detail rows (cost_code_id + the name as text,
// original budget and budget modifications) and budget line items (cost_code as an object, original
// budget only). Both are read here into one shape.
import type { BudgetDetailRow, BudgetLineItem } from '@connector/procore';

export type BudgetRow = BudgetDetailRow | BudgetLineItem;

export interface BudgetRowAmounts {
  costCodeId: number | null;
  /** "03-300" or the cost code name, for messages. */
  costCodeLabel: string | null;
  /** Decimal texts (or numbers) to add up: original budget and, for detail rows, modifications. */
  amounts: Array<{ value: string | number | null | undefined; column: string }>;
}

export function readBudgetRow(row: BudgetRow): BudgetRowAmounts {
  if (isLineItem(row)) {
    const ref = row.cost_code ?? null;
    return {
      costCodeId: ref?.id ?? null,
      costCodeLabel: ref ? (ref.full_code ?? ref.code ?? ref.name ?? null) : null,
      amounts: [{ value: row.original_budget_amount, column: 'original_budget_amount' }],
    };
  }
  return {
    costCodeId: row.cost_code_id ?? null,
    costCodeLabel: row.cost_code ?? null,
    amounts: [
      { value: row.original_budget_amount, column: 'original_budget_amount' },
      { value: row.budget_modifications, column: 'budget_modifications' },
    ],
  };
}

function isLineItem(row: BudgetRow): row is BudgetLineItem {
  const costCode = (row as { cost_code?: unknown }).cost_code;
  return costCode !== null && typeof costCode === 'object';
}
