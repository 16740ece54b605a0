import { describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import { childOf, childrenOf, makeHarness, retOf, statusOf, textOf } from './test-support/simulator-fixture.ts';

const FILE = { seed: 5, vendors: 5, customers: 2, jobsPerCustomer: 1, items: 12, bills: 3, checks: 0, creditCardCharges: 0 };

describe("the item types of a contractor's file", () => {
  it('ItemQuery answers every type as its own Ret; each Item<Type>Query answers its own (ItemInventoryQuery is not 1030)', async () => {
    const h = makeHarness({ company: generateCompanyFile(FILE) });
    const all = await h.one('<ItemQueryRq/>');
    expect([...new Set(all.children.map((c) => c.name))].sort()).toEqual([
      'ItemDiscountRet',
      'ItemGroupRet',
      'ItemInventoryRet',
      'ItemNonInventoryRet',
      'ItemOtherChargeRet',
      'ItemPaymentRet',
      'ItemSalesTaxRet',
      'ItemServiceRet',
      'ItemSubtotalRet',
    ]);
    for (const type of ['Inventory', 'NonInventory', 'Group', 'Discount', 'Subtotal', 'SalesTax', 'Payment', 'Service', 'OtherCharge']) {
      const rs = await h.one(`<Item${type}QueryRq/>`);
      expect(statusOf(rs).code, type).toBe(0);
      expect(new Set(rs.children.map((c) => c.name)), type).toEqual(new Set([`Item${type}Ret`]));
    }
  });

  it("renders what each type carries: inventory quantities and accounts, a group's lines, the tax agency", async () => {
    const h = makeHarness({ company: generateCompanyFile(FILE) });
    const rebar = childrenOf(await h.one('<ItemInventoryQueryRq><FullName>Rebar #4 20ft</FullName></ItemInventoryQueryRq>'), 'ItemInventoryRet')[0];
    expect(textOf(childOf(rebar, 'AssetAccountRef'), 'FullName')).toBe('Inventory Asset');
    expect(textOf(childOf(rebar, 'COGSAccountRef'), 'FullName')).toBe('Job Expenses:Job Materials');
    expect([textOf(rebar, 'QuantityOnHand'), textOf(rebar, 'AverageCost'), textOf(childOf(rebar, 'SalesTaxCodeRef'), 'FullName')]).toEqual([
      '420',
      '9.85',
      'Tax',
    ]);
    const group = retOf(await h.one('<ItemGroupQueryRq/>'));
    expect(childrenOf(group, 'ItemGroupLine').map((l) => textOf(childOf(l, 'ItemRef'), 'FullName'))).toEqual(['Framing Lumber', 'Fasteners and Hardware']);
    expect(textOf(group, 'FullName')).toBeUndefined();
    const tax = retOf(await h.one('<ItemSalesTaxQueryRq/>'));
    expect(textOf(childOf(tax, 'TaxVendorRef'), 'FullName')).toBe('Ohio Department of Taxation');
    // Another type's ListID is not in the Service list: 500, like any ID a query cannot find.
    const wrong = await h.one(`<ItemServiceQueryRq><ListID>${textOf(rebar, 'ListID')}</ListID></ItemServiceQueryRq>`);
    expect(statusOf(wrong).code).toBe(500);
    // ... and an ItemServiceMod of it is refused (3120), not applied to the inventory item.
    const mod = await h.one(
      `<ItemServiceModRq><ItemServiceMod><ListID>${textOf(rebar, 'ListID')}</ListID><EditSequence>${textOf(rebar, 'EditSequence')}</EditSequence><Name>X</Name></ItemServiceMod></ItemServiceModRq>`,
    );
    expect(statusOf(mod).code).toBe(3120);
  });

  it('a deleted inventory item is reported as ItemInventory by ListDeletedQuery', async () => {
    const company = generateCompanyFile(FILE);
    const h = makeHarness({ company });
    const drywall = company.items.find((i) => i.itemType === 'Inventory' && i.name.startsWith('Drywall'));
    h.sim.deleteListEntry(drywall?.listId as string);
    const rs = await h.one('<ListDeletedQueryRq><ListDelType>ItemInventory</ListDelType></ListDeletedQueryRq>');
    expect(childrenOf(rs, 'ListDeletedRet').map((d) => textOf(d, 'FullName'))).toEqual(['Drywall 5/8 Type X']);
  });
});
