import { findMessageSet, readResponse, type QbxmlResponse } from './parse-response-message.ts';
import { parseXml } from './parse-xml.ts';
import { readRecord, readRecords, readText, readTexts, type QbRecord } from './qb-record.ts';

/**
 * Reads strHCPResponse, which QBWC passes to the first sendRequestXML of a session:
 * the HostQuery, CompanyQuery and PreferencesQuery responses in one QBXMLMsgsRs
 * (QBWC Programmer's Guide v2.0, "A Closer Look at the Communication Model", step 3).
 * docs/web-connector-protocol.md#hcp-response: record edition, version, country, supported qbXML versions, and
 * identify the company file by the FileID data extension QBWC stamps on it.
 */
export interface HostInfo {
  productName: string;
  majorVersion: string;
  minorVersion: string;
  /** As QuickBooks reports it: 'US', 'CA', 'UK', … */
  country: string;
  supportedQbxmlVersions: string[];
  /** Highest plain numeric version (e.g. '13.0'); regional ones like 'CA3.0' are listed but not compared. */
  highestQbxmlVersion?: string;
  qbFileMode?: string;
  isAutomaticLogin?: boolean;
}

export interface CompanyInfo {
  companyName: string;
  legalCompanyName?: string;
  /** DataExtValue of the DataExtRet named 'FileID' whose OwnerID is ours (braces kept). */
  fileId?: string;
}

export interface PreferencesInfo {
  isUsingClassTracking?: boolean;
  assignClassesTo?: string;
  isUsingAccountNumbers?: boolean;
  /** Transactions on or before this date are in a closed period (status 3171). */
  closingDate?: string;
  isUsingEstimates?: boolean;
  isUsingProgressInvoicing?: boolean;
  isUsingInventory?: boolean;
  isMultiCurrencyOn?: boolean;
  homeCurrency?: string;
  isTrackingReimbursedExpensesAsIncome?: boolean;
  isAutomaticLoginAllowed?: boolean;
  /** CurrentAppAccessRights AutomaticLoginUserName: the QuickBooks user the application logs in as (absent: the one signed in). */
  automaticLoginUserName?: string;
  isPersonalDataAccessAllowed?: boolean;
}

export interface HostCompanyPreferences {
  host?: HostInfo;
  company?: CompanyInfo;
  preferences?: PreferencesInfo;
}

function normalizeGuid(guid: string): string {
  const trimmed = guid.trim().toLowerCase();
  return trimmed.startsWith('{') ? trimmed : `{${trimmed}}`;
}

