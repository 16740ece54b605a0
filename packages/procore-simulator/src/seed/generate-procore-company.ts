import { createRng, type Rng } from '../random/create-rng.ts';
import { generateOwnerSide } from './generate-owner-side.ts';
import { generatePrimeChangeOrders } from './generate-prime-change-orders.ts';
import { IdSequence } from '../model/id-bases.ts';
import { buildRequisitionItems } from '../model/build-requisition-items.ts';
import { roundMoney, sumMoney } from '../model/money.ts';
import { summarizeRequisition } from '../model/summarize-requisition.ts';
import type {
  BudgetLineItem,
  Commitment,
  CommitmentChangeOrder,
  CommitmentLineItem,
  CommitmentStatus,
  CompanyData,
  ContractPayment,
  DirectCost,
  DirectCostStatus,
  DirectCostType,
  GeneratedCompany,
  LineItemType,
  Project,
  ProjectCostCode,
  Requisition,
  RequisitionStatus,
  StandardCostCode,
  Vendor,
} from '../model/records.ts';
import {
  CSI_DIVISIONS,
  FIRST_NAMES,
  GC_COMPANY_NAMES,
  LAST_NAMES,
  LINE_ITEM_TYPES,
  OTHER_COMPANY_NAMES,
  PAYMENT_TERMS,
  PLACES,
  PROJECT_KINDS,
  PROJECT_PLACES,
  PROJECT_STAGES,
  TRADES,
  VENDOR_PREFIXES,
  VENDOR_SUFFIXES,
} from './construction-vocabulary.ts';

export interface GenerateProcoreCompanyOptions {
  /** Same seed → same data (default 42). */
  seed?: number;
  /** Id of the main company (default 4264807). */
  companyId?: number;
  companyName?: string;
  projects?: number;
  vendors?: number;
  /** Number of cost codes (sections) in the standard list, divisions excluded (default 40). */
  costCodes?: number;
  commitmentsPerProject?: number;
  directCostsPerProject?: number;
  /** Also generate a second company the user does NOT belong to (default true), for 403/404 tests. */
  otherCompany?: boolean;
  /** Id of that second company (default companyId + 1). */
  otherCompanyId?: number;
  /** "As of" instant of the generated history; every timestamp is before it (default 2026-06-30T17:00Z). */
  asOf?: string;
  /** Prime contracts, their change orders, owner invoices and payments received (default true); generated after, and
   * independently of, everything else (generate-owner-side.ts, generate-prime-change-orders.ts), so turning it off
   * or on changes no other record. */
  ownerSide?: boolean;
}

const DAY = 86_400_000;
const DEFAULT_AS_OF = '2026-06-30T17:00:00.000Z';

/** A realistic general contractor (and optionally a second company), deterministic for a given seed. */
export function generateProcoreCompany(options: GenerateProcoreCompanyOptions = {}): GeneratedCompany {
  const seed = options.seed ?? 42;
  const rng = createRng(seed);
  const ids = new IdSequence();
  const asOf = Date.parse(options.asOf ?? DEFAULT_AS_OF);
  const companyName = options.companyName ?? rng.pick(GC_COMPANY_NAMES);
  const domain = `${slug(companyName)}.com`;
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const user = { id: ids.next('user'), login: `${first}.${last}@${domain}`.toLowerCase(), name: `${first} ${last}` };
  const serviceAccountUser = { id: ids.next('user'), login: `service-account@${domain}`, name: `${companyName} Integration (service account)` };
  const companyId = options.companyId ?? 4_264_807;

  const companies: CompanyData[] = [
    generateCompanyData(rng, ids, asOf, {
      companyId,
      companyName,
      userIsMember: true,
      projects: options.projects ?? 4,
      vendors: options.vendors ?? 25,
      costCodes: options.costCodes ?? 40,
      commitmentsPerProject: options.commitmentsPerProject ?? 6,
      directCostsPerProject: options.directCostsPerProject ?? 4,
    }),
  ];
  if (options.otherCompany ?? true) {
    companies.push(
      generateCompanyData(rng, ids, asOf, {
        companyId: options.otherCompanyId ?? companyId + 1,
        companyName: rng.pick(OTHER_COMPANY_NAMES),
        userIsMember: false,
        projects: 2,
        vendors: 8,
        costCodes: 16,
        commitmentsPerProject: 3,
        directCostsPerProject: 2,
      }),
    );
  }
  if (options.ownerSide ?? true) {
    generateOwnerSide(companies, seed, asOf);
    // After the rest of the owner side, from a stream of its own: the records above stay as they were.
    generatePrimeChangeOrders(companies, seed, asOf);
  }
  return { seed, user, serviceAccountUser, companies };
}

