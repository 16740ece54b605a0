// The seeded owner side (issue 21) must leave every record generated before it exactly as it was: the simulation
// harness replays stored histories by seed. The digests below were computed with the generator as it stood before
// issue 21 (commit 022e09e) over the whole generated company minus the three owner-side arrays.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ID_BASES } from '../model/id-bases.ts';
import { sumMoney } from '../model/money.ts';
import type { GeneratedCompany } from '../model/records.ts';
import { generateProcoreCompany } from './generate-procore-company.ts';
import { ownerSideSeed } from './generate-owner-side.ts';

const OWNER_KEYS = new Set(['primeContracts', 'paymentApplications', 'primeContractPayments']);

function digestWithoutOwnerSide(g: GeneratedCompany): string {
  return createHash('sha256')
    .update(JSON.stringify(g, (key, value: unknown) => (OWNER_KEYS.has(key) ? undefined : value)))
    .digest('hex');
}

/** Ids and names of the records the connector already syncs, readable when a digest differs. */
function snapshot(g: GeneratedCompany) {
  return g.companies.map((c) => ({
    vendors: c.vendors.map((v) => [v.id, v.name]),
    projects: c.projects.map((p) => [p.id, p.name]),
    commitments: c.commitments.map((x) => [x.id, x.number, x.title]),
    changeOrders: c.changeOrders.map((x) => [x.id, x.number, x.status]),
    requisitions: c.requisitions.map((x) => [x.id, x.number, x.status]),
    contractPayments: c.contractPayments.map((x) => [x.id, x.amount]),
    directCosts: c.directCosts.map((x) => [x.id, x.direct_cost_date]),
  }));
}

const BEFORE_ISSUE_21: Record<number, string> = {
  1: 'fd590bf618e5205c6b0a5e46bba38f4ecd2af562cd4af37e594e9b9ece1c6826',
  42: '11486cac986e6642c18c5247065a9b16582983d59d525d75baeb2ed2d5700db4',
  7: '1cc7f80688ce89d9c91ed7b0ed4d8a3101f707300985bb9da21411852cfc580e',
  40789: '52d322f856189853e3bc56e97687cb304cc21f9ed4f719dbad7035a71a5fda86',
  123456: 'bd3d73fc0ca69011d1261b620f6a510afb93c21e249560ff233e61999ed51a25',
};

describe('seeded owner side', () => {
  it.each(Object.keys(BEFORE_ISSUE_21).map(Number))('seed %i: every pre-existing record is byte for byte what it was before issue 21', (seed) => {
    const withOwner = generateProcoreCompany({ seed });
    const without = generateProcoreCompany({ seed, ownerSide: false });
    expect(snapshot(withOwner)).toEqual(snapshot(without));
    expect(digestWithoutOwnerSide(without)).toBe(BEFORE_ISSUE_21[seed]);
    expect(digestWithoutOwnerSide(withOwner)).toBe(BEFORE_ISSUE_21[seed]);
    expect(without.companies.every((c) => c.primeContracts === undefined)).toBe(true);
  });

  it('draws from its own stream and its own id ranges, the same for the same seed', () => {
    expect(ownerSideSeed(42)).not.toBe(42);
    expect(ownerSideSeed(42)).toBe(ownerSideSeed(42));
    expect(ownerSideSeed(42)).not.toBe(ownerSideSeed(43));
    const a = generateProcoreCompany({ seed: 42 });
    const b = generateProcoreCompany({ seed: 42 });
    expect(a.companies.map((c) => [c.primeContracts, c.paymentApplications, c.primeContractPayments])).toEqual(
      b.companies.map((c) => [c.primeContracts, c.paymentApplications, c.primeContractPayments]),
    );
    for (const c of a.companies) {
      for (const pc of c.primeContracts ?? []) {
        expect(pc.id).toBeGreaterThan(ID_BASES.primeContract);
        expect(pc.id).toBeLessThan(ID_BASES.primeContractLineItem);
        for (const l of pc.line_items) expect(l.id).toBeGreaterThan(ID_BASES.primeContractLineItem);
      }
      for (const p of c.primeContractPayments ?? []) expect(p.id).toBeGreaterThan(ID_BASES.primeContractPayment);
    }
  });

  it.each([1, 42, 7, 40789, 123456])('seed %i: contracts, invoices and payments are consistent', (seed) => {
    const g = generateProcoreCompany({ seed });
    const [main, other] = g.companies;
    expect(main?.primeContracts?.length).toBeGreaterThanOrEqual(1);
    expect(other?.primeContracts?.length).toBe(1);
    for (const c of g.companies) {
      for (const pc of c.primeContracts ?? []) {
        expect(c.projects.some((p) => p.id === pc.project_id)).toBe(true);
        expect(pc.line_items.length).toBeGreaterThan(0);
        for (const l of pc.line_items) expect(c.costCodes.some((cc) => cc.id === l.cost_code_id && cc.project_id === pc.project_id)).toBe(true);
      }
      for (const app of c.paymentApplications ?? []) {
        const pc = c.primeContracts?.find((x) => x.id === app.contract_id);
        expect(pc?.project_id).toBe(app.project_id);
        expect(app.line_items.map((l) => l.prime_contract_line_item_id)).toEqual(pc?.line_items.map((l) => l.id));
        expect(app.billing_date < '2026-06-30').toBe(true);
      }
      for (const payment of c.primeContractPayments ?? []) {
        const app = c.paymentApplications?.find((a) => a.contract_id === payment.contract_id && a.number === payment.draw_request_number);
        expect(app?.status).toBe('approved');
        const net = sumMoney(
          (app?.line_items ?? []).flatMap((l) => [
            l.work_completed_this_period,
            l.materials_presently_stored,
            -l.work_completed_retainage_retained_this_period,
            -l.materials_stored_retainage_retained_this_period,
            l.work_completed_retainage_released_this_period,
          ]),
        );
        expect(payment.amount).toBe(net);
        expect(payment.origin_id).toBeNull();
      }
    }
  });
});