function toBoolean(value: string | undefined): boolean | undefined {
  switch (value?.trim().toLowerCase()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      return undefined;
  }
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** The first record of a successful response, or undefined (missing, failed, or empty). */
function firstRecord(response: QbxmlResponse | undefined): QbRecord | undefined {
  if (response === undefined || response.status.outcome === 'error') return undefined;
  return response.records[0];
}

function readHost(ret: QbRecord): HostInfo {
  const supported = readTexts(ret, 'SupportedQBXMLVersion').map((v) => v.trim());
  const numeric = supported.filter((v) => /^\d+(\.\d+)?$/.test(v)).sort(compareVersions);
  const host: HostInfo = {
    productName: readText(ret, 'ProductName')?.trim() ?? '',
    majorVersion: readText(ret, 'MajorVersion')?.trim() ?? '',
    minorVersion: readText(ret, 'MinorVersion')?.trim() ?? '',
    country: readText(ret, 'Country')?.trim() ?? '',
    supportedQbxmlVersions: supported,
  };
  const highest = numeric[numeric.length - 1];
  if (highest !== undefined) host.highestQbxmlVersion = highest;
  const mode = readText(ret, 'QBFileMode')?.trim();
  if (mode) host.qbFileMode = mode;
  const automaticLogin = toBoolean(readText(ret, 'IsAutomaticLogin'));
  if (automaticLogin !== undefined) host.isAutomaticLogin = automaticLogin;
  return host;
}

function readCompany(ret: QbRecord, ownerId: string): CompanyInfo {
  const company: CompanyInfo = { companyName: readText(ret, 'CompanyName')?.trim() ?? '' };
  const legal = readText(ret, 'LegalCompanyName')?.trim();
  if (legal) company.legalCompanyName = legal;
  const owner = normalizeGuid(ownerId);
  const fileIdExt = readRecords(ret, 'DataExtRet').find((ext) => {
    const extOwner = readText(ext, 'OwnerID');
    return extOwner !== undefined && normalizeGuid(extOwner) === owner && readText(ext, 'DataExtName')?.trim() === 'FileID';
  });
  const fileId = readText(fileIdExt, 'DataExtValue')?.trim();
  if (fileId) company.fileId = fileId;
  return company;
}

function readPreferences(ret: QbRecord): PreferencesInfo {
  const accounting = readRecord(ret, 'AccountingPreferences');
  const jobs = readRecord(ret, 'JobsAndEstimatesPreferences');
  const multiCurrency = readRecord(ret, 'MultiCurrencyPreferences');
  const purchases = readRecord(ret, 'PurchasesAndVendorsPreferences');
  const sales = readRecord(ret, 'SalesAndCustomersPreferences');
  const access = readRecord(ret, 'CurrentAppAccessRights');
  const candidates: PreferencesInfo = {
    isUsingClassTracking: toBoolean(readText(accounting, 'IsUsingClassTracking')),
    assignClassesTo: readText(accounting, 'AssignClassesTo')?.trim(),
    isUsingAccountNumbers: toBoolean(readText(accounting, 'IsUsingAccountNumbers')),
    closingDate: readText(accounting, 'ClosingDate')?.trim(),
    isUsingEstimates: toBoolean(readText(jobs, 'IsUsingEstimates')),
    isUsingProgressInvoicing: toBoolean(readText(jobs, 'IsUsingProgressInvoicing')),
    isUsingInventory: toBoolean(readText(purchases, 'IsUsingInventory')),
    isMultiCurrencyOn: toBoolean(readText(multiCurrency, 'IsMultiCurrencyOn')),
    homeCurrency: readText(readRecord(multiCurrency, 'HomeCurrencyRef'), 'FullName')?.trim(),
    isTrackingReimbursedExpensesAsIncome: toBoolean(readText(sales, 'IsTrackingReimbursedExpensesAsIncome')),
    isAutomaticLoginAllowed: toBoolean(readText(access, 'IsAutomaticLoginAllowed')),
    automaticLoginUserName: readText(access, 'AutomaticLoginUserName')?.trim(),
    isPersonalDataAccessAllowed: toBoolean(readText(access, 'IsPersonalDataAccessAllowed')),
  };
  return Object.fromEntries(Object.entries(candidates).filter(([, value]) => value !== undefined && value !== '')) as PreferencesInfo;
}

/**
 * Tolerant of missing or failed parts (each is simply absent). Throws
 * QbxmlParseError only for malformed XML (including refused DOCTYPE/ENTITY).
 * QBWC sends a plain-text notice instead of XML for QuickBooks POS and an empty
 * string after the first call; both give `{}`.
 */
export function parseHostCompanyPreferences(hcpXml: string, ownerId: string): HostCompanyPreferences {
  if (typeof hcpXml !== 'string' || !hcpXml.trimStart().startsWith('<')) return {};
  const root = parseXml(hcpXml);
  const messageSet = findMessageSet(root);
  if (messageSet === undefined) return {};
  const byType = new Map<string, QbxmlResponse>();
  for (const element of messageSet.children) {
    if (!['HostQueryRs', 'CompanyQueryRs', 'PreferencesQueryRs'].includes(element.name) || byType.has(element.name)) continue;
    try {
      byType.set(element.name, readResponse(element));
    } catch {
      // A response without a status is treated as missing, not as malformed XML.
    }
  }
  const result: HostCompanyPreferences = {};
  const hostRet = firstRecord(byType.get('HostQueryRs'));
  if (hostRet !== undefined) result.host = readHost(hostRet);
  const companyRet = firstRecord(byType.get('CompanyQueryRs'));
  if (companyRet !== undefined) result.company = readCompany(companyRet, ownerId);
  const preferencesRet = firstRecord(byType.get('PreferencesQueryRs'));
  if (preferencesRet !== undefined) result.preferences = readPreferences(preferencesRet);
  return result;
}