interface CompanyPlan {
  companyId: number;
  companyName: string;
  userIsMember: boolean;
  projects: number;
  vendors: number;
  costCodes: number;
  commitmentsPerProject: number;
  directCostsPerProject: number;
}

/** What generating one company shares: the random source, ids, its clock, and the records made so far. */
interface CompanyGen {
  rng: Rng;
  ids: IdSequence;
  asOf: number;
  historyStart: number;
  stamp: (atMs: number) => string;
  base: (atMs: number) => { company_id: number; created_at: string; updated_at: string };
  typeId: (code: string) => number;
  records: ProjectRecords;
  /** Cycles the last requisition's status of each commitment across the company's projects. */
  lastStatusIndex: number;
}

interface ProjectRecords {
  projects: Project[];
  costCodes: ProjectCostCode[];
  budgetLineItems: BudgetLineItem[];
  commitments: Commitment[];
  commitmentLineItems: CommitmentLineItem[];
  changeOrders: CommitmentChangeOrder[];
  requisitions: Requisition[];
  contractPayments: ContractPayment[];
  directCosts: DirectCost[];
}

type Budgeted = { code: ProjectCostCode; bli: BudgetLineItem };
type ChangeOrderLineSpec = { lineItem: CommitmentLineItem | null; costCodeId: number; amount: number; description: string };

// Each step draws from the random source in the same order as the one function it was split from (issue 17 item 5),
// so a seed makes the same company as before.
function generateCompanyData(rng: Rng, ids: IdSequence, asOf: number, plan: CompanyPlan): CompanyData {
  const companyId = plan.companyId;
  // Timestamps walk forward through the company's history so created_at order follows id order.
  const historyStart = asOf - 420 * DAY;
  const stamp = (atMs: number) => new Date(Math.min(atMs, asOf)).toISOString();
  const base = (atMs: number) => ({ company_id: companyId, created_at: stamp(atMs), updated_at: stamp(atMs + rng.int(0, 30) * DAY) });

  const lineItemTypes: LineItemType[] = LINE_ITEM_TYPES.map((t) => ({ id: ids.next('lineItemType'), ...base(historyStart), ...t }));
  const typeId = (code: string) => (lineItemTypes.find((t) => t.code === code) as LineItemType).id;
  const records: ProjectRecords = {
    projects: [],
    costCodes: [],
    budgetLineItems: [],
    commitments: [],
    commitmentLineItems: [],
    changeOrders: [],
    requisitions: [],
    contractPayments: [],
    directCosts: [],
  };
  const g: CompanyGen = { rng, ids, asOf, historyStart, stamp, base, typeId, records, lastStatusIndex: 0 };

  const { list, standardCostCodes } = generateStandardCostCodes(g, plan.costCodes);
  const { vendors, vendorTrade } = generateVendors(g, plan.vendors);

  const budgetView = {
    id: ids.next('budgetView'),
    ...base(historyStart),
    name: 'Procore Standard Budget',
    description: 'Original budget, direct costs and job to date costs by cost code',
  };

  const usedProjectNames = new Set<string>();
  const year = new Date(historyStart).getUTCFullYear();
  for (let p = 0; p < plan.projects; p++) {
    const projectStart = historyStart + (30 + (p % 12) * 25) * DAY;
    const project = generateProject(g, p, projectStart, { usedProjectNames, year, standardCostCodeListId: list.id });
    const leafCodes = copyStandardCostCodes(g, project, standardCostCodes, projectStart);
    const budgeted = generateBudget(g, project, leafCodes, projectStart);
    generateCommitments(g, project, projectStart, budgeted, { vendors, vendorTrade, commitmentsPerProject: plan.commitmentsPerProject });
    generateDirectCosts(g, project, projectStart, budgeted, vendors, plan.directCostsPerProject);
  }

  return {
    company: { id: companyId, name: plan.companyName, is_active: true },
    userIsMember: plan.userIsMember,
    vendors,
    projects: records.projects,
    standardCostCodeLists: [list],
    standardCostCodes,
    lineItemTypes,
    costCodes: records.costCodes,
    budgetViews: [budgetView],
    budgetLineItems: records.budgetLineItems,
    commitments: records.commitments,
    commitmentLineItems: records.commitmentLineItems,
    changeOrders: records.changeOrders,
    requisitions: records.requisitions,
    contractPayments: records.contractPayments,
    directCosts: records.directCosts,
  };
}

