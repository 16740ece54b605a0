// A construction company's QuickBooks Online file, the same for the same seed: the accounts a contractor uses
// (A/P, A/R, a bank account, job-cost expense accounts, income, a Retainage Payable liability), vendors
// (subcontractors and suppliers), customers with sub-customer jobs (Job=true, ParentRef: what the connector
// maps Procore projects to), service items (cost codes) and classes.

import type { RealmStore } from '../model/realm-store.ts';

export interface SeedOptions {
  seed?: number;
  vendors?: number;
  customers?: number;
  jobsPerCustomer?: number;
}

export interface SeedSummary {
  accounts: number;
  vendors: number;
  customers: number;
  jobs: number;
  items: number;
  classes: number;
}

/** mulberry32: small, seedable, enough for names. */
function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TRADES = ['Concrete', 'Steel', 'Electric', 'Plumbing', 'Mechanical', 'Drywall', 'Roofing', 'Glazing', 'Paving', 'Masonry', 'Painting', 'Excavation'];
const VENDOR_SUFFIXES = ['Inc.', 'LLC', 'Co.', 'Contractors', 'Services', 'Supply'];
const SURNAMES = [
  'Alvarez',
  'Brooks',
  'Chen',
  'Duarte',
  'Ellison',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ibarra',
  'Jensen',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Nakamura',
];
const OWNERS = ['Harbor View Development', 'Riverside School District', 'Summit Medical Group', 'Oakridge Properties', 'Cityline Transit', 'Maple Grove Homes'];
const JOBS = ['Tower A', 'Gymnasium', 'Clinic Expansion', 'Parking Structure', 'Phase 2', 'Station Retrofit', 'Lot 14', 'Warehouse'];
const COST_CODES = [
  ['01-100', 'General Requirements'],
  ['03-300', 'Cast-in-Place Concrete'],
  ['05-100', 'Structural Steel'],
  ['06-100', 'Rough Carpentry'],
  ['07-500', 'Roofing'],
  ['08-400', 'Storefronts'],
  ['09-250', 'Gypsum Board'],
  ['09-900', 'Painting'],
  ['22-000', 'Plumbing'],
  ['23-000', 'HVAC'],
  ['26-000', 'Electrical'],
  ['31-200', 'Earthwork'],
] as const;

export function seedCompany(store: RealmStore, options: SeedOptions = {}): SeedSummary {
  const rng = createRng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
  const accounts: Array<[string, string, string]> = [
    ['Accounts Payable (A/P)', 'Accounts Payable', 'AccountsPayable'],
    ['Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable'],
    ['Operating Checking', 'Bank', 'Checking'],
    ['Company Credit Card', 'Credit Card', 'CreditCard'],
    ['Job Costs - Subcontracts', 'Cost of Goods Sold', 'CostOfLaborCos'],
    ['Job Costs - Materials', 'Cost of Goods Sold', 'SuppliesMaterialsCogs'],
    ['Contract Revenue', 'Income', 'ServiceFeeIncome'],
    ['Retainage Payable', 'Other Current Liability', 'OtherCurrentLiabilities'],
    ['Retainage Receivable', 'Other Current Asset', 'OtherCurrentAssets'],
  ];
  const accountIds = new Map<string, string>();
  for (const [name, type, subType] of accounts) accountIds.set(name, store.create('Account', { Name: name, AccountType: type, AccountSubType: subType }).Id);

  const vendorCount = options.vendors ?? 12;
  const usedNames = new Set<string>();
  for (let i = 0; i < vendorCount; i++) {
    let name: string;
    do name = `${pick(SURNAMES)} ${TRADES[i % TRADES.length]} ${pick(VENDOR_SUFFIXES)}`;
    while (usedNames.has(name));
    usedNames.add(name);
    store.create('Vendor', { DisplayName: name, CompanyName: name, PrintOnCheckName: name, Vendor1099: rng() < 0.6 });
  }

  const customerCount = Math.min(options.customers ?? 4, OWNERS.length);
  const jobsPerCustomer = options.jobsPerCustomer ?? 2;
  let jobs = 0;
  for (let c = 0; c < customerCount; c++) {
    const owner = store.create('Customer', { DisplayName: OWNERS[c], CompanyName: OWNERS[c] });
    for (let j = 0; j < jobsPerCustomer; j++) {
      store.create('Customer', {
        DisplayName: `${OWNERS[c]} - ${JOBS[(c * jobsPerCustomer + j) % JOBS.length]} ${2026 + j}`,
        Job: true,
        ParentRef: { value: owner.Id },
        BillWithParent: false,
      });
      jobs++;
    }
  }

  for (const [code, name] of COST_CODES) {
    store.create('Item', {
      Name: `${code} ${name}`,
      Type: 'Service',
      Description: name,
      ExpenseAccountRef: { value: accountIds.get('Job Costs - Subcontracts') },
      IncomeAccountRef: { value: accountIds.get('Contract Revenue') },
    });
  }
  const classes = ['Commercial', 'Public Works', 'Residential'];
  for (const name of classes) store.create('Class', { Name: name });

  return { accounts: accounts.length, vendors: vendorCount, customers: customerCount, jobs, items: COST_CODES.length, classes: classes.length };
}
