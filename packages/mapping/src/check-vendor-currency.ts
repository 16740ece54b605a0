// Multi-currency (docs/integration-map.md#currencies). QuickBooks puts a vendor's purchase orders and bills in the
// vendor's currency: a PurchaseOrderAdd or BillAdd for a vendor in Canadian dollars is a Canadian-dollar transaction,
// its amounts read as Canadian dollars (Intuit, "Set up and use multicurrency",
// https://community.intuit.com/articles/1501407-set-up-and-use-multicurrency: one currency per vendor, which "can't be
// changed for names that already have transactions recorded against them"; qbxml130.xsd PurchaseOrderAdd / BillAdd carry
// ExchangeRate but no CurrencyRef). Procore's amounts are in the project's currency, which the connector takes to be
// QuickBooks' home currency. Sending them to a foreign-currency vendor would book home-currency figures as foreign
// ones, so such an export is refused here, before anything is queued.
import { refuse } from './make-result.ts';
import type { MappingContext, MappingFailure, QbRef } from './mapping-types.ts';

/** null when multi-currency is off, or the vendor's QuickBooks currency is the home currency. */
export function checkVendorCurrency(vendor: QbRef, ctx: Pick<MappingContext, 'currency'>, what: string): MappingFailure | null {
  if (!ctx.currency) return null;
  const currency = ctx.currency.vendorCurrency(vendor.listId);
  if (currency === ctx.currency.home) return null;
  if (currency === null) {
    return refuse(
      'VENDOR_CURRENCY_UNKNOWN',
      `${what} goes to the QuickBooks vendor "${vendor.fullName}", whose currency the connector does not know yet, and multi-currency is on in QuickBooks: a vendor in another currency than ${ctx.currency.home} would take Procore's ${ctx.currency.home} amounts as its own currency. Refresh Vendors, then export again.`,
      { field: 'VendorRef' },
    );
  }
  return refuse(
    'FOREIGN_CURRENCY_VENDOR',
    `${what} goes to the QuickBooks vendor "${vendor.fullName}", whose currency is ${currency}, not the home currency ${ctx.currency.home}. QuickBooks would book Procore's ${ctx.currency.home} amounts as ${currency}, so it is not sent. Enter it in QuickBooks by hand (QuickBooks converts at its exchange rate), or link the Procore vendor to a ${ctx.currency.home} vendor.`,
    { field: 'VendorRef' },
  );
}