/** Standard cost code list: CSI divisions as parents, sections as children ("03-300 Cast-in-Place Concrete"). */
function generateStandardCostCodes(g: CompanyGen, costCodeCount: number) {
  const { ids, base, historyStart } = g;
  const list = { id: ids.next('standardCostCodeList'), ...base(historyStart), name: 'Standard Cost Code List' };
  const standardCostCodes: StandardCostCode[] = [];
  const sections: { division: (typeof CSI_DIVISIONS)[number]; code: string; name: string }[] = [];
  for (const division of CSI_DIVISIONS) for (const [code, name] of division.sections) sections.push({ division, code, name });
  let chosen = sections.slice(0, costCodeCount);
  for (let k = 0; chosen.length < costCodeCount; k++) {
    const division = CSI_DIVISIONS[k % CSI_DIVISIONS.length] as (typeof CSI_DIVISIONS)[number];
    const n = Math.floor(k / CSI_DIVISIONS.length) + 1;
    chosen = [...chosen, { division, code: String(900 + n).padStart(3, '0'), name: `${division.name} Allowance ${n}` }];
  }
  const divisionIds = new Map<string, number>();
  for (const division of CSI_DIVISIONS) {
    if (!chosen.some((s) => s.division === division)) continue;
    const id = ids.next('standardCostCode');
    divisionIds.set(division.code, id);
    standardCostCodes.push({
      id,
      ...base(historyStart),
      origin_id: null,
      origin_data: null,
      standard_cost_code_list_id: list.id,
      parent_id: null,
      code: division.code,
      full_code: division.code,
      name: division.name,
      sortable_code: division.code,
    });
  }
  for (const s of chosen) {
    const fullCode = `${s.division.code}-${s.code}`;
    standardCostCodes.push({
      id: ids.next('standardCostCode'),
      ...base(historyStart),
      origin_id: null,
      origin_data: null,
      standard_cost_code_list_id: list.id,
      parent_id: divisionIds.get(s.division.code) ?? null,
      code: s.code,
      full_code: fullCode,
      name: s.name,
      sortable_code: fullCode,
    });
  }
  return { list, standardCostCodes };
}

/** Vendors (the company directory): subcontractors and suppliers, each with one trade. */
function generateVendors(g: CompanyGen, vendorCount: number) {
  const { rng, ids, base, historyStart } = g;
  const tradeIds = new Map(TRADES.map((t) => [t.name, ids.next('trade')]));
  const usedNames = new Set<string>();
  const vendors: Vendor[] = [];
  const vendorTrade = new Map<number, (typeof TRADES)[number]>();
  for (let i = 0; i < vendorCount; i++) {
    const trade = i < TRADES.length ? (TRADES[i] as (typeof TRADES)[number]) : rng.pick(TRADES);
    const name = uniqueName(usedNames, () => `${rng.pick(VENDOR_PREFIXES)} ${trade.name} ${rng.pick(VENDOR_SUFFIXES)}`);
    const place = rng.pick(PLACES);
    const domain = slug(name);
    const at = historyStart + Math.floor((i / Math.max(1, vendorCount)) * 60 * DAY);
    const vendor: Vendor = {
      id: ids.next('vendor'),
      ...base(at),
      origin_id: null,
      origin_data: null,
      origin_code: null,
      name,
      abbreviated_name: abbreviate(name),
      trade_name: null,
      address: `${rng.int(100, 9800)} ${rng.pick(place.streets)}`,
      city: place.city,
      state_code: place.state,
      zip: place.zip,
      country_code: 'US',
      business_phone: phone(rng),
      fax_number: rng.chance(0.3) ? phone(rng) : null,
      email_address: `${trade.supplier ? 'orders' : 'accounting'}@${domain}.com`,
      website: rng.chance(0.6) ? `https://www.${domain}.com` : null,
      license_number: trade.supplier ? null : `CL-${rng.int(100000, 999999)}`,
      notes: null,
      is_active: rng.chance(0.95),
      trades: [{ id: tradeIds.get(trade.name) as number, name: trade.name }],
    };
    vendors.push(vendor);
    vendorTrade.set(vendor.id, trade);
  }
  return { vendors, vendorTrade };
}

