import type { CompanyFile, CompanyProfile } from '../model/company-file.ts';
import { addressBlock } from './build-ret-parts.ts';
import { DEFAULT_COMPANY_PROFILE } from '../model/describe-company-address.ts';
import { STATUS } from '../status/status-codes.ts';
import { orderBySchema } from '../xsd/order-by-schema.ts';
import type { XmlNode } from '../xml/xml-node.ts';
import { el, textsOf } from '../xml/xml-node.ts';
import type { RequestContext } from './request-context.ts';
import { buildResponse } from './request-context.ts';

/** qbXML versions a 2024 QuickBooks Desktop (version 34) accepts. */
const SUPPORTED_QBXML = [
  '1.0',
  '1.1',
  '2.0',
  '2.1',
  '3.0',
  '4.0',
  '4.1',
  '5.0',
  '6.0',
  '7.0',
  '8.0',
  '9.0',
  '10.0',
  '11.0',
  '12.0',
  '13.0',
  '14.0',
  '15.0',
  '16.0',
];

export function renderHostRet(company: CompanyFile): XmlNode {
  return orderBySchema(
    el('HostRet', [
      el('ProductName', company.productName),
      el('MajorVersion', company.majorVersion),
      el('MinorVersion', company.minorVersion),
      el('Country', company.country),
      ...SUPPORTED_QBXML.map((v) => el('SupportedQBXMLVersion', v)),
      el('IsAutomaticLogin', 'true'),
      el('QBFileMode', 'SingleUser'),
    ]),
  );
}

function addressNodes(name: string, p: CompanyProfile): XmlNode {
  return el(name, [el('Addr1', p.addr1), el('City', p.city), el('State', p.state), el('PostalCode', p.postalCode), el('Country', 'US')]);
}

/**
 * CompanyRet as QuickBooks reports Company Information (qbxml130.xsd CompanyRet, in its order): name, the company
 * and legal addresses with their printed blocks, the address and email customers see, phone, email, web site,
 * first month of the fiscal and income tax year, EIN, tax form; then DataExtRet for the requested OwnerIDs (all when
 * `ownerIds` is undefined) — QBWC guide p.36.
 */
export function renderCompanyRet(company: CompanyFile, ownerIds: string[] | undefined): XmlNode {
  const wanted = ownerIds ? new Set(ownerIds.map((o) => o.toLowerCase())) : undefined;
  const exts = company.dataExt
    .filter((d) => !wanted || wanted.has(d.ownerId.toLowerCase()))
    .map((d) => el('DataExtRet', [el('OwnerID', d.ownerId), el('DataExtName', d.name), el('DataExtType', d.type), el('DataExtValue', d.value)]));
  const p = company.profile ?? DEFAULT_COMPANY_PROFILE;
  const address = addressNodes('Address', p);
  const children = [
    el('IsSampleCompany', 'false'),
    el('CompanyName', company.companyName),
    address,
    addressBlock('AddressBlock', address),
    addressNodes('LegalAddress', p),
    addressNodes('CompanyAddressForCustomer', p),
    addressBlock('CompanyAddressBlockForCustomer', address),
    el('Phone', p.phone),
    el('Email', p.email),
    el('CompanyEmailForCustomer', p.email),
    ...(p.webSite ? [el('CompanyWebSite', p.webSite)] : []),
    el('FirstMonthFiscalYear', p.firstMonthFiscalYear),
    el('FirstMonthIncomeTaxYear', p.firstMonthFiscalYear),
    el('EIN', p.ein),
    el('TaxForm', p.taxForm),
    ...exts,
  ].filter((n): n is XmlNode => n !== undefined);
  if (company.legalCompanyName) children.push(el('LegalCompanyName', company.legalCompanyName));
  return orderBySchema(el('CompanyRet', children));
}

/** HomeCurrencyRef: the home currency of the currency list (ListID + FullName), or its name alone for a file without one. */
function homeCurrencyRef(company: CompanyFile): XmlNode[] {
  const home = company.currencies?.find((c) => c.listId === company.homeCurrencyId);
  return home ? listRef('HomeCurrencyRef', home) : [el('HomeCurrencyRef', [el('FullName', 'US Dollar')])];
}

function listRef(name: string, rec: { listId: string; name: string } | undefined): XmlNode[] {
  return rec ? [el(name, [el('ListID', rec.listId), el('FullName', rec.name)])] : [];
}

/**
 * PreferencesRet with every section QuickBooks reports (qbxml130.xsd PreferencesRet, in its order). What the
 * file decides: class tracking, the closing date, multi-currency, IsUsingInventory (on when the file holds
 * inventory items — QuickBooks hides them otherwise), and sales tax (SalesTaxPreferences only when a sales tax
 * item exists, since DefaultItemSalesTaxRef is required). The rest are QuickBooks' defaults for a new file.
 */
