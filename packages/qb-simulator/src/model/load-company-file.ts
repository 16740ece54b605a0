import type { CompanyFile } from './company-file.ts';
import { createCompanyFile } from './create-company-file.ts';

const ARRAYS = [
  'vendors',
  'customers',
  'items',
  'classes',
  'accounts',
  'terms',
  'vendorTypes',
  'customerTypes',
  'salesTaxCodes',
  'templates',
  'purchaseOrders',
  'bills',
  'billPaymentChecks',
  'checks',
  'creditCardCharges',
  'estimates',
  'invoices',
  'receivePayments',
  'deposits',
  'deleted',
  'dataExt',
] as const;

/** Reads a company file from JSON text or an already-parsed object (fills fields an older file lacks). */
export function loadCompanyFile(json: string | object): CompanyFile {
  const data = (typeof json === 'string' ? JSON.parse(json) : structuredClone(json)) as Partial<CompanyFile>;
  if (data.format !== 'qb-simulator-company/1') throw new Error(`not a simulator company file (format ${String(data.format)})`);
  const base = createCompanyFile({ companyName: data.companyName ?? 'Company' });
  const company = { ...base, ...data } as CompanyFile;
  // A list the file does not carry (written before it was modelled) is empty, never the defaults of `base`:
  // their ListIDs were numbered from base's sequence and could collide with the file's own.
  for (const key of ARRAYS) {
    if (!Array.isArray((data as Record<string, unknown>)[key])) (company as unknown as Record<string, unknown[]>)[key] = [];
  }
  return company;
}

/** The company file as JSON text (what `loadCompanyFile` reads back). */
export function saveCompanyFile(company: CompanyFile): string {
  return JSON.stringify(company);
}
