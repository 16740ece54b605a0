import { companyFileKindOptions, createCompanyFile, generateCompanyFile, type CompanyFile, type CompanyFileKind } from '@connector/qb-simulator';

/**
 * The QuickBooks company file a browser journey runs against (issue 15: the journeys pass against the messy and the
 * multi-currency files, not only the clean one). `clean` is the empty file the main journeys always used; the other
 * kinds are small generated files (a journey reads all of them in one or two Web Connector sessions) with the kind's
 * mess or currencies (qb-simulator company-file-kinds.ts, the same kinds `pnpm demo` takes as DEMO_QB_FILE).
 */
export function journeyCompanyFile(kind: CompanyFileKind, companyName = 'Journey Builders'): CompanyFile {
  if (kind === 'clean') return createCompanyFile({ companyName });
  return generateCompanyFile({
    seed: kind === 'messy' ? 53 : 29,
    companyName,
    vendors: 16,
    customers: 2,
    jobsPerCustomer: 3,
    items: 14,
    classes: 2,
    bills: 24,
    purchaseOrders: 4,
    checks: 4,
    creditCardCharges: 4,
    paidBillRatio: 0.4,
    linesPerTxn: 2,
    ...companyFileKindOptions(kind),
  });
}
