import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID, type RecordedCall } from '../../../test/render-with-app.tsx';
import { jobCostKeys, type UnattributedLine } from '../api/job-cost-queries.ts';
import { JobCostsPage } from './job-costs-page.tsx';

// Issue 18 item 3, the Job costs screen: project-level Committed was always "—", the summary stayed stale after
// Update Job Costs until a reload, and the unattributed lines the report promised were shown nowhere.
const base = `/api/companies/${TEST_COMPANY_ID}`;

const projects = {
  asOf: '2026-12-07T04:00:00.000Z',
  projects: [
    {
      procoreProjectId: 501,
      name: 'Tower',
      qbJob: 'Owner:Tower',
      committedCents: 123_456_00,
      invoicedCents: 40_000_00,
      billedCents: 36_000_00,
      billedFromCommitmentsCents: 40_000_00,
      jobToDateCents: 36_500_00,
      paidCents: 30_000_00,
      retainageCents: 4_000_00,
      unattributedCents: 500_00,
      unattributedLines: 1,
      differenceCount: 1,
      procoreError: null,
    },
    {
      procoreProjectId: 502,
      name: 'Annex',
      qbJob: 'Owner:Annex',
      committedCents: null,
      invoicedCents: null,
      billedCents: 1_000_00,
      billedFromCommitmentsCents: null,
      jobToDateCents: 1_000_00,
      paidCents: null,
      retainageCents: null,
      unattributedCents: 0,
      unattributedLines: 0,
      differenceCount: null,
      procoreError: 'Could not read project 502 from Procore: Procore is unavailable.',
    },
  ],
  withoutProject: { unattributedCents: 123_45, unattributedLines: 1 },
};

const line = (fields: Partial<UnattributedLine>): UnattributedLine => ({
  txnType: 'Check',
  txnId: 'C-1',
  txnLineId: 'C-1-0',
  refNumber: '1042',
  txnDate: '2026-11-20',
  payeeName: 'Home Depot',
  amountCents: 500_00,
  memo: null,
  jobName: 'Owner:Tower',
  itemName: 'Misc Materials',
  code: 'NO_COST_CODE',
  reason: 'Its item "Misc Materials" is not linked to a Procore cost code.',
  action: 'Link the item to a cost code (Refresh Items), or map its class to a cost code in Settings, then Update Job Costs.',
  fix: 'items',
  ...fields,
});

