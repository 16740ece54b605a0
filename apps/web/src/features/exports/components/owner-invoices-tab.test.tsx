import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import type { ExportItem, ExportStatus } from '../api/export-queries.ts';
import { exportItem } from '../testing/export-fixtures.ts';
import { ExportsPage } from './exports-page.tsx';

// Issue 21: the owner side's tab on Export to QuickBooks, the same list, workflow, preview and exceptions as the others.
const ownerInvoice = (procoreId: string, status: ExportStatus, extra: Partial<ExportItem> = {}): ExportItem =>
  exportItem(procoreId, status, {
    recordType: 'owner_invoice',
    procoreProjectId: '10',
    projectName: 'P-10 Harbor Tower',
    title: `Owner invoice #${procoreId}`,
    procoreStatus: 'approved',
    amount: '90000.00',
    ...extra,
  });
const PROJECTS = [{ procoreId: '10', name: 'P-10 Harbor Tower' }];

/** The owner invoice list and its preview; an action answers each record with the status the action leads to. */
function server(items: ExportItem[]) {
  return fakeServer((call) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path.endsWith('/preview')) {
      return {
        recordType: 'owner_invoice',
        procoreId: '7',
        action: 'create',
        fields: [
          { field: 'Customer:Job', value: 'Harbor Owner:P-10 Harbor Tower', source: 'project_id' },
          { field: 'Invoice no.', value: '7', source: 'invoice_number' },
          { field: 'Line 1 item', value: '03-100 Concrete', source: 'cost code' },
          { field: 'Line 1 amount', value: '100000.00', source: 'work_completed_this_period' },
          { field: 'Line 2 item', value: 'Retainage Receivable', source: 'setting: Retainage Receivable item' },
          { field: 'Line 2 amount', value: '-10000.00', source: 'retainage withheld' },
        ],
        dependencies: [],
        problem: null,
        notice: null,
      };
    }
    // Procore's numbers: Send asks nothing (typed numbers: invoice-numbers-dialog.test.tsx).
    if (call.method === 'GET' && path.endsWith('/settings')) return { ownerInvoiceNumberSource: 'procore' };
    if (call.method === 'GET' && path.endsWith('/exports/owner_invoice')) return { total: items.length, notice: null, items, projects: PROJECTS };
    if (call.method === 'GET' && path.endsWith('/exports/commitment')) return { total: 0, notice: null, items: [], projects: [] };
    if (call.method === 'POST') {
      const action = path.split('/').at(-1)!;
      const status = { send: 'sent_to_accounting', approve: 'queued', reject: 'rejected', retry: 'queued', dismiss: 'dismissed' }[action];
      const ids = (call.body as { procoreIds: string[] }).procoreIds;
      return { results: ids.map((procoreId) => ({ procoreId, outcome: 'applied', status, code: null, message: null })) };
    }
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}
const posts = (fake: ReturnType<typeof server>) => fake.calls.filter((c) => c.method === 'POST');

