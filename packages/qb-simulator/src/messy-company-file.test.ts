import { describe, expect, it } from 'vitest';
import { generateCompanyFile, type GenerateOptions } from './generate/generate-company-file.ts';
import { childOf, makeHarness, qbxmlRequest, statusOf, textOf } from './test-support/simulator-fixture.ts';

const FILE: GenerateOptions = {
  seed: 31,
  vendors: 30,
  customers: 4,
  jobsPerCustomer: 3,
  items: 20,
  bills: 20,
  purchaseOrders: 10,
  checks: 0,
  creditCardCharges: 0,
};

describe('a messy company file (generateCompanyFile messyRate)', () => {
  it('without messyRate (or 0) the file is exactly what the seed gave before', () => {
    expect(generateCompanyFile({ ...FILE, messyRate: 0 })).toEqual(generateCompanyFile(FILE));
  });

  it('holds names with &, quotes, non-ASCII and trailing spaces, inactive entries, sub-jobs, long memos, and deleted-then-recreated names', () => {
    const company = generateCompanyFile({ ...FILE, messyRate: 0.4 });
    const names = [...company.vendors, ...company.customers, ...company.items].map((e) => e.name);
    expect(names.some((n) => n.includes('&'))).toBe(true);
    expect(names.some((n) => /["']/.test(n))).toBe(true);
    expect(names.some((n) => /[^\x00-\x7f]/.test(n))).toBe(true);
    expect(names.some((n) => n !== n.trimEnd())).toBe(true);
    expect(names.every((n) => !n.includes(':'))).toBe(true);
    expect(company.vendors.every((v) => v.name.length <= 41)).toBe(true);
    expect(company.items.every((i) => i.name.length <= 31)).toBe(true);
    expect(company.vendors.some((v) => !v.isActive) && company.customers.some((c) => c.parentId && !c.isActive)).toBe(true);
    const byId = new Map(company.customers.map((c) => [c.listId, c]));
    const depth = (c: { parentId?: string }): number => (c.parentId ? 1 + depth(byId.get(c.parentId)!) : 0);
    expect(Math.max(...company.customers.map(depth))).toBeGreaterThanOrEqual(2);
    expect(company.bills.concat(company.purchaseOrders as never[]).some((t) => (t.memo?.length ?? 0) > 4000)).toBe(true);
    expect(company.bills.concat(company.purchaseOrders as never[]).every((t) => (t.memo?.length ?? 0) <= 4095)).toBe(true);
    expect(company.deleted.some((d) => d.type === 'Vendor' && company.vendors.some((v) => v.name === d.name && v.listId !== d.id))).toBe(true);
    // Deterministic.
    expect(generateCompanyFile({ ...FILE, messyRate: 0.4 })).toEqual(company);
  });

  it('QuickBooks answers every list and the deleted names from it, valid against the XSD, names exactly as stored', async () => {
    const company = generateCompanyFile({ ...FILE, messyRate: 0.4 });
    const h = makeHarness({ company });
    const vendors = await h.one('<VendorQueryRq><ActiveStatus>All</ActiveStatus></VendorQueryRq>');
    // The test harness's parser trims text; the raw answer keeps a trailing space (checked below).
    expect(vendors.children.map((r) => textOf(r, 'Name'))).toEqual(company.vendors.map((v) => v.name.trim()));
    const spaced = [...company.vendors, ...company.customers.filter((c) => !c.parentId)].find((e) => e.name !== e.name.trimEnd())!;
    const raw = await h.sim.processRequest(
      qbxmlRequest('<VendorQueryRq><ActiveStatus>All</ActiveStatus></VendorQueryRq><CustomerQueryRq><ActiveStatus>All</ActiveStatus></CustomerQueryRq>'),
    );
    expect(raw).toContain(
      `<Name>${spaced.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')}</Name>`,
    );
    const customers = await h.one('<CustomerQueryRq><ActiveStatus>All</ActiveStatus></CustomerQueryRq>');
    expect(
      customers.children.filter((r) => textOf(r, 'Sublevel') === '3').length + customers.children.filter((r) => textOf(r, 'Sublevel') === '2').length,
    ).toBeGreaterThan(0);
    expect(statusOf(await h.one('<ItemQueryRq><ActiveStatus>All</ActiveStatus></ItemQueryRq>')).code).toBe(0);
    const bills = await h.one('<BillQueryRq/>');
    expect(bills.children.some((b) => (textOf(b, 'Memo')?.length ?? 0) > 4000)).toBe(true);
    const deleted = await h.one('<ListDeletedQueryRq><ListDelType>Vendor</ListDelType><ListDelType>Customer</ListDelType></ListDeletedQueryRq>');
    expect(deleted.children.length).toBeGreaterThan(0);
    expect(childOf(deleted, 'ListDeletedRet')).toBeDefined();
  });
});
