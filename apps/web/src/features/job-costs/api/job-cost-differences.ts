import type { DifferenceKind, JobCostRow } from './job-cost-queries.ts';

/** Plain words for each reconciliation difference kind (QuickBooks to Procore). */
export const DIFFERENCE_LABELS: Record<DifferenceKind, string> = {
  missing_export: 'Not exported to QuickBooks',
  changed_in_quickbooks: 'Changed in QuickBooks',
  deleted_in_quickbooks: 'Deleted in QuickBooks',
  not_yet_synced: 'Not synced yet',
  amount_mismatch: 'Amounts differ',
  // Not only cost without a cost code: a cost code's row carries it when the code is not on the project (issue 18).
  unattributed: 'Not in Procore',
};

/** A row needs a look when reconciliation found any difference on it. */
export function rowNeedsAttention(row: JobCostRow): boolean {
  return row.differences.length > 0;
}
