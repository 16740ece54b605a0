// One estimate line per cost code: the budget rows of one cost code (categories, line item types) are
// added up, in integer cents, in the order the cost codes first appear.
import { capitalize } from './capitalize.ts';
import { describeCents } from './format-cents.ts';
import { refuse } from './make-result.ts';
import type { MappingFailure } from './mapping-types.ts';
import { readBudgetRow, type BudgetRow } from './read-budget-row.ts';
import { readCents, sumCents } from './read-cents.ts';

export interface BudgetLine {
  costCodeId: number;
  /** "cost code 03-300" for messages and the preview. */
  label: string;
  cents: number;
}

export type BudgetSum = { ok: true; lines: BudgetLine[]; totalCents: number } | MappingFailure;

/**
 * `what` names the budget in messages. Empty budget columns count as 0.00 (a budget view shows them so);
 * a row without a cost code is skipped when it holds nothing and refused when it holds money.
 */
export function sumBudgetRows(rows: readonly BudgetRow[], what: string): BudgetSum {
  const byCostCode = new Map<number, BudgetLine>();
  for (const [index, row] of rows.entries()) {
    const read = readBudgetRow(row);
    const rowLabel = read.costCodeLabel
      ? `cost code ${read.costCodeLabel}`
      : read.costCodeId !== null
        ? `Procore cost code ${read.costCodeId}`
        : `row ${index + 1}`;
    const parts: number[] = [];
    for (const { value, column } of read.amounts) {
      const cents = readCents(value, `The ${column.replace(/_/g, ' ')} of ${rowLabel} in ${what}`, 0);
      if (!cents.ok) return cents;
      parts.push(cents.cents);
    }
    const rowTotal = sumCents(parts, `${capitalize(rowLabel)} in ${what}`);
    if (!rowTotal.ok) return rowTotal;
    if (read.costCodeId === null) {
      if (rowTotal.cents === 0) continue;
      return refuse(
        'INCOMPLETE_RECORD',
        `Row ${index + 1} of ${what} holds ${describeCents(rowTotal.cents)} but has no cost code, so it has no QuickBooks item; assign a cost code in Procore and export again.`,
      );
    }
    const line = byCostCode.get(read.costCodeId);
    if (line) {
      const total = sumCents([line.cents, rowTotal.cents], `${capitalize(line.label)} in ${what}`);
      if (!total.ok) return total;
      line.cents = total.cents;
    } else {
      byCostCode.set(read.costCodeId, { costCodeId: read.costCodeId, label: rowLabel, cents: rowTotal.cents });
    }
  }
  const lines = [...byCostCode.values()];
  const total = sumCents(
    lines.map((l) => l.cents),
    capitalize(what),
  );
  if (!total.ok) return total;
  return { ok: true, lines, totalCents: total.cents };
}

/** How budgets are named in messages. */
export function describeBudget(projectId: number, projectName: string): string {
  return projectName === '' ? `the budget of Procore project ${projectId}` : `the budget of project "${projectName}" (Procore project ${projectId})`;
}
