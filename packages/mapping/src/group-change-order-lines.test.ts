import { describe, expect, it } from 'vitest';
import type { CommitmentChangeOrder } from '@connector/procore';
import { groupChangeOrderLines } from './group-change-order-lines.ts';

const WHAT = 'commitment change order #3 (Procore change order 90)';
const co = (line_items: NonNullable<CommitmentChangeOrder['line_items']> | null): CommitmentChangeOrder => ({
  id: 90,
  number: '3',
  status: 'approved',
  contract_id: 40,
  line_items,
});

describe('groupChangeOrderLines', () => {
  it('sums repeated edits of one commitment line into one amount', () => {
    const r = groupChangeOrderLines(
      co([
        { id: 1, amount: '1000.00', cost_code_id: 301, commitment_line_item_id: 501, description: 'Footings' } as never,
        { id: 2, amount: '-200.00', cost_code_id: 301, commitment_line_item_id: 501, description: 'Footings' } as never,
        { id: 3, amount: '0.10', cost_code_id: 301, commitment_line_item_id: 501, description: 'Rounding' } as never,
      ]),
      WHAT,
    );
    expect(r).toEqual({
      ok: true,
      zeroGroups: 0,
      groups: [
        {
          key: 'change-order:90:cost-code:301:line:501',
          costCodeId: 301,
          costCode: null,
          commitmentLineItemId: 501,
          cents: 80010,
          descriptions: ['Footings', 'Rounding'],
        },
      ],
    });
  });

  it('keeps one group per (cost code, commitment line)', () => {
    const r = groupChangeOrderLines(
      co([
        { id: 1, amount: '100', cost_code_id: 301, commitment_line_item_id: 501 } as never,
        { id: 2, amount: '200', cost_code_id: 301, commitment_line_item_id: 502 } as never,
        { id: 3, amount: '300', cost_code_id: 302, commitment_line_item_id: 501 } as never,
        { id: 4, amount: '400', cost_code: { id: 301 } },
        { id: 5, amount: '500', cost_code_id: 301 },
      ]),
      WHAT,
    );
    expect(r.ok && r.groups.map((g) => [g.key, g.cents])).toEqual([
      ['change-order:90:cost-code:301:line:501', 10000],
      ['change-order:90:cost-code:301:line:502', 20000],
      ['change-order:90:cost-code:302:line:501', 30000],
      ['change-order:90:cost-code:301:line:none', 90000],
    ]);
  });

  it('drops groups that add up to zero and counts them', () => {
    const r = groupChangeOrderLines(
      co([
        { id: 1, amount: '100.00', cost_code_id: 301 },
        { id: 2, amount: '-100.00', cost_code_id: 301 },
        { id: 3, amount: '0', cost_code_id: 302 },
      ]),
      WHAT,
    );
    expect(r).toEqual({ ok: true, groups: [], zeroGroups: 2 });
  });

  it('handles a change order without lines', () => {
    expect(groupChangeOrderLines(co(null), WHAT)).toEqual({ ok: true, groups: [], zeroGroups: 0 });
    expect(groupChangeOrderLines(co([]), WHAT)).toEqual({ ok: true, groups: [], zeroGroups: 0 });
  });

  it('skips an empty line without a cost code and refuses one with money', () => {
    expect(groupChangeOrderLines(co([{ id: 1, amount: '0.00' }]), WHAT)).toEqual({ ok: true, groups: [], zeroGroups: 0 });
    const r = groupChangeOrderLines(co([{ id: 1, amount: '10.00', description: 'Extra' }]), WHAT);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('INCOMPLETE_RECORD');
      expect(r.refusal.message).toBe(
        `Line 1 "Extra" of ${WHAT} changes the contract by 10.00 but has no cost code, so it has no QuickBooks item; assign a cost code in Procore and export again.`,
      );
    }
  });

  it('refuses missing or unreadable amounts', () => {
    const missing = groupChangeOrderLines(co([{ id: 1, amount: null as unknown as string, cost_code_id: 301 }]), WHAT);
    expect(!missing.ok && missing.refusal.code).toBe('INCOMPLETE_RECORD');
    const bad = groupChangeOrderLines(co([{ id: 1, amount: 'ten', cost_code_id: 301 }]), WHAT);
    expect(!bad.ok && bad.refusal.code).toBe('INVALID_AMOUNT');
  });
});
