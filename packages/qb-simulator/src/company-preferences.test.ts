import { describe, expect, it } from 'vitest';
import { generateCompanyFile } from './generate/generate-company-file.ts';
import { createCompanyFile } from './model/create-company-file.ts';
import { childOf, expectValidResponse, makeHarness, statusOf, textOf } from './test-support/simulator-fixture.ts';

const vendorAdd = '<VendorAddRq><VendorAdd><Name>Birch Framing</Name></VendorAdd></VendorAddRq>';
const poAdd = (date: string) =>
  `<PurchaseOrderAddRq><PurchaseOrderAdd><VendorRef><FullName>Birch Framing</FullName></VendorRef><TxnDate>${date}</TxnDate>` +
  '<PurchaseOrderLineAdd><Desc>Framing</Desc><Amount>100.00</Amount></PurchaseOrderLineAdd></PurchaseOrderAdd></PurchaseOrderAddRq>';

describe('Company Information and Preferences as QuickBooks reports them (qbxml130.xsd CompanyRet, PreferencesRet)', () => {
  it('CompanyRet carries addresses, contact, fiscal year, EIN and tax form, valid against the XSD', async () => {
    const h = makeHarness();
    const root = await expectValidResponse(h.sim.hostCompanyPreferencesResponse());
    const company = childOf(childOf(childOf(root, 'QBXMLMsgsRs'), 'CompanyQueryRs'), 'CompanyRet');
    expect(company?.children.map((c) => c.name)).toEqual([
      'IsSampleCompany',
      'CompanyName',
      'LegalCompanyName',
      'Address',
      'AddressBlock',
      'LegalAddress',
      'CompanyAddressForCustomer',
      'CompanyAddressBlockForCustomer',
      'Phone',
      'Email',
      'CompanyEmailForCustomer',
      'CompanyWebSite',
      'FirstMonthFiscalYear',
      'FirstMonthIncomeTaxYear',
      'EIN',
      'TaxForm',
    ]);
    expect(textOf(company, 'FirstMonthFiscalYear')).toBe('January');
    expect(textOf(childOf(company, 'Address'), 'City')).toBe('Columbus');
  });

  it('PreferencesRet has every section; class tracking, closing date, multi-currency and inventory follow the file', async () => {
    const company = generateCompanyFile({ seed: 3, vendors: 2, customers: 1, jobsPerCustomer: 1, items: 4, bills: 0, purchaseOrders: 0 });
    company.closingDate = '2024-03-31';
    company.isMultiCurrencyOn = true;
    const h = makeHarness({ company });
    const prefs = childOf(await h.one('<PreferencesQueryRq/>'), 'PreferencesRet');
    expect(prefs?.children.map((c) => c.name)).toEqual([
      'AccountingPreferences',
      'FinanceChargePreferences',
      'JobsAndEstimatesPreferences',
      'MultiCurrencyPreferences',
      'MultiLocationInventoryPreferences',
      'PurchasesAndVendorsPreferences',
      'ReportsPreferences',
      'SalesAndCustomersPreferences',
      'SalesTaxPreferences',
      'TimeTrackingPreferences',
      'CurrentAppAccessRights',
      'ItemsAndInventoryPreferences',
    ]);
    expect(textOf(childOf(prefs, 'AccountingPreferences'), 'ClosingDate')).toBe('2024-03-31');
    expect(textOf(childOf(prefs, 'AccountingPreferences'), 'IsUsingClassTracking')).toBe('true');
    expect(textOf(childOf(prefs, 'MultiCurrencyPreferences'), 'IsMultiCurrencyOn')).toBe('true');
    expect(textOf(childOf(prefs, 'PurchasesAndVendorsPreferences'), 'IsUsingInventory')).toBe('true');
  });

  it('a file without inventory or sales tax items: IsUsingInventory false, no SalesTaxPreferences, no ClosingDate', async () => {
    const h = makeHarness({ company: createCompanyFile({ isUsingClassTracking: false }) });
    const prefs = childOf(await h.one('<PreferencesQueryRq/>'), 'PreferencesRet');
    expect(textOf(childOf(prefs, 'PurchasesAndVendorsPreferences'), 'IsUsingInventory')).toBe('false');
    expect(childOf(prefs, 'SalesTaxPreferences')).toBeUndefined();
    expect(childOf(childOf(prefs, 'AccountingPreferences'), 'ClosingDate')).toBeUndefined();
    expect(textOf(childOf(prefs, 'AccountingPreferences'), 'IsUsingClassTracking')).toBe('false');
  });
});

