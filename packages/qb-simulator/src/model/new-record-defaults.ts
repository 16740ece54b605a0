import type { CompanyFile, ItemKind, StoredNode } from './company-file.ts';

/**
 * What QuickBooks fills in on a new record when the request (or the person) leaves it out, kept with the
 * record so later answers carry it like QuickBooks' do. Sources: real CustomerRet answers always carry
 * SalesTaxCodeRef ("Tax" on a US file with sales tax on, e.g. consolibyte's CustomerQuery example with
 * Balance, TotalBalance, SalesTaxCodeRef, JobStatus); a real VendorAddRs (packages/qbxml/src/fixtures/
 * vendor-add-rs.xml) carries NameOnCheck; service, non-inventory and other-charge items get the
 * non-taxable code "Non" (QuickBooks' default for services).
 */
function ref(name: string, listId: string | undefined): StoredNode[] {
  return listId ? [{ name, children: [{ name: 'ListID', text: listId }] }] : [];
}

function salesTaxCodeId(company: CompanyFile, taxable: boolean): string | undefined {
  return company.salesTaxCodes.find((c) => c.isActive && c.isTaxable === taxable)?.listId;
}

/** Adds each default whose element the stored fields do not already hold. */
export function withDefaults(extra: StoredNode[] | undefined, defaults: StoredNode[]): StoredNode[] | undefined {
  const have = new Set((extra ?? []).map((n) => n.name));
  const out = [...(extra ?? []), ...defaults.filter((d) => !have.has(d.name))];
  return out.length > 0 ? out : undefined;
}

/**
 * A new customer is taxable, and with sales tax on it gets the company's default sales tax item: real CustomerRet
 * answers from files with sales tax carry ItemSalesTaxRef beside SalesTaxCodeRef (test/fixtures/real/customer_query_rs.xml,
 * customer_query_terator_rs.xml: "Out of State"); the default is the one PreferencesRet names (DefaultItemSalesTaxRef).
 */
export function customerDefaults(company: CompanyFile): StoredNode[] {
  return [
    ...ref('SalesTaxCodeRef', salesTaxCodeId(company, true)),
    ...ref('ItemSalesTaxRef', company.items.find((i) => i.itemType === 'SalesTax' && i.isActive)?.listId),
  ];
}

/** What QuickBooks copies onto a purchase line from an item: its purchase description (SalesAndPurchase PurchaseDesc, or SalesOrPurchase Desc). */
export function itemPurchaseDesc(extra: StoredNode[] | undefined): string | undefined {
  const both = extra?.find((n) => n.name === 'SalesAndPurchase')?.children?.find((n) => n.name === 'PurchaseDesc')?.text;
  return both ?? extra?.find((n) => n.name === 'SalesOrPurchase')?.children?.find((n) => n.name === 'Desc')?.text;
}

export function vendorDefaults(name: string, companyName: string | undefined): StoredNode[] {
  return [{ name: 'NameOnCheck', text: companyName ?? name }];
}

const TAX_CODE_TYPES: ReadonlySet<ItemKind> = new Set(['Service', 'OtherCharge', 'NonInventory', 'Inventory', 'Discount']);

/** Items that carry a sales tax code: materials kept in stock are taxable when sold, the rest are not. */
export function itemDefaults(company: CompanyFile, kind: ItemKind): StoredNode[] {
  return TAX_CODE_TYPES.has(kind) ? ref('SalesTaxCodeRef', salesTaxCodeId(company, kind === 'Inventory')) : [];
}