function generateProject(
  g: CompanyGen,
  p: number,
  projectStart: number,
  context: { usedProjectNames: Set<string>; year: number; standardCostCodeListId: number },
): Project {
  const { rng, ids, base } = g;
  const place = rng.pick(PLACES);
  const name = uniqueName(context.usedProjectNames, () => `${rng.pick(PROJECT_PLACES)} ${rng.pick(PROJECT_KINDS)}`);
  const project: Project = {
    id: ids.next('project'),
    ...base(projectStart),
    origin_id: null,
    origin_data: null,
    origin_code: null,
    name,
    project_number: `${context.year}-${String(p + 1).padStart(3, '0')}`,
    address: `${rng.int(100, 4999)} ${rng.pick(place.streets)}`,
    city: place.city,
    state_code: place.state,
    zip: place.zip,
    country_code: 'US',
    county: place.county,
    time_zone: place.timeZone,
    description: `New ${name.toLowerCase()} for ${rng.pick(['a private owner', 'the county', 'a healthcare system', 'a developer'])}`,
    active: true,
    start_date: day(projectStart),
    completion_date: day(projectStart + rng.int(300, 720) * DAY),
    total_value: 0,
    square_feet: rng.int(8, 240) * 500,
    stage: rng.pick(PROJECT_STAGES),
    standard_cost_code_list_id: context.standardCostCodeListId,
    budget_locked: false,
  };
  g.records.projects.push(project);
  return project;
}

/** Project cost codes are copied from the standard list when the project is created (Procore behaviour). Returns the leaf codes. */
function copyStandardCostCodes(g: CompanyGen, project: Project, standardCostCodes: StandardCostCode[], projectStart: number): ProjectCostCode[] {
  const copied = new Map<number, ProjectCostCode>();
  standardCostCodes.forEach((s, position) => {
    const cc: ProjectCostCode = {
      id: g.ids.next('costCode'),
      ...g.base(projectStart),
      project_id: project.id,
      origin_id: null,
      origin_data: null,
      standard_cost_code_id: s.id,
      parent_id: s.parent_id === null ? null : (copied.get(s.parent_id)?.id ?? null),
      code: s.code,
      full_code: s.full_code,
      name: s.name,
      sortable_code: s.sortable_code,
      position: position + 1,
    };
    copied.set(s.id, cc);
    g.records.costCodes.push(cc);
  });
  return [...copied.values()].filter((c) => c.parent_id !== null);
}

/** Budget: one line per budgeted cost code; the project's value follows from it. */
function generateBudget(g: CompanyGen, project: Project, leafCodes: ProjectCostCode[], projectStart: number): Budgeted[] {
  const budgeted: Budgeted[] = [];
  for (const code of leafCodes) {
    if (!g.rng.chance(0.75) && budgeted.length > 0) continue;
    const generalConditions = code.full_code.startsWith('01');
    const bli: BudgetLineItem = {
      id: g.ids.next('budgetLineItem'),
      ...g.base(projectStart + DAY),
      project_id: project.id,
      origin_id: null,
      origin_data: null,
      cost_code_id: code.id,
      line_item_type_id: g.typeId(generalConditions ? 'L' : 'S'),
      original_budget_amount: g.rng.int(10, 800) * 500,
      description: null,
      uom: 'LS',
      quantity: 1,
      unit_cost: null,
    };
    budgeted.push({ code, bli });
    g.records.budgetLineItems.push(bli);
  }
  project.total_value = roundMoney(sumMoney(budgeted.map((b) => b.bli.original_budget_amount)) * 1.12);
  return budgeted;
}

