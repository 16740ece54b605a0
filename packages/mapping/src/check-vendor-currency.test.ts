import { describe, expect, it } from 'vitest';
import { checkVendorCurrency } from './check-vendor-currency.ts';

const vendor = { listId: '80000010-1700000000', fullName: 'Érable Steel Ltée' };
const currencies = new Map([
  [vendor.listId, 'Canadian Dollar'],
  ['80000011-1700000000', 'US Dollar'],
]);
const ctx = { currency: { home: 'US Dollar', vendorCurrency: (id: string) => currencies.get(id) ?? null } };

describe('checkVendorCurrency: Procore amounts (home currency) never go to a foreign-currency QuickBooks vendor', () => {
  it('multi-currency off: nothing to check', () => {
    expect(checkVendorCurrency(vendor, {}, 'The purchase order for commitment SC-1')).toBeNull();
  });

  it('a home-currency vendor passes', () => {
    expect(checkVendorCurrency({ listId: '80000011-1700000000', fullName: 'Ridge Concrete' }, ctx, 'The purchase order for commitment SC-1')).toBeNull();
  });

  it('a vendor in Canadian dollars is refused with FOREIGN_CURRENCY_VENDOR, naming both currencies', () => {
    const refused = checkVendorCurrency(vendor, ctx, 'The purchase order for commitment SC-1');
    expect(refused?.refusal.code).toBe('FOREIGN_CURRENCY_VENDOR');
    expect(refused?.refusal.message).toContain('whose currency is Canadian Dollar, not the home currency US Dollar');
    expect(refused?.refusal.field).toBe('VendorRef');
  });

  it('a vendor whose currency is not known yet is refused until Refresh Vendors (VENDOR_CURRENCY_UNKNOWN)', () => {
    const refused = checkVendorCurrency({ listId: '80000099-1700000000', fullName: 'New Vendor' }, ctx, 'The bill for invoice 3');
    expect(refused?.refusal.code).toBe('VENDOR_CURRENCY_UNKNOWN');
    expect(refused?.refusal.message).toContain('Refresh Vendors');
  });
});
