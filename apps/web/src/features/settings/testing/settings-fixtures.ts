import type { CompanySettings } from '../api/settings-queries.ts';

/**
 * A company's settings as the API answers them: the server's defaults, with nothing chosen from QuickBooks yet (no
 * retainage item, no item accounts, no classes); `overrides` set what a test is about.
 */
export function companySettings(overrides: Partial<CompanySettings> = {}): CompanySettings {
  return {
    useProcoreContractNumber: true,
    autoAddCostCodesToBudgets: false,
    directCostColumn: 'read_only_from_quickbooks',
    hideJobToDateCosts: false,
    vendorUpdatePolicy: 'never',
    invoiceRetainageItem: null,
    itemExpenseAccount: null,
    itemIncomeAccount: null,
    classByCostCode: {},
    approvalRequired: true,
    itemType: 'service',
    itemNameRule: 'refuse',
    refreshJobsAndVendorsEveryHours: 1,
    refreshJobCostsEveryHours: 2,
    qbwcRunEveryMinutes: 15,
    retainageReceivableItem: null,
    ownerInvoiceArAccount: null,
    ownerInvoiceLineItem: 'cost_code',
    ownerInvoiceContractItem: null,
    ownerInvoiceNumberSource: 'procore',
    ...overrides,
  };
}