/** Commitments: mostly subcontracts to trade vendors on their division's cost codes, plus purchase orders. */
function generateCommitments(
  g: CompanyGen,
  project: Project,
  projectStart: number,
  budgeted: Budgeted[],
  context: { vendors: Vendor[]; vendorTrade: Map<number, (typeof TRADES)[number]>; commitmentsPerProject: number },
) {
  const { rng, ids, base } = g;
  const { vendors, vendorTrade } = context;
  const budgetedIn = (division: string) => budgeted.filter((b) => b.code.full_code.startsWith(`${division}-`));
  let woNumber = 0;
  let poNumber = 0;
  const statuses: CommitmentStatus[] = ['Approved', 'Approved', 'Approved', 'Draft', 'Approved', 'Out For Signature'];
  for (let c = 0; c < context.commitmentsPerProject && vendors.length > 0; c++) {
    const isPo = c % 3 === 2;
    const wanted = vendors.filter((v) => vendorTrade.get(v.id)?.supplier === isPo && budgetedIn(vendorTrade.get(v.id)?.division ?? '').length > 0);
    const vendor = rng.pick(wanted.length > 0 ? wanted : vendors);
    const scope = budgetedIn(vendorTrade.get(vendor.id)?.division ?? '');
    const lines = (scope.length > 0 ? scope : budgeted).slice(0, rng.int(1, 3));
    const status = statuses[c % statuses.length] as CommitmentStatus;
    const at = projectStart + (5 + c * 4) * DAY;
    const trade = vendorTrade.get(vendor.id)?.name ?? 'General';
    const commitment: Commitment = {
      id: ids.next('commitment'),
      ...base(at),
      project_id: project.id,
      origin_id: null,
      origin_data: null,
      type: isPo ? 'PurchaseOrderContract' : 'WorkOrderContract',
      number: isPo ? `PO-${String(++poNumber).padStart(3, '0')}` : `SC-${String(++woNumber).padStart(3, '0')}`,
      title: isPo ? `${trade} materials` : `${trade} subcontract`,
      description: `${trade} scope for ${project.name}`,
      status,
      executed: status === 'Approved',
      vendor_id: vendor.id,
      retainage_percent: isPo ? 0 : 10,
      contract_date: day(at),
      signed_contract_received_date: status === 'Approved' ? day(at + 3 * DAY) : null,
      start_date: isPo ? null : day(at + 10 * DAY),
      completion_date: isPo ? null : day(at + 200 * DAY),
      delivery_date: isPo ? day(at + 21 * DAY) : null,
      ship_via: isPo ? 'Supplier truck' : null,
      payment_terms: rng.pick(PAYMENT_TERMS),
      inclusions: isPo ? null : 'Labor, material and equipment per plans and specifications',
      exclusions: isPo ? null : 'Permits and testing',
      requisitions_are_enabled: !isPo,
      erp_locked: false,
    };
    g.records.commitments.push(commitment);
    const sov = lines.map((b, position): CommitmentLineItem => {
      const amount = roundMoney(Math.max(100, Math.round((b.bli.original_budget_amount * (0.6 + rng.next() * 0.35)) / 100) * 100));
      return {
        id: ids.next('commitmentLineItem'),
        ...base(at),
        project_id: project.id,
        origin_id: null,
        origin_data: null,
        commitment_id: commitment.id,
        cost_code_id: b.code.id,
        line_item_type_id: g.typeId(isPo ? 'M' : 'S'),
        description: `${b.code.name}${isPo ? ' materials' : ''}`,
        amount,
        quantity: 1,
        unit_cost: amount,
        uom: 'LS',
        position: position + 1,
      };
    });
    g.records.commitmentLineItems.push(...sov);
    if (status !== 'Approved' || sov.length === 0) continue;

    generateChangeOrders(g, project, commitment, { sov, lines, budgeted, at });
    if (!commitment.requisitions_are_enabled) continue;
    generateRequisitions(g, project, commitment, { sov, vendor, at });
  }
}

