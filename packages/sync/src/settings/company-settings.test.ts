import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPANY_SETTINGS, validateSettingsChange } from './company-settings.ts';

describe('company settings', () => {
  it('defaults: approval required, no retainage item, Procore contract # as RefNumber', () => {
    expect(DEFAULT_COMPANY_SETTINGS).toMatchObject({ approvalRequired: true, invoiceRetainageItem: null, useProcoreContractNumber: true });
  });

  it('merges a valid change', () => {
    const next = validateSettingsChange(DEFAULT_COMPANY_SETTINGS, {
      approvalRequired: false,
      invoiceRetainageItem: { listId: '80000001-1', fullName: 'Retainage Payable' },
    });
    expect(next.approvalRequired).toBe(false);
    expect(next.invoiceRetainageItem?.fullName).toBe('Retainage Payable');
    expect(next.itemType).toBe('service');
  });

  it('reports every problem at once, by field', () => {
    try {
      validateSettingsChange(DEFAULT_COMPANY_SETTINGS, {
        approvalRequired: 'yes',
        qbwcRunEveryMinutes: 0,
        directCostColumn: 'both',
        nonsense: 1,
        invoiceRetainageItem: { listId: 'x' },
      });
      expect.unreachable();
    } catch (error) {
      const fields = (error as { details: { fields: Record<string, string> } }).details.fields;
      expect(Object.keys(fields).sort()).toEqual(['approvalRequired', 'directCostColumn', 'invoiceRetainageItem', 'nonsense', 'qbwcRunEveryMinutes']);
      expect((error as Error).message).toMatch(/qbwcRunEveryMinutes must be a whole number from 1 to 1440/);
    }
  });

  it('Hide Job to date costs goes with the editable Direct Cost column only', () => {
    expect(() => validateSettingsChange(DEFAULT_COMPANY_SETTINGS, { hideJobToDateCosts: true })).toThrow(
      /hideJobToDateCosts can be on only when the Direct Cost column is editable/,
    );
    const editable = validateSettingsChange(DEFAULT_COMPANY_SETTINGS, { directCostColumn: 'editable', hideJobToDateCosts: true });
    expect(editable).toMatchObject({ directCostColumn: 'editable', hideJobToDateCosts: true });
    // Making the column read-only again turns the hiding off rather than refusing the change.
    expect(validateSettingsChange(editable, { directCostColumn: 'read_only_from_quickbooks' })).toMatchObject({
      directCostColumn: 'read_only_from_quickbooks',
      hideJobToDateCosts: false,
    });
  });

  it('owner invoices: one item per contract needs that item; the Retainage Receivable item and A/R account are QuickBooks refs', () => {
    expect(DEFAULT_COMPANY_SETTINGS).toMatchObject({ retainageReceivableItem: null, ownerInvoiceLineItem: 'cost_code', ownerInvoiceNumberSource: 'procore' });
    expect(() => validateSettingsChange(DEFAULT_COMPANY_SETTINGS, { ownerInvoiceLineItem: 'contract' })).toThrow(
      /ownerInvoiceLineItem one item per contract needs the contract item/,
    );
    const item = { listId: '80000009-1', fullName: 'Contract Billing' };
    const contract = validateSettingsChange(DEFAULT_COMPANY_SETTINGS, { ownerInvoiceLineItem: 'contract', ownerInvoiceContractItem: item });
    expect(contract).toMatchObject({ ownerInvoiceLineItem: 'contract', ownerInvoiceContractItem: item });
    // Taking the item away while the mode needs it is refused on the item.
    expect(() => validateSettingsChange(contract, { ownerInvoiceContractItem: null })).toThrow(/ownerInvoiceContractItem one item per contract/);
    expect(() => validateSettingsChange(DEFAULT_COMPANY_SETTINGS, { retainageReceivableItem: { listId: '' }, ownerInvoiceNumberSource: 'qb' })).toThrow(
      /retainageReceivableItem|ownerInvoiceNumberSource/,
    );
  });
});
