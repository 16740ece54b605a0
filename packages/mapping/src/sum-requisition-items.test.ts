import { describe, expect, it } from 'vitest';
import { sumRequisitionItems } from './sum-requisition-items.ts';

const WHAT = 'subcontractor invoice INV-88 (Procore requisition 70)';

describe('sumRequisitionItems', () => {
  it('bills work completed this period + materials stored, per (cost code, commitment line)', () => {
    const r = sumRequisitionItems(
      [
        {
          id: 1,
          cost_code_id: 301,
          line_item_id: 501,
          description_of_work: 'Footings',
          work_completed_this_period: '1000.00',
          materials_presently_stored: '250.50',
        },
        { id: 2, cost_code_id: 302, line_item_id: 502, work_completed_this_period: '0.10', materials_presently_stored: '0.20' },
        { id: 3, cost_code_id: 301, line_item_id: 501, description_of_work: 'Walls', work_completed_this_period: '99.50' },
      ],
      WHAT,
    );
    expect(r).toEqual({
      ok: true,
      lines: [
        { costCodeId: 301, commitmentLineItemId: 501, cents: 135000, descriptions: ['Footings', 'Walls'] },
        { costCodeId: 302, commitmentLineItemId: 502, cents: 30, descriptions: [] },
      ],
      grossCents: 135030,
      retainedCents: 0,
      releasedCents: 0,
      retainageCents: 0,
      netCents: 135030,
    });
  });

  it("pairs only contract items with a commitment line: a change order item's line_item_id is its change order line item", () => {
    const r = sumRequisitionItems(
      [
        { id: 1, cost_code_id: 301, line_item_id: 501, item_type: 'contract_item', work_completed_this_period: '100.00' },
        { id: 2, cost_code_id: 301, line_item_id: 501, item_type: 'change_order_item', work_completed_this_period: '40.00' },
        { id: 3, cost_code_id: 302, line_item_id: 777, item_type: 'change_order_item', work_completed_this_period: '10.00' },
      ],
      WHAT,
    );
    expect(r.ok && r.lines).toEqual([
      { costCodeId: 301, commitmentLineItemId: 501, cents: 10000, descriptions: [] },
      { costCodeId: 301, commitmentLineItemId: null, cents: 4000, descriptions: [] },
      { costCodeId: 302, commitmentLineItemId: null, cents: 1000, descriptions: [] },
    ]);
  });

  it('holds retainage retained this period (work + materials) minus released', () => {
    const r = sumRequisitionItems(
      [
        {
          id: 1,
          cost_code_id: 301,
          line_item_id: 501,
          work_completed_this_period: '1000.00',
          work_completed_retainage_retained_this_period: '100.00',
          materials_stored_retainage_currently_retained: '25.00',
          work_completed_retainage_released_this_period: '40.00',
        },
        { id: 2, cost_code_id: 302, line_item_id: 502, work_completed_this_period: '500.00', work_completed_retainage_retained_this_period: '50.005' },
      ],
      WHAT,
    );
    expect(r.ok && { ...r, lines: undefined }).toEqual({
      ok: true,
      lines: undefined,
      grossCents: 150000,
      retainedCents: 17501,
      releasedCents: 4000,
      retainageCents: 13501,
      netCents: 136499,
    });
  });

  it('can release more retainage than it holds (negative retainage)', () => {
    const r = sumRequisitionItems([{ id: 1, cost_code_id: 301, work_completed_retainage_released_this_period: '500.00' }], WHAT);
    expect(r.ok && [r.lines.length, r.retainageCents, r.netCents]).toEqual([0, -50000, 50000]);
  });

  it('drops lines billing nothing, including ones without a cost code, and counts zero columns as zero', () => {
    const r = sumRequisitionItems(
      [
        { id: 1, cost_code_id: 301, work_completed_this_period: '100.00', materials_presently_stored: '-100.00' },
        { id: 2, work_completed_this_period: null, work_completed_retainage_retained_this_period: '5.00' },
        { id: 3, cost_code_id: 302 },
      ],
      WHAT,
    );
    expect(r.ok && [r.lines, r.grossCents, r.retainageCents]).toEqual([[], 0, 500]);
  });

  it('refuses a billed line without a cost code', () => {
    const r = sumRequisitionItems([{ id: 1, description_of_work: 'Extras', work_completed_this_period: '10.00' }], WHAT);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('INCOMPLETE_RECORD');
      expect(r.refusal.message).toBe(
        `Line 1 "Extras" of ${WHAT} bills 10.00 but has no cost code, so it has no QuickBooks item; assign a cost code in Procore and export again.`,
      );
    }
  });

  it.each([
    ['work_completed_this_period', 'work completed this period'],
    ['materials_presently_stored', 'materials stored'],
    ['work_completed_retainage_retained_this_period', 'work retainage retained this period'],
    ['materials_stored_retainage_currently_retained', 'materials retainage retained'],
    ['work_completed_retainage_released_this_period', 'retainage released this period'],
  ])('refuses an unreadable %s', (column, label) => {
    const r = sumRequisitionItems([{ id: 1, cost_code_id: 301, [column]: '1.2.3' }], WHAT);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.code).toBe('INVALID_AMOUNT');
      expect(r.refusal.message).toContain(`The ${label} of line 1 of ${WHAT}`);
    }
  });

  it('is empty for an invoice without items', () => {
    expect(sumRequisitionItems([], WHAT)).toEqual({ ok: true, lines: [], grossCents: 0, retainedCents: 0, releasedCents: 0, retainageCents: 0, netCents: 0 });
  });
});
