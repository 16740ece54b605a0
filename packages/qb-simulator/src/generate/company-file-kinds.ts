import type { GenerateOptions } from './generate-company-file.ts';

/**
 * The kinds of company file the browser journeys and `pnpm demo` (DEMO_QB_FILE) can run against (issue 15): the tidy
 * generated file, a messy one (add-mess.ts: names with '&', quotes, non-ASCII and trailing spaces, inactive entries,
 * sub-jobs, long memos, re-created names) and a multi-currency one (add-multi-currency.ts: US dollars home, some
 * vendors and their transactions in Canadian dollars or euros).
 */
export const COMPANY_FILE_KINDS = ['clean', 'messy', 'multi-currency'] as const;
export type CompanyFileKind = (typeof COMPANY_FILE_KINDS)[number];

/** What a kind adds to generateCompanyFile's options (nothing for the clean file). */
export function companyFileKindOptions(kind: CompanyFileKind): Pick<GenerateOptions, 'messyRate' | 'multiCurrency'> {
  if (kind === 'messy') return { messyRate: 0.35 };
  if (kind === 'multi-currency') return { multiCurrency: { foreignVendorRatio: 0.3 } };
  return {};
}

/** A kind named in an environment variable or flag (`where` says which, for the message); unset = clean. */
export function parseCompanyFileKind(value: string | undefined, where: string): CompanyFileKind {
  if (value === undefined || value === '') return 'clean';
  if ((COMPANY_FILE_KINDS as readonly string[]).includes(value)) return value as CompanyFileKind;
  throw new Error(`${where}="${value}" is not a kind of company file: use one of ${COMPANY_FILE_KINDS.join(', ')}.`);
}
