// Seeded prime contract change orders (issue 21): one or two on some seeded prime contracts, dated after the
// contract's last owner invoice (the simulator's owner invoices bill SOV lines only, so an approved change order
// must not predate an invoice that would have billed it). Added AFTER the rest of the owner side and WITHOUT
// touching it: its own random stream (primeChangeOrderSeed, never the company's or ownerSideSeed's) and its own id
// ranges (ID_BASES.primeChangeOrder…), so every record generated before — the cost side since forever, the owner
// side since issue 21 — keeps its ids and values for every seed (generate-owner-side.test.ts pins both).

import { IdSequence } from '../model/id-bases.ts';
import { roundMoney } from '../model/money.ts';
import type { CompanyData, PrimeChangeOrder, PrimeChangeOrderStatus, PrimeContract } from '../model/records.ts';
import { createRng, type Rng } from '../random/create-rng.ts';

const DAY = 86_400_000;

const TITLES = [
  'Owner-requested finish upgrades',
  'Unforeseen rock excavation',
  'Added low-voltage and data scope',
  'Revised storefront glazing',
  'Additional site lighting',
  'Fire alarm code upgrade',
  'Added roof access hatch',
  'Owner allowance adjustment',
];

/** The change orders' seed: another stream again (murmur3 finalizer over a different salt than ownerSideSeed). */
export function primeChangeOrderSeed(seed: number): number {
  let h = (seed ^ 0x5eed_c0de) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Adds `primeChangeOrders` to every company (in place). The main company's first prime contract gets two (the
 * first approved), its others zero to two; another company's contract gets one approved (404 tests).
 */
export function generatePrimeChangeOrders(companies: CompanyData[], seed: number, asOf: number): void {
  const rng = createRng(primeChangeOrderSeed(seed));
  const ids = new IdSequence();
  companies.forEach((data, companyIndex) => {
    const changeOrders: PrimeChangeOrder[] = [];
    (data.primeContracts ?? []).forEach((contract, c) => {
      const statuses: PrimeChangeOrderStatus[] =
        companyIndex !== 0
          ? ['approved']
          : c === 0
            ? ['approved', rng.pick(['approved', 'approved', 'pending', 'draft'] as const)]
            : Array.from({ length: rng.int(0, 2) }, () => rng.pick(['approved', 'approved', 'pending', 'revised', 'draft', 'void'] as const));
      const lastBilling = (data.paymentApplications ?? []).filter((a) => a.contract_id === contract.id).map((a) => Date.parse(a.billing_date));
      let at = Math.max(Date.parse(contract.execution_date ?? contract.created_at), ...lastBilling) + rng.int(3, 15) * DAY;
      statuses.forEach((status, n) => {
        changeOrders.push(changeOrder({ rng, ids, asOf, data }, contract, n + 1, status, at));
        at += rng.int(5, 20) * DAY;
      });
    });
    data.primeChangeOrders = changeOrders;
  });
}

interface ChangeOrderGen {
  rng: Rng;
  ids: IdSequence;
  asOf: number;
  data: CompanyData;
}

function changeOrder(g: ChangeOrderGen, contract: PrimeContract, n: number, status: PrimeChangeOrderStatus, createdAt: number): PrimeChangeOrder {
  const { rng, ids, asOf, data } = g;
  const stamp = (ms: number) => new Date(Math.min(ms, asOf)).toISOString();
  const reviewedAt = createdAt + rng.int(2, 7) * DAY;
  const reviewed = status === 'approved';
  const count = rng.int(1, Math.min(2, contract.line_items.length));
  const first = rng.int(0, contract.line_items.length - 1);
  const sovLines = Array.from({ length: count }, (_, k) => contract.line_items[(first + k) % contract.line_items.length]).filter((l) => l !== undefined);
  return {
    id: ids.next('primeChangeOrder'),
    company_id: data.company.id,
    project_id: contract.project_id,
    contract_id: contract.id,
    created_at: stamp(createdAt),
    updated_at: stamp(reviewed ? reviewedAt : createdAt),
    number: String(n).padStart(3, '0'),
    title: rng.pick(TITLES),
    description: null,
    status,
    executed: reviewed,
    revision: status === 'revised' ? 1 : 0,
    due_date: stamp(createdAt + 14 * DAY).slice(0, 10),
    invoiced_date: null,
    paid_date: null,
    signed_change_order_received_date: reviewed ? stamp(reviewedAt).slice(0, 10) : null,
    reviewed_at: reviewed ? stamp(reviewedAt) : null,
    origin_id: null,
    origin_data: null,
    line_items: sovLines.map((line, i) => ({
      id: ids.next('primeChangeOrderLineItem'),
      cost_code_id: line.cost_code_id,
      line_item_type_id: line.line_item_type_id,
      description: `${line.description} — change`,
      // 2–8 % of the SOV line, in $50 steps, never zero.
      amount: roundMoney(Math.max(50, Math.round((line.amount * (0.02 + rng.next() * 0.06)) / 50) * 50)),
      position: i + 1,
      prime_contract_line_item_id: line.id,
      created_at: stamp(createdAt),
      updated_at: stamp(createdAt),
    })),
  };
}