describe('closing date: 3171 for a transaction in the closed period', () => {
  it('an Add dated on or before the closing date answers 3171 and adds nothing; the day after is accepted', async () => {
    const company = createCompanyFile();
    company.closingDate = '2024-03-31';
    const h = makeHarness({ company });
    await h.one(vendorAdd);
    const refused = statusOf(await h.one(poAdd('2024-03-31')));
    expect(refused.code).toBe(3171);
    expect(refused.severity).toBe('Error');
    expect(refused.message).toMatch(/^An attempt was made to modify a PurchaseOrder with a date that is on or before the closing date of the company\./);
    expect(h.sim.company.purchaseOrders).toHaveLength(0);
    expect(statusOf(await h.one(poAdd('2024-04-01'))).code).toBe(0);
  });

  it('a Mod of a transaction inside the closed period, or moving one into it, answers 3171 and changes nothing', async () => {
    const company = createCompanyFile();
    const h = makeHarness({ company });
    await h.one(vendorAdd);
    const po = childOf(await h.one(poAdd('2024-03-15')), 'PurchaseOrderRet');
    const later = childOf(await h.one(poAdd('2024-04-15')), 'PurchaseOrderRet');
    company.closingDate = '2024-03-31';
    const mod = (ret: typeof po, extra: string) =>
      `<PurchaseOrderModRq><PurchaseOrderMod><TxnID>${textOf(ret, 'TxnID')}</TxnID><EditSequence>${textOf(ret, 'EditSequence')}</EditSequence>${extra}</PurchaseOrderMod></PurchaseOrderModRq>`;
    expect(statusOf(await h.one(mod(po, '<Memo>late</Memo>'))).code).toBe(3171);
    expect(statusOf(await h.one(mod(later, '<TxnDate>2024-03-30</TxnDate>'))).code).toBe(3171);
    expect(h.sim.company.purchaseOrders.map((p) => [p.txnDate, p.memo])).toEqual([
      ['2024-03-15', undefined],
      ['2024-04-15', undefined],
    ]);
  });
});

describe('a limited QuickBooks user: what its role may not see is left out without an error', () => {
  it('its queries of hidden transaction kinds find nothing; the HCP names the user the application logs in as', async () => {
    const company = generateCompanyFile({
      seed: 3,
      vendors: 3,
      customers: 1,
      jobsPerCustomer: 1,
      items: 4,
      bills: 5,
      purchaseOrders: 2,
      checks: 2,
      creditCardCharges: 0,
    });
    const h = makeHarness({ company, limitedUser: { name: 'Field Office', hiddenTxnKinds: ['Bill', 'Check'] } });
    expect(statusOf(await h.one('<BillQueryRq/>')).code).toBe(1);
    expect(statusOf(await h.one('<CheckQueryRq/>')).code).toBe(1);
    expect((await h.one('<PurchaseOrderQueryRq/>')).children).toHaveLength(2);
    const root = await expectValidResponse(h.sim.hostCompanyPreferencesResponse());
    const prefs = childOf(childOf(childOf(root, 'QBXMLMsgsRs'), 'PreferencesQueryRs'), 'PreferencesRet');
    expect(textOf(childOf(prefs, 'CurrentAppAccessRights'), 'AutomaticLoginUserName')).toBe('Field Office');
    h.sim.setOptions({ limitedUser: undefined });
    expect((await h.one('<BillQueryRq/>')).children).toHaveLength(5);
  });
});