export function renderPreferencesRet(company: CompanyFile, loginUserName?: string): XmlNode {
  const salesTaxItem = company.items.find((i) => i.itemType === 'SalesTax' && i.isActive);
  const taxable = company.salesTaxCodes.find((c) => c.isTaxable);
  const nonTaxable = company.salesTaxCodes.find((c) => !c.isTaxable);
  const sections: XmlNode[] = [
    el('AccountingPreferences', [
      el('IsUsingAccountNumbers', 'true'),
      el('IsRequiringAccounts', 'true'),
      el('IsUsingClassTracking', company.isUsingClassTracking ? 'true' : 'false'),
      ...(company.isUsingClassTracking ? [el('AssignClassesTo', 'Accounts')] : []),
      el('IsUsingAuditTrail', 'true'),
      el('IsAssigningJournalEntryNumbers', 'true'),
      ...(company.closingDate ? [el('ClosingDate', company.closingDate)] : []),
    ]),
    el('FinanceChargePreferences', [
      el('AnnualInterestRate', '0.00'),
      el('MinFinanceCharge', '0.00'),
      el('GracePeriod', '0'),
      el('IsAssessingForOverdueCharges', 'false'),
      el('CalculateChargesFrom', 'DueDate'),
      el('IsMarkedToBePrinted', 'false'),
    ]),
    el('JobsAndEstimatesPreferences', [el('IsUsingEstimates', 'true'), el('IsUsingProgressInvoicing', 'true'), el('IsPrintingItemsWithZeroAmounts', 'false')]),
    el('MultiCurrencyPreferences', [
      el('IsMultiCurrencyOn', company.isMultiCurrencyOn ? 'true' : 'false'),
      ...(company.isMultiCurrencyOn ? homeCurrencyRef(company) : []),
    ]),
    el('MultiLocationInventoryPreferences', [el('IsMultiLocationInventoryAvailable', 'false'), el('IsMultiLocationInventoryEnabled', 'false')]),
    el('PurchasesAndVendorsPreferences', [
      el('IsUsingInventory', company.items.some((i) => i.itemType === 'Inventory') ? 'true' : 'false'),
      el('DaysBillsAreDue', '30'),
      el('IsAutomaticallyUsingDiscounts', 'false'),
    ]),
    el('ReportsPreferences', [el('AgingReportBasis', 'AgeFromDueDate'), el('SummaryReportBasis', 'Accrual')]),
    el('SalesAndCustomersPreferences', [
      el('IsTrackingReimbursedExpensesAsIncome', 'false'),
      el('IsAutoApplyingPayments', 'true'),
      el('PriceLevels', [el('IsUsingPriceLevels', 'true')]),
    ]),
    ...(salesTaxItem && taxable && nonTaxable
      ? [
          el('SalesTaxPreferences', [
            ...listRef('DefaultItemSalesTaxRef', salesTaxItem),
            el('PaySalesTax', 'Monthly'),
            ...listRef('DefaultTaxableSalesTaxCodeRef', taxable),
            ...listRef('DefaultNonTaxableSalesTaxCodeRef', nonTaxable),
          ]),
        ]
      : []),
    el('TimeTrackingPreferences', [el('FirstDayOfWeek', 'Monday')]),
    el('CurrentAppAccessRights', [
      el('IsAutomaticLoginAllowed', 'true'),
      // The user QuickBooks logs the application in as (Integrated Applications preferences, "Login as").
      ...(loginUserName ? [el('AutomaticLoginUserName', loginUserName)] : []),
      el('IsPersonalDataAccessAllowed', 'false'),
    ]),
    el('ItemsAndInventoryPreferences', [
      el('EnhancedInventoryReceivingEnabled', 'false'),
      el('IsTrackingSerialOrLotNumber', 'None'),
      el('FIFOEnabled', 'false'),
      el('IsRSBEnabled', 'false'),
      el('IsBarcodeEnabled', 'false'),
    ]),
  ];
  return orderBySchema(el('PreferencesRet', sections));
}

export function handleHostQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return buildResponse(rq, STATUS.ok(), [renderHostRet(ctx.store.company)]);
}

/** CompanyQueryRq: OwnerID "0" asks for public custom fields; other OwnerIDs for private data extensions. */
export function handleCompanyQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  const owners = textsOf(rq, 'OwnerID');
  return buildResponse(rq, STATUS.ok(), [renderCompanyRet(ctx.store.company, owners.length > 0 ? owners : [])]);
}

export function handlePreferencesQuery(ctx: RequestContext, rq: XmlNode): XmlNode {
  return buildResponse(rq, STATUS.ok(), [renderPreferencesRet(ctx.store.company, ctx.loginUserName)]);
}
