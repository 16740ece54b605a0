import { describe, expect, it } from 'vitest';
import { describeBudget, sumBudgetRows } from './sum-budget-rows.ts';

const WHAT = describeBudget(7, 'MOB Expansion');

describe('sumBudgetRows', () => {
  it('adds the rows of one cost code in cents, in first-appearance order', () => {
    const r = sumBudgetRows(
      [
        { cost_code_id: 302, cost_code: 'Rebar', original_budget_amount: '100.10', budget_modifications: '0.20' },
        { cost_code_id: 301, cost_code: 'Concrete', original_budget_amount: '1000.00', budget_modifications: null },
        { id: 9, cost_code: { id: 302, full_code: '03-200' }, original_budget_amount: '0.005' },
      ],
      WHAT,
    );
    expect(r).toEqual({
      ok: true,
      lines: [
        { costCodeId: 302, label: 'cost code Rebar', cents: 10031 },
        { costCodeId: 301, label: 'cost code Concrete', cents: 100000 },
      ],
      totalCents: 110031,
    });
  });

  it('keeps zero and negative cost codes (the mapper decides what to send)', () => {
    const r = sumBudgetRows(
      [
        { cost_code_id: 301, original_budget_amount: '100.00', budget_modifications: '-100.00' },
        { cost_code_id: 302, original_budget_amount: '-50.00' },
      ],
      WHAT,
    );
    expect(r.ok && r.lines.map((l) => l.cents)).toEqual([0, -5000]);
  });

  it('skips an empty row without a cost code and refuses one holding money', () => {
    expect(sumBudgetRows([{ original_budget_amount: '0.00' }, { cost_code_id: 301, original_budget_amount: '1' }], WHAT).ok).toBe(true);
    const r = sumBudgetRows([{ cost_code_id: 301, original_budget_amount: '1' }, { original_budget_amount: '10.00' }], WHAT);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('INCOMPLETE_RECORD');
      expect(r.refusal.message).toBe(
        `Row 2 of ${WHAT} holds 10.00 but has no cost code, so it has no QuickBooks item; assign a cost code in Procore and export again.`,
      );
    }
  });

  it('refuses an unreadable amount naming the column and the cost code', () => {
    const r = sumBudgetRows([{ cost_code_id: 301, cost_code: 'Concrete', original_budget_amount: '1,000.00' }], WHAT);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('INVALID_AMOUNT');
      expect(r.refusal.message).toContain('The original budget amount of cost code Concrete in the budget of project "MOB Expansion"');
    }
  });

  it('refuses totals beyond QuickBooks amounts', () => {
    const big = '9999999999999.99';
    expect(sumBudgetRows([{ cost_code_id: 1, original_budget_amount: big, budget_modifications: '0.01' }], WHAT).ok).toBe(false);
    expect(
      sumBudgetRows(
        [
          { cost_code_id: 1, original_budget_amount: big },
          { cost_code_id: 1, original_budget_amount: '0.01' },
        ],
        WHAT,
      ).ok,
    ).toBe(false);
    expect(
      sumBudgetRows(
        [
          { cost_code_id: 1, original_budget_amount: big },
          { cost_code_id: 2, original_budget_amount: '0.01' },
        ],
        WHAT,
      ).ok,
    ).toBe(false);
  });

  it('names budgets with or without the project name', () => {
    expect(describeBudget(7, '')).toBe('the budget of Procore project 7');
    expect(WHAT).toBe('the budget of project "MOB Expansion" (Procore project 7)');
  });
});