/** Commitment change orders: approved and pending; the first one of a project edits the same line twice. */
function generateChangeOrders(
  g: CompanyGen,
  project: Project,
  commitment: Commitment,
  context: { sov: CommitmentLineItem[]; lines: Budgeted[]; budgeted: Budgeted[]; at: number },
) {
  const { rng, ids, base, stamp } = g;
  const { changeOrders } = g.records;
  const { sov, lines, budgeted, at } = context;
  const firstOfProject = !changeOrders.some((co) => co.project_id === project.id);
  if (!(firstOfProject || rng.chance(0.5))) return;
  const target = sov[0] as CommitmentLineItem;
  const coAt = at + 40 * DAY;
  const addScope = budgeted.find((b) => !lines.includes(b));
  const newCo = (
    number: number,
    coStatus: CommitmentChangeOrder['status'],
    title: string,
    lineSpecs: ChangeOrderLineSpec[],
    when: number,
  ): CommitmentChangeOrder => ({
    id: ids.next('changeOrder'),
    ...base(when),
    project_id: project.id,
    origin_id: null,
    origin_data: null,
    contract_id: commitment.id,
    number: String(number),
    title,
    description: title,
    status: coStatus,
    executed: coStatus === 'approved',
    due_date: day(when + 14 * DAY),
    approved_date: coStatus === 'approved' ? day(when + 7 * DAY) : null,
    line_items: lineSpecs.map((l) => ({
      id: ids.next('changeOrderLineItem'),
      cost_code_id: l.costCodeId,
      line_item_type_id: target.line_item_type_id,
      description: l.description,
      amount: l.amount,
      commitment_line_item_id: l.lineItem?.id ?? null,
      created_at: stamp(when),
      updated_at: stamp(when),
    })),
  });
  const increase = roundMoney(rng.int(5, 60) * 100);
  const specs: ChangeOrderLineSpec[] = [
    { lineItem: target, costCodeId: target.cost_code_id, amount: increase, description: `Added ${target.description.toLowerCase()}` },
  ];
  if (addScope && rng.chance(0.6))
    specs.push({
      lineItem: null,
      costCodeId: addScope.code.id,
      amount: roundMoney(rng.int(5, 40) * 100),
      description: `New scope: ${addScope.code.name}`,
    });
  changeOrders.push(newCo(1, firstOfProject || rng.chance(0.7) ? 'approved' : 'pending', `Owner requested changes to ${target.description}`, specs, coAt));
  if (firstOfProject) {
    const deduct = -roundMoney(Math.min(increase / 2, rng.int(2, 20) * 100));
    changeOrders.push(
      newCo(
        2,
        'approved',
        `Deduct on ${target.description}`,
        [{ lineItem: target, costCodeId: target.cost_code_id, amount: deduct, description: `Deduct ${target.description.toLowerCase()}` }],
        coAt + 20 * DAY,
      ),
    );
    changeOrders.push(
      newCo(
        3,
        'pending',
        `Pending change: ${target.description}`,
        [{ lineItem: target, costCodeId: target.cost_code_id, amount: roundMoney(rng.int(5, 30) * 100), description: 'Pending added scope' }],
        coAt + 30 * DAY,
      ),
    );
  }
}

