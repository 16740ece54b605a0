import type { AppliedResponse } from '@connector/sync';
import type { Metrics } from './create-metrics.ts';

/**
 * Counts the statusCode of every qbXML answer that was applied (connector_quickbooks_responses_total). The
 * request label is our own request kind (a fixed list); QuickBooks' codes are 0–9999 (Intuit's "qbXML status
 * codes" table, SDK Programmer's Guide), so anything else — a garbled answer — is "other" and cannot grow the
 * series without bound.
 */
export function countQuickBooksStatuses(applied: readonly AppliedResponse[], metrics: Metrics): void {
  for (const { kind, response } of applied) {
    const code = Number.isInteger(response.statusCode) && response.statusCode >= 0 && response.statusCode <= 9999 ? String(response.statusCode) : 'other';
    metrics.quickbooksStatuses.inc({ request: kind, status_code: code, severity: response.statusSeverity });
  }
}
