// Test support: links, settings and ids for the mapper tests, and assertions on their results.
import type { QbxmlRequest } from '@connector/qbxml';
import { expect } from 'vitest';
import type { LinkLookup, MappingContext, MappingResult, MappingSettings, QbItemLink, QbListLink, QbTxnLink, Refusal } from '../mapping-types.ts';

export interface LinkTables {
  vendors?: Record<number, QbListLink>;
  customers?: Record<number, QbListLink>;
  jobs?: Record<number, QbListLink>;
  items?: Record<number, QbItemLink>;
  purchaseOrders?: Record<number, QbTxnLink>;
  estimates?: Record<number, QbTxnLink>;
  bills?: Record<number, QbTxnLink>;
}

export function makeLinks(t: LinkTables = {}): LinkLookup {
  const get = <T>(table: Record<number, T> | undefined, id: number): T | null => table?.[id] ?? null;
  return {
    vendor: (id) => get(t.vendors, id),
    customerForProject: (id) => get(t.customers, id),
    job: (id) => get(t.jobs, id),
    item: (id) => get(t.items, id),
    purchaseOrder: (id) => get(t.purchaseOrders, id),
    estimate: (id) => get(t.estimates, id),
    bill: (id) => get(t.bills, id),
  };
}

export const EXPENSE_ACCOUNT = { listId: '80000030-1700000000', fullName: 'Job Costs:Subcontracts' };
export const INCOME_ACCOUNT = { listId: '80000031-1700000000', fullName: 'Construction Income' };
export const RETAINAGE_ITEM = { listId: '80000040-1700000000', fullName: 'Retainage Payable' };

export const SETTINGS: MappingSettings = {
  itemType: 'service',
  itemNameRule: 'refuse',
  useProcoreContractNumber: true,
  invoiceRetainageItem: RETAINAGE_ITEM,
  itemExpenseAccount: EXPENSE_ACCOUNT,
  itemIncomeAccount: INCOME_ACCOUNT,
};

// Procore ids used across the tests.
export const PROJECT_ID = 7;
export const VENDOR_ID = 12;
export const COMMITMENT_ID = 40;
export const CC_CONCRETE = 301;
export const CC_REBAR = 302;
export const CC_SITE = 201;

export const VENDOR_LINK: QbListLink = { listId: '80000002-1700000000', fullName: 'ABC Concrete', editSequence: '1700000100' };
export const CUSTOMER_LINK: QbListLink = { listId: '80000010-1700000000', fullName: 'Riverside Medical', editSequence: '1700000101' };
export const JOB_LINK: QbListLink = { listId: '80000011-1700000000', fullName: 'Riverside Medical:MOB Expansion', editSequence: '1700000102' };
export const ITEM_LINKS: Record<number, QbItemLink> = {
  [CC_CONCRETE]: { listId: '80000020-1700000000', fullName: '03 Concrete:03-300 Cast-in-Place', editSequence: '1700000103' },
  [CC_REBAR]: { listId: '80000021-1700000000', fullName: '03 Concrete:03-200 Reinforcing', editSequence: '1700000104' },
  [CC_SITE]: { listId: '80000022-1700000000', fullName: '02 Site Work:02-300 Earthwork', editSequence: '1700000105' },
};

/** Everything a commitment, change order, budget or invoice needs is already in QuickBooks. */
export const ALL_LINKED = {
  vendors: { [VENDOR_ID]: VENDOR_LINK },
  customers: { [PROJECT_ID]: CUSTOMER_LINK },
  jobs: { [PROJECT_ID]: JOB_LINK },
  items: ITEM_LINKS,
} satisfies LinkTables;

export function makeContext(
  overrides: { settings?: Partial<MappingSettings>; qbCountry?: string; qbClosingDate?: string; links?: LinkTables } = {},
): MappingContext {
  return {
    settings: { ...SETTINGS, ...overrides.settings },
    qbCountry: overrides.qbCountry ?? 'US',
    ...(overrides.qbClosingDate === undefined ? {} : { qbClosingDate: overrides.qbClosingDate }),
    links: makeLinks(overrides.links ?? ALL_LINKED),
  };
}

/** The success, or a test failure showing the refusal. */
export function expectOk<R extends QbxmlRequest>(result: MappingResult<R>): Extract<MappingResult<R>, { ok: true }> {
  if (!result.ok) expect.fail(`expected a request, got ${result.refusal.code}: ${result.refusal.message}`);
  return result as Extract<MappingResult<R>, { ok: true }>;
}

export function expectRefusal(result: MappingResult, code: Refusal['code']): Refusal {
  if (result.ok) expect.fail(`expected refusal ${code}, got a ${result.request.type} request`);
  expect(result.refusal.code).toBe(code);
  // Every refusal is a sentence an accountant can act on.
  expect(result.refusal.message).toMatch(/^[A-Z"].*[.)]$/s);
  return result.refusal;
}

/** Field value of a preview, or undefined. */
export function previewValue(result: { preview: Array<{ field: string; value: string }> }, field: string): string | undefined {
  return result.preview.find((f) => f.field === field)?.value;
}
