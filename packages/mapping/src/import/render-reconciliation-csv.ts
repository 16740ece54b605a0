// The reconciliation report as the CSV people download (QuickBooks to Procore): one row per cost code and a total row,
// dollars as plain decimals ("1234.56") so spreadsheets read them as numbers.
import { formatMoney } from '@connector/procore';
import type { ReconciliationReport } from './reconcile-job-costs.ts';
import { renderCsv, type CsvCell } from './render-csv.ts';

export const RECONCILIATION_CSV_HEADER = [
  'Cost code',
  'Cost code name',
  'Committed (Procore)',
  'Invoiced (Procore)',
  'Billed against commitments (QuickBooks)',
  'Billed (QuickBooks)',
  // Bills' Invoice Retainage Item lines, already in Billed: shown so Billed against commitments − Retainage reads as Billed's part.
  'Retainage withheld (QuickBooks)',
  'Job to date (QuickBooks)',
  'Paid (QuickBooks)',
  'Not in Procore (QuickBooks)',
  'Differences',
];

/** Rows in the report's order; differences joined with " | "; last row "Total". */
export function reconciliationCsv(report: ReconciliationReport): string {
  const rows: CsvCell[][] = report.rows.map((row) => [
    row.costCode.code ?? (row.costCode.standardCostCodeId === null ? '(no cost code)' : `Procore cost code ${row.costCode.standardCostCodeId}`),
    row.costCode.name,
    formatMoney(row.committedCents),
    formatMoney(row.invoicedCents),
    formatMoney(row.billedFromCommitmentsCents),
    formatMoney(row.billedCents),
    formatMoney(row.retainageCents),
    formatMoney(row.jobToDateCents),
    formatMoney(row.paidCents),
    formatMoney(row.unattributedCents),
    row.differences.map((d) => d.message).join(' | '),
  ]);
  const t = report.totals;
  rows.push([
    'Total',
    null,
    formatMoney(t.committedCents),
    formatMoney(t.invoicedCents),
    formatMoney(t.billedFromCommitmentsCents),
    formatMoney(t.billedCents),
    formatMoney(t.retainageCents),
    formatMoney(t.jobToDateCents),
    formatMoney(t.paidCents),
    formatMoney(t.unattributedCents),
    t.rowsWithDifferences === 0 ? 'No differences' : `${t.rowsWithDifferences} cost code${t.rowsWithDifferences === 1 ? '' : 's'} with differences`,
  ]);
  return renderCsv(RECONCILIATION_CSV_HEADER, rows);
}
