import { DataTable, VisuallyHidden } from '../../../components/data-table.tsx';
import { formatCents } from '../../../lib/format.ts';
import { DIFFERENCE_LABELS, rowNeedsAttention } from '../api/job-cost-differences.ts';
import { costCodeLabel, type JobCostRow, type JobCostTotals } from '../api/job-cost-queries.ts';

/**
 * Per cost code: committed, invoiced, billed, job to date, paid. Rows where reconciliation found a
 * difference are highlighted and say what it is in words (not by colour alone).
 */
export function JobCostTable({ rows, totals, caption }: { rows: JobCostRow[]; totals: JobCostTotals; caption: string }) {
  return (
    <DataTable>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Cost code</th>
          <th scope="col" className="number">
            Committed
          </th>
          <th scope="col" className="number">
            Invoiced (Procore)
          </th>
          <th scope="col" className="number">
            Billed (QuickBooks)
          </th>
          <th scope="col" className="number">
            Retainage withheld
          </th>
          <th scope="col" className="number">
            Job to date cost
          </th>
          <th scope="col" className="number">
            Paid
          </th>
          <th scope="col">Differences</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => {
          const attention = rowNeedsAttention(row);
          const label = costCodeLabel(row);
          return (
            <tr key={row.costCode.standardCostCodeId ?? `none-${i}`} data-highlight={attention} data-testid="job-cost-row">
              <th scope="row">{label}</th>
              <td className="number">{formatCents(row.committedCents)}</td>
              <td className="number">{formatCents(row.invoicedCents)}</td>
              <td className="number">
                {formatCents(row.billedCents)}
                {/* What a difference compares with Procore's invoiced figure, when it is not the whole column (issue 18). */}
                {row.billedFromCommitmentsCents !== undefined &&
                row.billedFromCommitmentsCents !== row.billedCents &&
                (row.billedFromCommitmentsCents !== 0 || row.invoicedCents !== 0) ? (
                  <div style={{ fontSize: 12, color: '#5a6168' }} data-testid="billed-on-commitments">
                    {formatCents(row.billedFromCommitmentsCents)} on commitments
                  </div>
                ) : null}
              </td>
              <td className="number">{formatCents(row.retainageCents ?? 0)}</td>
              <td className="number">{formatCents(row.jobToDateCents)}</td>
              <td className="number">{formatCents(row.paidCents)}</td>
              <td>
                {attention ? (
                  <ul style={{ margin: 0, paddingLeft: 16 }}>
                    {row.differences.map((d, di) => (
                      <li key={di}>
                        <strong>{DIFFERENCE_LABELS[d.kind] ?? d.kind}:</strong> {d.message}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span>
                    <VisuallyHidden>No differences</VisuallyHidden>
                    <span aria-hidden="true">—</span>
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr data-testid="job-cost-totals">
          <th scope="row">Total</th>
          <td className="number">
            <strong>{formatCents(totals.committedCents)}</strong>
          </td>
          <td className="number">
            <strong>{formatCents(totals.invoicedCents)}</strong>
          </td>
          <td className="number">
            <strong>{formatCents(totals.billedCents)}</strong>
          </td>
          <td className="number">
            <strong>{formatCents(totals.retainageCents)}</strong>
          </td>
          <td className="number">
            <strong>{formatCents(totals.jobToDateCents)}</strong>
          </td>
          <td className="number">
            <strong>{formatCents(totals.paidCents)}</strong>
          </td>
          <td />
        </tr>
      </tfoot>
    </DataTable>
  );
}
