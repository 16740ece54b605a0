import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { costCodeLabel, reportProjectName, type JobCostRow, type JobCostTotals } from '../api/job-cost-queries.ts';
import { JobCostTable } from './job-cost-table.tsx';

// Rows and totals as GET …/job-costs/:projectId sends them (@connector/contract JobCostReportBody).
const NO_COST_CODE: JobCostRow['costCode'] = { standardCostCodeId: null, code: null, name: null };
const row = (code: string, differences: JobCostRow['differences'] = []): JobCostRow => ({
  costCode: { standardCostCodeId: Number(code.replace(/\D/g, '')), code, name: `Name ${code}` },
  committedCents: 100_000,
  invoicedCents: 50_000,
  billedCents: 40_000,
  billedFromCommitmentsCents: 40_000,
  jobToDateCents: 40_000,
  paidCents: 20_000,
  unattributedCents: 0,
  retainageCents: 0,
  differences,
});
const reportTotals = (figures: Omit<JobCostTotals, 'billedFromCommitmentsCents' | 'unattributedCents' | 'rowsWithDifferences'>): JobCostTotals => ({
  ...figures,
  billedFromCommitmentsCents: figures.billedCents,
  unattributedCents: 0,
  rowsWithDifferences: 0,
});

describe('job cost table', () => {
  it('highlights rows with a reconciliation difference and says what it is in words', () => {
    render(
      <JobCostTable
        caption="Hillcrest Hotel job costs"
        rows={[
          row('01-100'),
          row('03-100', [{ kind: 'amount_mismatch', message: 'Procore invoiced $500.00 but QuickBooks billed $400.00.' }]),
          { ...row('x'), costCode: NO_COST_CODE, differences: [{ kind: 'unattributed', message: '$12.00 has no cost code.' }] },
        ]}
        totals={reportTotals({
          committedCents: 300_000,
          invoicedCents: 150_000,
          billedCents: 120_000,
          jobToDateCents: 120_000,
          paidCents: 60_000,
          retainageCents: 0,
        })}
      />,
    );
    const table = screen.getByRole('table', { name: 'Hillcrest Hotel job costs' });
    const rows = within(table).getAllByTestId('job-cost-row');
    expect(rows.map((r) => r.getAttribute('data-highlight'))).toEqual(['false', 'true', 'true']);
    expect(within(rows[0]!).getByText('No differences')).toBeTruthy();
    expect(rows[1]!.textContent).toContain('Amounts differ: Procore invoiced $500.00 but QuickBooks billed $400.00.');
    expect(within(rows[2]!).getByRole('rowheader').textContent).toBe('No cost code');
    expect(rows[2]!.textContent).toContain('Not in Procore: $12.00 has no cost code.');
    const totals = screen.getByTestId('job-cost-totals');
    expect(
      within(totals)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['$3,000.00', '$1,500.00', '$1,200.00', '$0.00', '$1,200.00', '$600.00', '']);
  });

  // Issue 18: "Cost without a cost code" was written on rows that have one; the billed figure a difference compares
  // was not on screen beside the Billed column; the retainage withheld had no place.
  it('labels cost not in Procore without claiming the row has no cost code, shows what is billed on commitments and the retainage withheld', () => {
    render(
      <JobCostTable
        caption="Tower job costs"
        rows={[
          {
            ...row('03-100', [{ kind: 'unattributed', message: '$5.00 of QuickBooks cost on this cost code is not in Procore.' }]),
            billedCents: 7_777_943,
            billedFromCommitmentsCents: 40_000,
          },
          {
            ...row('x'),
            costCode: NO_COST_CODE,
            committedCents: 0,
            invoicedCents: 0,
            billedCents: -4_000,
            billedFromCommitmentsCents: 0,
            retainageCents: 4_000,
            jobToDateCents: -4_000,
            paidCents: 0,
          },
        ]}
        totals={reportTotals({
          committedCents: 100_000,
          invoicedCents: 50_000,
          billedCents: 7_773_943,
          jobToDateCents: 36_000,
          paidCents: 20_000,
          retainageCents: 4_000,
        })}
      />,
    );
    const [coded, none] = screen.getAllByTestId('job-cost-row');
    expect(coded!.textContent).not.toContain('without a cost code');
    expect(coded!.textContent).toContain('Not in Procore: $5.00 of QuickBooks cost on this cost code is not in Procore.');
    expect(within(coded!).getByTestId('billed-on-commitments').textContent).toBe('$400.00 on commitments');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Retainage withheld');
    expect(within(none!).getAllByRole('cell')[3]!.textContent).toBe('$40.00');
    expect(within(none!).getByText('No differences')).toBeTruthy();
  });

  it('names a cost code by its code and name, a row without one as such, and the project by its name or id', () => {
    expect(costCodeLabel({ costCode: { standardCostCodeId: 12, code: '09-210', name: 'Gypsum' } })).toBe('09-210 Gypsum');
    expect(costCodeLabel({ costCode: { standardCostCodeId: 12, code: '09-210', name: null } })).toBe('09-210');
    expect(costCodeLabel({ costCode: { standardCostCodeId: 12, code: null, name: null } })).toBe('Cost code 12');
    expect(costCodeLabel({ costCode: NO_COST_CODE })).toBe('No cost code');
    expect(reportProjectName({ procoreProjectId: 280001, projectName: 'Hillcrest Hotel' })).toBe('Hillcrest Hotel');
    expect(reportProjectName({ procoreProjectId: 280001, projectName: null })).toBe('Project 280001');
  });
});