describe('Export to QuickBooks: Owner invoices tab', { timeout: 30_000 }, () => {
  it('lists owner invoices with project, amount and Procore status (no commitment), sends the approved one, says why the draft cannot go', async () => {
    const fake = server([
      // 100,000.00 billed, 10,000.00 withheld: the QuickBooks invoice carries 90,000.00 (the list's amount, from the server).
      ownerInvoice('7', 'not_synced', { retainageWithheld: '10000.00' }),
      ownerInvoice('8', 'not_synced', {
        retainageReleased: '15000.00',
        procoreStatus: 'draft',
        notReady: { code: 'NOT_APPROVED_IN_PROCORE', procoreStatus: 'draft', message: 'Not approved in Procore: status draft — approve it in Procore first.' },
      }),
    ]);
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />);
    await user.click(await screen.findByRole('tab', { name: 'Owner invoices' }));
    const row = within(await screen.findByTestId('export-row-7'));
    expect(screen.getByRole('tab', { name: 'Owner invoices' }).getAttribute('aria-selected')).toBe('true');
    expect(fake.calls.filter((c) => c.method === 'GET' && c.url.pathname.includes('/exports/')).at(-1)!.url.pathname).toBe(
      `/api/companies/${TEST_COMPANY_ID}/exports/owner_invoice`,
    );
    expect(row.getByText('P-10 Harbor Tower')).toBeTruthy();
    expect(row.getByText('$90,000.00')).toBeTruthy();
    expect(row.getByText('Retainage withheld $10,000.00')).toBeTruthy();
    expect(row.queryByText(/Retainage released/)).toBeNull();
    const releasing = within(screen.getByTestId('export-row-8'));
    expect(releasing.getByText('Retainage released $15,000.00 (own invoice)')).toBeTruthy();
    expect(releasing.queryByText(/Retainage withheld/)).toBeNull();
    expect(row.getByText('Approved')).toBeTruthy();
    expect(screen.queryByRole('columnheader', { name: 'Commitment' })).toBeNull();
    expect(within(screen.getByTestId('export-row-8')).getByText(/approve it in Procore first/)).toBeTruthy();

    await user.click(screen.getByLabelText('Select all on this page'));
    await user.click(screen.getByRole('button', { name: 'Send to accounting (1)' }));
    await screen.findByText('1 sent to accounting');
    expect(posts(fake)).toHaveLength(1);
    expect(posts(fake)[0]!.url.pathname).toBe(`/api/companies/${TEST_COMPANY_ID}/exports/owner_invoice/send`);
    expect(posts(fake)[0]!.body).toEqual({ procoreIds: ['7'] });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Owner invoices list' })));
  });

  it('an accountant previews the invoice line by line (retainage as a negative line), approves one and rejects another with the reason', async () => {
    const fake = server([ownerInvoice('7', 'sent_to_accounting'), ownerInvoice('9', 'sent_to_accounting', { title: 'Owner invoice #9' })]);
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />, { path: '/?company_id=4264807&type=owner_invoice' });
    await user.click(await screen.findByRole('button', { name: 'Preview Owner invoice #7 in QuickBooks' }));
    const lines = await screen.findByRole('table', { name: 'Lines sent to QuickBooks (2)' });
    const retainage = within(lines).getByRole('rowheader', { name: '2' }).closest('tr')!;
    expect(within(retainage).getByText('Retainage Receivable')).toBeTruthy();
    expect(within(retainage).getByText('-10000.00')).toBeTruthy();
    expect(fake.calls.some((c) => c.url.pathname === `/api/companies/${TEST_COMPANY_ID}/exports/owner_invoice/7/preview`)).toBe(true);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(screen.getByLabelText('Select Owner invoice #7'));
    await user.click(screen.getByRole('button', { name: 'Approve (1)' }));
    await screen.findByText('1 approved');
    await user.click(screen.getByLabelText('Select Owner invoice #9'));
    await user.click(screen.getByRole('button', { name: 'Reject (1)' }));
    const dialog = screen.getByRole('dialog', { name: 'Reject this record' });
    await user.type(within(dialog).getByLabelText(/Why are they rejected/), 'Billed the wrong period');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await screen.findByText('1 rejected');
    expect(posts(fake).map((c) => [c.url.pathname.split('/').slice(-2).join('/'), c.body])).toEqual([
      ['owner_invoice/approve', { procoreIds: ['7'] }],
      ['owner_invoice/reject', { procoreIds: ['9'], comment: 'Billed the wrong period' }],
    ]);
  });

  it('a failed owner invoice says what QuickBooks said and can be retried', async () => {
    const fake = server([
      ownerInvoice('7', 'failed', {
        errorCode: 'QB_CLOSED_PERIOD',
        errorMessage: 'The invoice date 2026-01-31 is in QuickBooks’ closed period; change the date in Procore or reopen the period.',
        qbStatusCode: 3171,
        qbStatusMessage: 'Closed period',
      }),
    ]);
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />, { path: '/?company_id=4264807&type=owner_invoice' });
    const row = within(await screen.findByTestId('export-row-7'));
    expect(row.getByText(/closed period; change the date in Procore/)).toBeTruthy();
    expect(row.getByText('QuickBooks 3171: Closed period')).toBeTruthy();
    await user.click(screen.getByLabelText('Select Owner invoice #7'));
    await user.click(screen.getByRole('button', { name: 'Retry (1)' }));
    await screen.findByText('1 queued again');
    expect(posts(fake)[0]!.url.pathname).toBe(`/api/companies/${TEST_COMPANY_ID}/exports/owner_invoice/retry`);
  });
});
