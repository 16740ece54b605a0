import { describe, expect, it } from 'vitest';
import { percentOf, sumMoney } from '../model/money.ts';
import { summarizeRequisition } from '../model/summarize-requisition.ts';
import type { CompanyData } from '../model/records.ts';
import { generateProcoreCompany } from './generate-procore-company.ts';

function main(seed = 42): CompanyData {
  const c = generateProcoreCompany({ seed }).companies[0];
  if (!c) throw new Error('no company');
  return c;
}

describe('generateProcoreCompany', () => {
  it('is deterministic: same seed → same data; another seed → different data', () => {
    expect(generateProcoreCompany({ seed: 42 })).toEqual(generateProcoreCompany({ seed: 42 }));
    expect(JSON.stringify(generateProcoreCompany({ seed: 43 }))).not.toBe(JSON.stringify(generateProcoreCompany({ seed: 42 })));
  });

  it('builds a general contractor with CSI cost codes, projects, vendors and a second company the user is not in', () => {
    const g = generateProcoreCompany({ seed: 42 });
    const c = g.companies[0] as CompanyData;
    expect(c.userIsMember).toBe(true);
    expect(g.companies[1]?.userIsMember).toBe(false);
    expect(g.companies[1]?.company.id).not.toBe(c.company.id);
    expect(c.projects).toHaveLength(4);
    expect(c.vendors).toHaveLength(25);
    const leaves = c.standardCostCodes.filter((s) => s.parent_id !== null);
    expect(leaves).toHaveLength(40);
    expect(leaves.map((s) => `${s.full_code} ${s.name}`)).toContain('03-300 Cast-in-Place Concrete');
    for (const leaf of leaves) {
      const parent = c.standardCostCodes.find((s) => s.id === leaf.parent_id);
      expect(leaf.full_code).toBe(`${parent?.code}-${leaf.code}`);
    }
    for (const p of c.projects) {
      expect(p.project_number).toMatch(/^\d{4}-\d{3}$/);
      expect(p.address).toMatch(/^\d+ /);
      expect(c.costCodes.filter((cc) => cc.project_id === p.id)).toHaveLength(c.standardCostCodes.length);
      expect(c.budgetLineItems.filter((b) => b.project_id === p.id).length).toBeGreaterThan(0);
    }
    expect(new Set(c.vendors.map((v) => v.name)).size).toBe(25);
    expect(c.commitments.some((x) => x.type === 'WorkOrderContract')).toBe(true);
    expect(c.commitments.some((x) => x.type === 'PurchaseOrderContract')).toBe(true);
    for (const x of c.commitments) expect(c.commitmentLineItems.filter((l) => l.commitment_id === x.id).length).toBeGreaterThan(0);
    expect(new Set(c.changeOrders.map((co) => co.status))).toEqual(new Set(['approved', 'pending']));
    expect(new Set(c.requisitions.map((r) => r.status))).toEqual(new Set(['approved', 'draft', 'under_review']));
    expect(c.contractPayments.length).toBeGreaterThan(0);
    expect(c.directCosts.length).toBe(16);
  });

  it('has change orders that edit the same commitment line twice', () => {
    const c = main();
    const editsPerLine = new Map<number, number>();
    for (const co of c.changeOrders)
      for (const li of co.line_items)
        if (li.commitment_line_item_id !== null) editsPerLine.set(li.commitment_line_item_id, (editsPerLine.get(li.commitment_line_item_id) ?? 0) + 1);
    expect([...editsPerLine.values()].some((n) => n >= 2)).toBe(true);
    expect(c.changeOrders.some((co) => co.line_items.some((l) => l.amount < 0))).toBe(true);
  });

  it('requisitions: retainage = 10% of work this period per line, carried forward; payments equal the amount due', () => {
    for (const seed of [1, 42, 99]) {
      const c = main(seed);
      for (const r of c.requisitions) {
        const commitment = c.commitments.find((x) => x.id === r.commitment_id);
        expect(commitment?.type).toBe('WorkOrderContract');
        expect(r.retainage_percent).toBe(10);
        const earlier = c.requisitions.filter((p) => p.commitment_id === r.commitment_id && p.number < r.number);
        for (const item of r.items) {
          expect(item.work_completed_retainage_retained_this_period).toBe(percentOf(item.work_completed_this_period, 10));
          const prior = earlier.flatMap((p) => p.items.filter((i) => i.line_item_id === item.line_item_id));
          expect(item.work_completed_from_previous_application).toBe(sumMoney(prior.map((i) => i.work_completed_this_period)));
          expect(item.work_completed_retainage_from_previous_application).toBe(sumMoney(prior.map((i) => i.work_completed_retainage_retained_this_period)));
          expect(item.work_completed_from_previous_application + item.work_completed_this_period).toBeLessThanOrEqual(item.scheduled_value + 0.001);
        }
        const summary = summarizeRequisition(r, 0, 0);
        expect(summary.current_payment_due).toBe(sumMoney(r.items.map((i) => i.work_completed_this_period - i.work_completed_retainage_retained_this_period)));
        for (const payment of c.contractPayments.filter((p) => p.requisition_id === r.id)) {
          expect(r.status).toBe('approved');
          expect(payment.amount).toBe(summary.current_payment_due);
          expect(payment.contract_id).toBe(r.commitment_id);
        }
      }
    }
  });

  // How fast it generates is a figure of `pnpm bench` (bench-simulators.ts), not a test.
  it('scales: 10,000 vendors, all names unique', () => {
    const g = generateProcoreCompany({ seed: 5, vendors: 10_000, projects: 10, costCodes: 120, otherCompany: false });
    const c = g.companies[0] as CompanyData;
    expect(g.companies).toHaveLength(1);
    expect(c.vendors).toHaveLength(10_000);
    expect(new Set(c.vendors.map((v) => v.name)).size).toBe(10_000);
    expect(c.standardCostCodes.filter((s) => s.parent_id !== null)).toHaveLength(120);
    expect(new Set(c.standardCostCodes.map((s) => s.full_code)).size).toBe(c.standardCostCodes.length);
  });
});
