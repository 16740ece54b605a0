// The seeded owner side (issue 21) must leave every record generated before it exactly as it was: the simulation
// harness replays stored histories by seed. The digests below were computed with the generator as it stood before
// issue 21 (commit 022e09e) over the whole generated company minus the owner-side arrays; and, for the prime
// contracts, owner invoices and payments received, with the generator before prime contract change orders (332c081).

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ID_BASES } from '../model/id-bases.ts';
import { sumMoney } from '../model/money.ts';
import type { GeneratedCompany } from '../model/records.ts';
import { generateProcoreCompany } from './generate-procore-company.ts';
import { ownerSideSeed } from './generate-owner-side.ts';
import { primeChangeOrderSeed } from './generate-prime-change-orders.ts';

const OWNER_KEYS = new Set(['primeContracts', 'paymentApplications', 'primeContractPayments', 'primeChangeOrders']);

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

/**
 * sha256 of [primeContracts, paymentApplications, primeContractPayments] per company: change orders came after them and
 * left them as they were. Recomputed once, deliberately, when seeded owner invoice numbers were shortened to fit
 * QuickBooks' 11-character RefNumber ('2025-001-1' instead of '2025-001-001').
 */
const OWNER_SIDE_BEFORE_CHANGE_ORDERS: Record<number, string> = {
  1: 'f3c9971dabae686e3153b1fdd5d384cfa1047c57c51edeeb74531173b46840b1',
  42: '972456974c394270662ba7f73194f4a4ef85a3263518476102e434078f82c70c',
  7: 'f7b66b36d418e38178c442d5745652b7d147b5b1f797b8eb562497cea5556592',
  40789: '2bb487ecfab59ecd8f6b08acc39b73dba919a07e5bba3aff1224295679a640c2',
  123456: '255ac4ec08085940fa2978a78b633bbdc9f824fe7ad71342f04b82f32104ca1d',
};

function ownerSideDigest(g: GeneratedCompany): string {
  const owner = g.companies.map((c) => [c.primeContracts, c.paymentApplications, c.primeContractPayments]);
  return createHash('sha256').update(JSON.stringify(owner)).digest('hex');
}

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

  it.each(Object.keys(OWNER_SIDE_BEFORE_CHANGE_ORDERS).map(Number))(
    'seed %i: prime contracts, owner invoices and payments received are what they were before change orders',
    (seed) => {
      expect(ownerSideDigest(generateProcoreCompany({ seed }))).toBe(OWNER_SIDE_BEFORE_CHANGE_ORDERS[seed]);
    },
  );

  it.each([1, 42, 7, 40789, 123456])('seed %i: prime contract change orders are on seeded contracts, in their own id range, after the last invoice', (seed) => {
    expect(primeChangeOrderSeed(seed)).not.toBe(ownerSideSeed(seed));
    const g = generateProcoreCompany({ seed });
    const [main, other] = g.companies;
    const firstContract = main?.primeContracts?.[0];
    const onFirst = main?.primeChangeOrders?.filter((co) => co.contract_id === firstContract?.id) ?? [];
    expect(onFirst.map((co) => co.number)).toEqual(['001', '002']);
    expect(onFirst[0]?.status).toBe('approved');
    expect(other?.primeChangeOrders?.map((co) => co.status)).toEqual(['approved']);
    for (const c of g.companies) {
      for (const co of c.primeChangeOrders ?? []) {
        const contract = c.primeContracts?.find((pc) => pc.id === co.contract_id);
        expect(contract?.project_id).toBe(co.project_id);
        expect(co.id).toBeGreaterThan(ID_BASES.primeChangeOrder);
        expect(co.id).toBeLessThan(ID_BASES.primeChangeOrderLineItem);
        expect(co.executed).toBe(co.status === 'approved');
        expect(co.reviewed_at !== null).toBe(co.status === 'approved');
        expect(co.line_items.length).toBeGreaterThan(0);
        for (const l of co.line_items) {
          expect(l.id).toBeGreaterThan(ID_BASES.primeChangeOrderLineItem);
          expect(l.amount).toBeGreaterThan(0);
          const sov = contract?.line_items.find((x) => x.id === l.prime_contract_line_item_id);
          expect(sov?.cost_code_id).toBe(l.cost_code_id);
        }
        for (const app of (c.paymentApplications ?? []).filter((a) => a.contract_id === co.contract_id)) {
          expect(co.created_at.slice(0, 10) >= app.billing_date).toBe(true);
        }
        expect(co.created_at <= '2026-06-30T17:00:00.000Z').toBe(true);
      }
    }
  });
});