function jobCostsServer(state: { pending: boolean }) {
  return fakeServer((call: RecordedCall) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === `${base}/job-costs`) return projects;
    if (call.method === 'GET' && path === `${base}/imports/status`) {
      return {
        refreshes: [
          {
            kind: 'job_costs',
            everyHours: 2,
            lastRequestedAt: '2026-12-07T04:00:00.000Z',
            lastCompletedAt: state.pending ? null : '2026-12-07T04:05:00.000Z',
            nextDueAt: null,
            pending: state.pending,
          },
        ],
      };
    }
    if (call.method === 'GET' && path === `${base}/imports/failures`) return { total: 0, items: [] };
    if (call.method === 'POST' && path === `${base}/imports/refresh`) {
      state.pending = true;
      return { outcome: 'queued', queuedAt: '2026-12-07T04:00:00.000Z' };
    }
    if (call.method === 'GET' && path === `${base}/job-costs/unattributed-lines`) {
      const projectId = call.url.searchParams.get('projectId');
      const items =
        projectId === '501'
          ? [line({})]
          : projectId === 'none'
            ? [
                line({
                  txnId: 'C-2',
                  txnLineId: 'C-2-0',
                  refNumber: '1043',
                  amountCents: 123_45,
                  jobName: 'Other:Warehouse',
                  itemName: null,
                  code: 'JOB_NOT_LINKED',
                  reason: 'The QuickBooks job "Other:Warehouse" is not linked to a Procore project.',
                  action: 'Link the job to its Procore project on the Jobs screen, then Update Job Costs.',
                  fix: 'jobs',
                }),
              ]
            : [];
      return { total: items.length, totalCents: items.reduce((s, i) => s + i.amountCents, 0), items };
    }
    // The owner side (issue 21), shown under the selected project's cost codes; its figures are tested in owner-side-section.test.tsx.
    if (call.method === 'GET' && path === `${base}/job-costs/owner/501`) {
      return {
        asOf: projects.asOf,
        procoreProjectId: 501,
        projectName: 'Tower',
        primeContracts: 1,
        unreadablePrimeContracts: 0,
        contractValueCents: 200_000_00,
        approvedOwnerInvoices: 1,
        notExportedOwnerInvoices: 0,
        unreadableOwnerInvoices: 0,
        billedToOwnerCents: 50_000_00,
        billedNetCents: 45_000_00,
        invoicedInQuickBooksCents: 45_000_00,
        receivedCents: 45_000_00,
        unreadablePayments: 0,
        retainageWithheldCents: 5_000_00,
        retainageReleasedCents: 0,
        retainageReceivableCents: 5_000_00,
        committedCents: 123_456_00,
        billedBySubsCents: 40_000_00,
        marginOnCommittedCents: -73_456_00,
        marginOnBilledCents: 10_000_00,
        procoreError: null,
      };
    }
    if (call.method === 'GET' && path === `${base}/job-costs/501`) {
      return {
        asOf: projects.asOf,
        procoreProjectId: 501,
        projectName: 'Tower',
        rows: [
          {
            costCode: { standardCostCodeId: 7, code: '03-300', name: 'Concrete' },
            committedCents: 123_456_00,
            invoicedCents: 40_000_00,
            billedCents: 40_000_00,
            billedFromCommitmentsCents: 40_000_00,
            jobToDateCents: 40_000_00,
            paidCents: 30_000_00,
            unattributedCents: 0,
            retainageCents: 0,
            differences: [],
          },
          {
            costCode: { standardCostCodeId: null, code: null, name: null },
            committedCents: 0,
            invoicedCents: 0,
            billedCents: -4_000_00,
            billedFromCommitmentsCents: 0,
            jobToDateCents: -3_500_00,
            paidCents: 0,
            unattributedCents: 500_00,
            retainageCents: 4_000_00,
            differences: [
              {
                kind: 'unattributed',
                message:
                  '$500.00 of QuickBooks cost on this project has no Procore cost code, so it is not in Procore; the lines are listed under "Cost not in Procore" with what to do about each.',
              },
            ],
          },
        ],
        totals: {
          committedCents: 123_456_00,
          invoicedCents: 40_000_00,
          billedCents: 36_000_00,
          billedFromCommitmentsCents: 40_000_00,
          jobToDateCents: 36_500_00,
          paidCents: 30_000_00,
          unattributedCents: 500_00,
          retainageCents: 4_000_00,
          rowsWithDifferences: 1,
        },
      };
    }
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

const gets = (calls: RecordedCall[], path: string) => calls.filter((c) => c.method === 'GET' && c.url.pathname === `${base}${path}`).length;

describe('Job costs screen', () => {
  it('shows each project’s committed, invoiced, billed, paid and not-in-Procore figures, and why Procore’s are missing', async () => {
    jobCostsServer({ pending: false });
    renderWithApp(<JobCostsPage />);
    const table = await screen.findByRole('table', { name: 'Job costs by project' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Project', 'Committed', 'Invoiced', 'Billed', 'Job to date cost', 'Paid', 'Not in Procore', 'Differences', 'Open']);
    const [tower, annex] = within(table).getAllByRole('row').slice(1);
    expect(
      within(tower!)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .slice(0, 7),
    ).toEqual(['$123,456.00', '$40,000.00', '$36,000.00', '$36,500.00', '$30,000.00', '$500.00', '1']);
    expect(within(annex!).getAllByRole('cell')[0]!.textContent).toBe('—');
    expect(within(annex!).getByTestId('procore-error').textContent).toContain('Procore is unavailable');
  });

  it('lists the cost on no Procore project, and a project’s lines not in Procore, each with why and what to do', async () => {
    jobCostsServer({ pending: false });
    const user = userEvent.setup();
    renderWithApp(<JobCostsPage />);
    const nowhere = await screen.findByRole('region', { name: 'Cost on no Procore project' });
    const [orphan] = await within(nowhere).findAllByTestId('unattributed-line');
    expect(within(orphan!).getByRole('rowheader').textContent).toBe('Check 1043');
    expect(orphan!.textContent).toContain('The QuickBooks job "Other:Warehouse" is not linked to a Procore project.');
    expect(within(orphan!).getByRole('link', { name: 'Open Jobs' }).getAttribute('href')).toBe('/jobs?company_id=4264807');

    await user.click(screen.getByRole('button', { name: 'Show cost codes of Tower' }));
    const section = await screen.findByRole('region', { name: 'Tower: cost not in Procore' });
    // The project's owner side (issue 21) comes with its cost codes.
    const owner = await screen.findByRole('region', { name: 'Tower: owner side' });
    expect(within(within(owner).getByTestId('owner-marginOnCommittedCents')).getAllByRole('cell')[0]!.textContent).toBe('-$73,456.00');
    expect((await within(section).findByTestId('unattributed-summary')).textContent).toContain('$500.00 on 1 QuickBooks line is not in Procore');
    const [row] = within(section).getAllByTestId('unattributed-line');
    expect(
      within(row!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'Nov 20, 2026',
      'Home Depot',
      'Owner:Tower · Misc Materials',
      '$500.00',
      'Its item "Misc Materials" is not linked to a Procore cost code. NO_COST_CODE',
      'Link the item to a cost code (Refresh Items), or map its class to a cost code in Settings, then Update Job Costs. Open Settings (items and cost codes)',
    ]);
    // The retainage withheld has its own column; the no-cost-code row's difference does not claim the coded row has none.
    const costTable = screen.getByRole('table', { name: /Tower job costs by cost code/ });
    expect(
      within(costTable)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toContain('Retainage withheld');
  });

  it('re-reads the job costs when Update Job Costs stops being pending (after the Web Connector and the push), not only at the click', async () => {
    const state = { pending: false };
    const fake = jobCostsServer(state);
    const user = userEvent.setup();
    const { queryClient } = renderWithApp(<JobCostsPage />);
    await screen.findByRole('table', { name: 'Job costs by project' });
    await user.click(screen.getByRole('button', { name: 'Update Job Costs' }));
    await screen.findByText(/waiting for the Web Connector/);
    const afterClick = gets(fake.calls, '/job-costs');
    // The Web Connector has run and the push is done: the next status poll (its interval, here called at once) says so.
    state.pending = false;
    await queryClient.invalidateQueries({ queryKey: jobCostKeys.status(TEST_COMPANY_ID) });
    await screen.findByText(/Last updated/);
    await waitFor(() => expect(gets(fake.calls, '/job-costs')).toBeGreaterThan(afterClick));
  });
});
