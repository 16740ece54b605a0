// QuickBooks refuses a transaction dated on or before the company's closing date (status 3171, "An attempt was made
// to modify a … with a date that is on or before the closing date of the company", docs/qbxml.md#status-codes). The
// closing date is what the company file reported in the HCP PreferencesQuery (AccountingPreferences ClosingDate,
// docs/web-connector-protocol.md#hcp-response), so the export is refused here, with the reason, before it is queued.
import { refuse } from './make-result.ts';
import type { MappingFailure } from './mapping-types.ts';

/** null when `txnDate` (YYYY-MM-DD) is after the closing date, or no closing date is known. */
export function checkClosingDate(txnDate: string | null, closingDate: string | undefined, what: string): MappingFailure | null {
  if (!closingDate || txnDate === null || txnDate > closingDate) return null;
  return refuse(
    'QB_CLOSED_PERIOD',
    `${what} is dated ${txnDate}, on or before QuickBooks' closing date (${closingDate}): QuickBooks refuses transactions in a closed period (status 3171). Change the date in Procore, or ask whoever closed the books to move the closing date in QuickBooks (Edit > Preferences > Accounting > Company Preferences), then export again.`,
    { field: 'TxnDate' },
  );
}
