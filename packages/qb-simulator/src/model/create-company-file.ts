import type { Account, CompanyFile, Country, ListEntry } from './company-file.ts';
import { DEFAULT_ACCOUNTS } from './default-accounts.ts';
import { DEFAULT_CUSTOMER_TYPES, DEFAULT_SALES_TAX_CODES, DEFAULT_TEMPLATES, DEFAULT_TERMS, DEFAULT_VENDOR_TYPES } from './default-lists.ts';

export interface NewCompanyOptions {
  companyName?: string;
  country?: Country;
  utcOffset?: string;
  /** Epoch ms stamped on the default accounts. */
  createdAt?: number;
  isUsingClassTracking?: boolean;
}

/** Where QuickBooks keeps company files by default on Windows. */
export function defaultCompanyFilePath(companyName: string): string {
  const safe = companyName.replace(/[\\/:*?"<>|]/g, '');
  return `C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\${safe}.QBW`;
}

/** "80000001-1700000000": hex sequence, dash, unix seconds (the shape of QuickBooks ListIDs). */
export function formatQbId(seq: number, epochMs: number): string {
  return `${seq.toString(16).toUpperCase()}-${Math.floor(epochMs / 1000)}`;
}

/** An empty company with the default chart of accounts, terms, vendor/customer types, sales tax codes and templates. */
export function createCompanyFile(options: NewCompanyOptions = {}): CompanyFile {
  const companyName = options.companyName ?? 'Summit Ridge Builders';
  const createdAt = options.createdAt ?? Date.UTC(2024, 0, 2, 14, 0, 0);
  const company: CompanyFile = {
    format: 'qb-simulator-company/1',
    companyName,
    legalCompanyName: `${companyName} LLC`,
    companyFilePath: defaultCompanyFilePath(companyName),
    country: options.country ?? 'US',
    utcOffset: options.utcOffset ?? '-05:00',
    productName: 'QuickBooks Premier Contractor Edition 2024',
    majorVersion: '34',
    minorVersion: '0',
    isUsingClassTracking: options.isUsingClassTracking ?? true,
    nextListSeq: 0x80000001,
    nextTxnSeq: 0x100,
    nextTxnNumber: 1,
    vendors: [],
    customers: [],
    items: [],
    classes: [],
    accounts: [],
    terms: [],
    vendorTypes: [],
    customerTypes: [],
    salesTaxCodes: [],
    templates: [],
    currencies: [],
    purchaseOrders: [],
    bills: [],
    billPaymentChecks: [],
    checks: [],
    creditCardCharges: [],
    estimates: [],
    invoices: [],
    receivePayments: [],
    deposits: [],
    deleted: [],
    dataExt: [],
  };
  const byName = new Map<string, Account>();
  for (const def of DEFAULT_ACCOUNTS) {
    const account: Account = {
      listId: formatQbId(company.nextListSeq++, createdAt),
      name: def.name,
      isActive: true,
      accountType: def.accountType,
      accountNumber: def.accountNumber,
      timeCreated: createdAt,
      timeModified: createdAt,
      editSequence: String(Math.floor(createdAt / 1000)),
    };
    if (def.specialAccountType) account.specialAccountType = def.specialAccountType;
    const parent = def.parent ? byName.get(def.parent) : undefined;
    if (parent) account.parentId = parent.listId;
    byName.set(def.name, account);
    company.accounts.push(account);
  }
  const entry = (name: string): ListEntry => ({
    listId: formatQbId(company.nextListSeq++, createdAt),
    name,
    isActive: true,
    timeCreated: createdAt,
    timeModified: createdAt,
    editSequence: String(Math.floor(createdAt / 1000)),
  });
  for (const t of DEFAULT_TERMS) {
    const { name, ...rest } = t;
    company.terms.push({ ...entry(name), termsType: t.dayOfMonthDue === undefined ? 'Standard' : 'DateDriven', ...rest });
  }
  for (const name of DEFAULT_VENDOR_TYPES) company.vendorTypes.push(entry(name));
  for (const name of DEFAULT_CUSTOMER_TYPES) company.customerTypes.push(entry(name));
  for (const c of DEFAULT_SALES_TAX_CODES) company.salesTaxCodes.push({ ...entry(c.name), isTaxable: c.isTaxable, desc: c.desc });
  for (const t of DEFAULT_TEMPLATES) company.templates.push({ ...entry(t.name), templateType: t.templateType });
  return company;
}
