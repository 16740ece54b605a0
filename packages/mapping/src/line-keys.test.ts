import { describe, expect, it } from 'vitest';
import { budgetLineKey, changeOrderLineKey, commitmentLineKey, costCodeOfBudgetLineKey, parseChangeOrderLineKey } from './line-keys.ts';

describe('line keys', () => {
  it('are stable strings per Procore line', () => {
    expect(commitmentLineKey(501)).toBe('commitment-line:501');
    expect(changeOrderLineKey(90, 301, 501)).toBe('change-order:90:cost-code:301:line:501');
    expect(changeOrderLineKey(90, 301, null)).toBe('change-order:90:cost-code:301:line:none');
    expect(budgetLineKey(301)).toBe('cost-code:301');
  });

  it('reads the cost code back from a budget line key only', () => {
    expect(costCodeOfBudgetLineKey('cost-code:301')).toBe(301);
    expect(costCodeOfBudgetLineKey(null)).toBeNull();
    expect(costCodeOfBudgetLineKey('commitment-line:301')).toBeNull();
    expect(costCodeOfBudgetLineKey('cost-code:')).toBeNull();
    expect(costCodeOfBudgetLineKey('cost-code:3x')).toBeNull();
  });

  it('reads a change order line key back (line:none is new scope), and nothing else', () => {
    expect(parseChangeOrderLineKey(changeOrderLineKey(90, 301, 501))).toEqual({ changeOrderId: 90, costCodeId: 301, commitmentLineItemId: 501 });
    expect(parseChangeOrderLineKey(changeOrderLineKey(90, 301, null))).toEqual({ changeOrderId: 90, costCodeId: 301, commitmentLineItemId: null });
    expect(parseChangeOrderLineKey(null)).toBeNull();
    expect(parseChangeOrderLineKey('commitment-line:501')).toBeNull();
    expect(parseChangeOrderLineKey('change-order:90:cost-code:301')).toBeNull();
    expect(parseChangeOrderLineKey('change-order:90:cost-code:301:line:x')).toBeNull();
  });
});