/** Requisitions (subcontractor invoices) with 10% retainage, monthly; payments on most approved ones. */
function generateRequisitions(g: CompanyGen, project: Project, commitment: Commitment, context: { sov: CommitmentLineItem[]; vendor: Vendor; at: number }) {
  const { rng, ids, base, stamp, asOf } = g;
  const { sov, vendor, at } = context;
  const approvedCos = sumMoney(
    g.records.changeOrders.filter((co) => co.contract_id === commitment.id && co.status === 'approved').flatMap((co) => co.line_items.map((l) => l.amount)),
  );
  const original = sumMoney(sov.map((l) => l.amount));
  const count = rng.int(1, 3);
  const previous: Requisition[] = [];
  let paymentNumber = 0;
  for (let k = 1; k <= count; k++) {
    const periodEnd = endOfMonth(at + (30 * k + 20) * DAY);
    const periodStart = startOfMonth(periodEnd);
    const lastStatuses: RequisitionStatus[] = ['under_review', 'draft', 'approved'];
    const reqStatus: RequisitionStatus = k < count ? 'approved' : (lastStatuses[g.lastStatusIndex++ % lastStatuses.length] as RequisitionStatus);
    const requisition: Requisition = {
      id: ids.next('requisition'),
      ...base(periodEnd - 2 * DAY),
      project_id: project.id,
      origin_id: null,
      origin_data: null,
      commitment_id: commitment.id,
      number: k,
      invoice_number: `${abbreviate(vendor.name)}-${1000 + rng.int(0, 8999)}`,
      status: reqStatus,
      billing_date: day(periodEnd),
      period_start: day(periodStart),
      period_end: day(periodEnd),
      submitted_at: reqStatus === 'draft' ? null : stamp(periodEnd - DAY),
      erp_status: null,
      erp_locked: false,
      final: false,
      retainage_percent: commitment.retainage_percent,
      items: buildRequisitionItems({
        lines: sov,
        previous,
        retainagePercent: commitment.retainage_percent,
        nextId: () => ids.next('requisitionItem'),
        workThisPeriod: (line) => Math.round(line.amount * (0.1 + rng.next() * 0.25)),
      }),
    };
    g.records.requisitions.push(requisition);
    previous.push(requisition);
    if (reqStatus === 'approved' && rng.chance(0.75)) {
      const due = summarizeRequisition(requisition, original, approvedCos).current_payment_due;
      const paidAt = Math.min(periodEnd + rng.int(15, 40) * DAY, asOf - DAY);
      g.records.contractPayments.push({
        id: ids.next('contractPayment'),
        ...base(paidAt),
        project_id: project.id,
        origin_id: null,
        origin_data: null,
        contract_id: commitment.id,
        requisition_id: requisition.id,
        amount: due,
        date: day(paidAt),
        payment_number: ++paymentNumber,
        check_number: String(rng.int(10000, 99999)),
        invoice_number: requisition.invoice_number,
        notes: null,
      });
    }
  }
}

/** Direct costs (expenses, invoices, payroll) on budgeted cost codes; they feed the budget's Direct Costs column. */
function generateDirectCosts(g: CompanyGen, project: Project, projectStart: number, budgeted: Budgeted[], vendors: Vendor[], directCostsPerProject: number) {
  const { rng, ids, base } = g;
  const types: DirectCostType[] = ['expense', 'invoice', 'payroll', 'invoice'];
  const dcStatuses: DirectCostStatus[] = ['approved', 'approved', 'pending', 'draft'];
  for (let d = 0; d < directCostsPerProject && budgeted.length > 0; d++) {
    const type = types[d % types.length] as DirectCostType;
    const at = projectStart + (20 + d * 9) * DAY;
    const vendor = type === 'invoice' && vendors.length > 0 ? rng.pick(vendors) : null;
    g.records.directCosts.push({
      id: ids.next('directCost'),
      ...base(at),
      project_id: project.id,
      origin_id: null,
      origin_data: null,
      direct_cost_type: type,
      status: dcStatuses[d % dcStatuses.length] as DirectCostStatus,
      vendor_id: vendor?.id ?? null,
      invoice_number: vendor ? `DC-${rng.int(1000, 9999)}` : null,
      direct_cost_date: day(at),
      received_date: vendor ? day(at) : null,
      payment_date: null,
      terms: vendor ? rng.pick(PAYMENT_TERMS) : null,
      description: type === 'payroll' ? 'Field labor payroll' : type === 'expense' ? 'Job site expenses' : `Invoice from ${vendor?.name ?? 'vendor'}`,
      line_items: Array.from({ length: rng.int(1, 3) }, () => {
        const b = rng.pick(budgeted);
        return {
          id: ids.next('directCostLineItem'),
          cost_code_id: b.code.id,
          line_item_type_id: b.bli.line_item_type_id,
          amount: roundMoney(rng.int(200, 12000) + rng.int(0, 99) / 100),
          description: b.code.name,
        };
      }),
    });
  }
}

function uniqueName(used: Set<string>, make: () => string): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const name = make();
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  const stem = make();
  for (let n = 2; ; n++) {
    const name = `${stem} (${n})`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '');
}

function abbreviate(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w))
    .map((w) => w[0])
    .join('')
    .toUpperCase()
    .slice(0, 6);
}

function phone(rng: Rng): string {
  return `(${rng.int(201, 989)}) 555-${String(rng.int(100, 199)).padStart(4, '0')}`;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function endOfMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0, 17);
}

function startOfMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1, 17);
}
