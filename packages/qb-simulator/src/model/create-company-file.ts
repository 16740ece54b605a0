import type { Account, CompanyFile, Country } from './company-file.ts';
import { DEFAULT_ACCOUNTS } from './default-accounts.ts';

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

/** An empty company with the default chart of accounts. */
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
    purchaseOrders: [],
    bills: [],
    billPaymentChecks: [],
    checks: [],
    creditCardCharges: [],
    estimates: [],
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
  return company;
}
