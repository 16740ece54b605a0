import type { Cents, Invoice } from './company-file.ts';
import type { CompanyStore } from './company-store.ts';

function storedRef(extra: { name: string; children?: { name: string; text?: string }[] }[] | undefined, refName: string): string | undefined {
  return extra?.find((n) => n.name === refName)?.children?.find((c) => c.name === 'ListID')?.text;
}

/** ItemSalesTaxRet TaxRate, a percent ("5.75"); 0 for no item or none set. */
export function salesTaxRate(store: CompanyStore, itemSalesTaxId: string | undefined): number {
  const rate = itemSalesTaxId ? store.list('item', itemSalesTaxId)?.extra?.find((n) => n.name === 'TaxRate')?.text : undefined;
  const n = Number(rate);
  return Number.isFinite(n) ? n : 0;
}

function isTaxableCode(store: CompanyStore, codeId: string | undefined): boolean {
  return codeId !== undefined && store.list('salesTaxCode', codeId)?.isTaxable === true;
}

/**
 * Sales tax on an invoice as QuickBooks computes it: the lines whose sales tax code is taxable, for a customer whose
 * code is taxable (the invoice's CustomerSalesTaxCodeRef, else the customer's; none = taxable), at the rate of the
 * invoice's sales tax item, rounded to the cent. Construction progress billing lines are on service items, whose
 * code is "Non": no tax unless the request or the item says so.
 */
export function invoiceSalesTax(store: CompanyStore, inv: Pick<Invoice, 'lines' | 'customerId' | 'itemSalesTaxId' | 'extra'>): Cents {
  if (!inv.itemSalesTaxId) return 0;
  const customerCode = storedRef(inv.extra, 'CustomerSalesTaxCodeRef') ?? storedRef(store.list('customer', inv.customerId)?.extra, 'SalesTaxCodeRef');
  if (customerCode !== undefined && !isTaxableCode(store, customerCode)) return 0;
  const taxable = inv.lines.filter((l) => isTaxableCode(store, l.salesTaxCodeId)).reduce((s, l) => s + l.amount, 0);
  return Math.round((taxable * salesTaxRate(store, inv.itemSalesTaxId)) / 100);
}

/** Subtotal (the lines) plus sales tax: what the invoice bills. */
export function invoiceTotal(store: CompanyStore, inv: Pick<Invoice, 'lines' | 'customerId' | 'itemSalesTaxId' | 'extra'>): Cents {
  return inv.lines.reduce((s, l) => s + l.amount, 0) + invoiceSalesTax(store, inv);
}
