// Seeded owner side (issue 21): prime contracts with SOV lines, owner invoices (payment applications) with 10 %
// retainage, one release, and payments received — added to generated companies WITHOUT touching what was there.
// The simulation harness replays stored histories by seed, so every record generated before issue 21 must keep
// its ids and values: this draws from its own random source (derived from the seed, never the company's) and its
// own id ranges (ID_BASES.primeContract…), reads the generated records and writes only the owner-side arrays.

import { IdSequence } from '../model/id-bases.ts';
import { percentOf, roundMoney, sumMoney } from '../model/money.ts';
import type {
  BudgetLineItem,
  CompanyData,
  PaymentApplication,
  PaymentApplicationLineItem,
  PaymentApplicationStatus,
  PrimeContract,
  PrimeContractPayment,
  Project,
} from '../model/records.ts';
import { createRng, type Rng } from '../random/create-rng.ts';

const DAY = 86_400_000;
const RETAINAGE_PERCENT = 10;

const OWNER_KINDS = ['Unified School District', 'Health System', 'County Public Works', 'Development Partners LLC', 'Holdings Inc.', 'Housing Authority'];

/** The owner side's seed: a different stream from `seed`'s, the same for the same seed (murmur3 finalizer). */
export function ownerSideSeed(seed: number): number {
  let h = (seed ^ 0x0a11ce5) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Adds prime contracts, owner invoices and payments received to `companies` (in place): the main company's projects
 * get a prime contract except every fourth one; other companies get one on their first project (for 404 tests).
 */
export function generateOwnerSide(companies: CompanyData[], seed: number, asOf: number): void {
  const rng = createRng(ownerSideSeed(seed));
  const ids = new IdSequence();
  companies.forEach((data, companyIndex) => {
    data.primeContracts = [];
    data.paymentApplications = [];
    data.primeContractPayments = [];
    data.projects.forEach((project, p) => {
      const wanted = companyIndex === 0 ? p % 4 !== 3 : p === 0;
      if (!wanted) return;
      const budget = data.budgetLineItems.filter((b) => b.project_id === project.id);
      if (budget.length === 0) return;
      generateProjectOwnerSide({ rng, ids, asOf, data }, project, budget);
    });
  });
}

interface OwnerGen {
  rng: Rng;
  ids: IdSequence;
  asOf: number;
  data: CompanyData;
}

function generateProjectOwnerSide(g: OwnerGen, project: Project, budget: BudgetLineItem[]): void {
  const { rng, ids, asOf, data } = g;
  const start = Math.min(Date.parse(project.start_date ?? new Date(asOf - 300 * DAY).toISOString().slice(0, 10)), asOf - 120 * DAY);
  const stamp = (ms: number) => new Date(Math.min(ms, asOf)).toISOString();
  const day = (ms: number) => stamp(ms).slice(0, 10);
  const ownerWord = project.city ?? project.name.split(' ')[0] ?? 'Metro';
  const contractAt = start - rng.int(5, 20) * DAY;
  const lines = budget.slice(0, rng.int(2, 6));
  const contract: PrimeContract = {
    id: ids.next('primeContract'),
    company_id: data.company.id,
    project_id: project.id,
    created_at: stamp(contractAt),
    updated_at: stamp(contractAt + 2 * DAY),
    number: '1',
    title: `${project.name} — Owner Agreement`,
    description: `Prime contract for ${project.name}`,
    status: 'Approved',
    executed: true,
    vendor_id: null,
    owner: { id: ids.next('primeContractOwner'), name: `${ownerWord} ${rng.pick(OWNER_KINDS)}` },
    retainage_percent: RETAINAGE_PERCENT,
    contract_date: day(contractAt),
    execution_date: day(contractAt + 2 * DAY),
    approval_letter_date: null,
    signed_contract_received_date: day(contractAt + 3 * DAY),
    origin_id: null,
    origin_data: null,
    line_items: lines.map((b, i) => ({
      id: ids.next('primeContractLineItem'),
      cost_code_id: b.cost_code_id,
      line_item_type_id: b.line_item_type_id,
      description: b.description ?? data.costCodes.find((c) => c.id === b.cost_code_id)?.name ?? `Schedule of values line ${i + 1}`,
      // The owner pays the budget plus the contractor's fee and markup.
      amount: roundMoney(Math.round((b.original_budget_amount * (1.08 + rng.next() * 0.12)) / 100) * 100),
      position: i + 1,
      origin_id: null,
      origin_data: null,
      created_at: stamp(contractAt),
      updated_at: stamp(contractAt),
    })),
  };
  data.primeContracts?.push(contract);

  const count = rng.int(1, 3);
  const retainedSoFar = new Map<number, number>();
  for (let n = 1; n <= count; n++) {
    const billingAt = start + n * 30 * DAY;
    if (billingAt >= asOf) break;
    const last = n === count;
    const status: PaymentApplicationStatus = last ? rng.pick(['approved', 'under_review', 'draft'] as const) : 'approved';
    // A last invoice that is approved and not the first releases half the retainage held so far (Procore: released
    // retainage is billed on the owner invoice of the period it is released in).
    const releases = last && status === 'approved' && n > 1;
    const lineItems: PaymentApplicationLineItem[] = contract.line_items.map((line) => {
      const work = roundMoney(Math.round(line.amount * (0.1 + rng.next() * 0.15)));
      const materials = rng.chance(0.2) ? roundMoney(rng.int(5, 40) * 50) : 0;
      const retainedWork = percentOf(work, RETAINAGE_PERCENT);
      const retainedMaterials = percentOf(materials, RETAINAGE_PERCENT);
      const held = retainedSoFar.get(line.id) ?? 0;
      const released = releases ? roundMoney(Math.floor(held * 50) / 100) : 0;
      retainedSoFar.set(line.id, sumMoney([held, retainedWork, retainedMaterials, -released]));
      return {
        id: ids.next('paymentApplicationLineItem'),
        prime_contract_line_item_id: line.id,
        cost_code_id: line.cost_code_id,
        description_of_work: line.description,
        scheduled_value: line.amount,
        work_completed_this_period: work,
        materials_presently_stored: materials,
        work_completed_retainage_retained_this_period: retainedWork,
        materials_stored_retainage_retained_this_period: retainedMaterials,
        work_completed_retainage_released_this_period: released,
        materials_stored_retainage_released_this_period: 0,
      };
    });
    const app: PaymentApplication = {
      id: ids.next('paymentApplication'),
      company_id: data.company.id,
      project_id: project.id,
      created_at: stamp(billingAt - 3 * DAY),
      updated_at: stamp(billingAt + rng.int(0, 10) * DAY),
      contract_id: contract.id,
      number: n,
      // ≤ 11 characters, QuickBooks' invoice RefNumber limit: a seeded owner invoice exports with Procore's number (before,
      // '2025-001-001' was refused as too long on every seeded company).
      invoice_number: `${project.project_number ?? project.id}-${n}`,
      status,
      billing_date: day(billingAt),
      period_start: day(billingAt - 29 * DAY),
      period_end: day(billingAt),
      origin_id: null,
      origin_data: null,
      line_items: lineItems,
    };
    data.paymentApplications?.push(app);

    const paidAt = billingAt + rng.int(20, 40) * DAY;
    if (status === 'approved' && !last && paidAt < asOf && rng.chance(0.7)) {
      const net = sumMoney(
        lineItems.flatMap((l) => [
          l.work_completed_this_period,
          l.materials_presently_stored,
          -l.work_completed_retainage_retained_this_period,
          -l.materials_stored_retainage_retained_this_period,
          l.work_completed_retainage_released_this_period,
        ]),
      );
      const payment: PrimeContractPayment = {
        id: ids.next('primeContractPayment'),
        company_id: data.company.id,
        project_id: project.id,
        created_at: stamp(paidAt),
        updated_at: stamp(paidAt),
        contract_id: contract.id,
        amount: net,
        date: day(paidAt),
        draw_request_number: n,
        payment_number: null,
        check_number: String(rng.int(100000, 999999)),
        invoice_number: app.invoice_number,
        notes: null,
        payment_method: 'check',
        origin_id: null,
        origin_data: null,
      };
      data.primeContractPayments?.push(payment);
    }
  }
}
