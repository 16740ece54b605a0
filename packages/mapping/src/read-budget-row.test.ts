import { describe, expect, it } from 'vitest';
import { readBudgetRow } from './read-budget-row.ts';

describe('readBudgetRow', () => {
  it('reads a budget view detail row: original budget and modifications', () => {
    expect(readBudgetRow({ id: 1, cost_code_id: 301, cost_code: 'Concrete', original_budget_amount: '1000.00', budget_modifications: '250.00' })).toEqual({
      costCodeId: 301,
      costCodeLabel: 'Concrete',
      amounts: [
        { value: '1000.00', column: 'original_budget_amount' },
        { value: '250.00', column: 'budget_modifications' },
      ],
    });
  });

  it('reads a budget line item: cost code object, original budget only', () => {
    expect(readBudgetRow({ id: 1, cost_code: { id: 301, full_code: '03-300', code: '300', name: 'Concrete' }, original_budget_amount: 1000 })).toEqual({
      costCodeId: 301,
      costCodeLabel: '03-300',
      amounts: [{ value: 1000, column: 'original_budget_amount' }],
    });
    expect(readBudgetRow({ id: 1, cost_code: { id: 301, name: 'Concrete' }, original_budget_amount: '5' }).costCodeLabel).toBe('Concrete');
    expect(readBudgetRow({ id: 1, cost_code: { id: 301 }, original_budget_amount: '5' }).costCodeLabel).toBeNull();
  });

  it('has no cost code when the row has none', () => {
    expect(readBudgetRow({ id: 1, original_budget_amount: '5' }).costCodeId).toBeNull();
    expect(readBudgetRow({ id: 1, cost_code: null, original_budget_amount: '5' }).costCodeId).toBeNull();
  });
});
