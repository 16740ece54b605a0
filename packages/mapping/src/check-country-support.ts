// Subcontractor invoices (bills with retainage against POs) and bill payments sync only with US
// QuickBooks company files (issue: "Canadian company files: subcontractor invoices (and bill payments) do
// not sync"). The country is what the company file reported in the first HCP CompanyQuery (docs/web-connector-protocol.md#hcp-response).
import { refuse } from './make-result.ts';
import type { MappingFailure } from './mapping-types.ts';

export type UsOnlyFeature = 'subcontractor_invoice' | 'bill_payment';

const FEATURE_NAMES: Record<UsOnlyFeature, string> = {
  subcontractor_invoice: 'Subcontractor invoices',
  bill_payment: 'Bill payments',
};

const FILE_DESCRIPTIONS: Record<string, string> = {
  CA: 'a Canadian company file',
  UK: 'a UK company file',
  GB: 'a UK company file',
  AU: 'an Australian company file',
};

/**
 * null when the feature can sync with this company file. Otherwise US_ONLY_FEATURE — for a Canadian
 * file and for every other non-US file, since the feature is US-only — or COUNTRY_UNKNOWN when QuickBooks
 * has not reported its country yet (before the Web Connector's first session).
 */
export function checkCountrySupport(feature: UsOnlyFeature, qbCountry: string): MappingFailure | null {
  const country = qbCountry.trim().toUpperCase();
  if (country === 'US') return null;
  const name = FEATURE_NAMES[feature];
  if (country === '') {
    return refuse(
      'COUNTRY_UNKNOWN',
      `${name} cannot sync yet: QuickBooks has not told us the country of the company file. Let the Web Connector run once, then export again.`,
    );
  }
  const file = FILE_DESCRIPTIONS[country] ?? `a company file for the country "${country}"`;
  return refuse(
    'US_ONLY_FEATURE',
    `${name} do not sync to this QuickBooks company file: it is ${file}, and syncing ${name.toLowerCase()} is a US-only feature of QuickBooks. Enter them in QuickBooks by hand.`,
  );
}
