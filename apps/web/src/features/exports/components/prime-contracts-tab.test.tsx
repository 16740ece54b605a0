import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import type { ExportItem, ExportStatus } from '../api/export-queries.ts';
import { exportItem } from '../testing/export-fixtures.ts';
import { ExportsPage } from './exports-page.tsx';

// Issue 21: the job's contract value on Export to QuickBooks — a "Prime contracts" tab and a "Prime change orders" tab
// beside "Owner invoices", with the same list, workflow and preview as the others.
const PROJECTS = [{ procoreId: '10', name: 'P-10 Harbor Tower' }];
const contract = (procoreId: string, status: ExportStatus, extra: Partial<ExportItem> = {}): ExportItem =>
  exportItem(procoreId, status, {
    recordType: 'prime_contract',
    procoreProjectId: '10',
    projectName: 'P-10 Harbor Tower',
    title: `Prime contract #PC-${procoreId} Tower`,
    procoreStatus: 'Approved',
    amount: '500000.00',
    ...extra,
  });
const changeOrder = (procoreId: string, status: ExportStatus, extra: Partial<ExportItem> = {}): ExportItem =>
  exportItem(procoreId, status, {
    recordType: 'prime_change_order',
    procoreProjectId: '10',
    projectName: 'P-10 Harbor Tower',
    title: `PCCO #00${procoreId} Lobby finishes`,
    procoreStatus: 'approved',
    amount: '25000.00',
    commitment: { procoreId: '7', title: 'PC-7 Tower — Harbor Point Development' },
    ...extra,
  });

function server(lists: { prime_contract?: ExportItem[]; prime_change_order?: ExportItem[] }) {
  return fakeServer((call) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path.endsWith('/preview')) {
      return {
        recordType: 'prime_contract',
        procoreId: '7',
        action: 'create',
        fields: [
          { field: 'Customer:Job', value: 'Harbor Owner:P-10 Harbor Tower', source: 'project' },
          { field: 'Estimate no.', value: 'PC-7', source: 'number' },
          { field: 'Memo', value: 'Procore prime contract #PC-7: contract value', source: 'number' },
          { field: 'Line 1 item', value: '03-100 Concrete', source: 'line_items[].cost_code' },
          { field: 'Line 1 amount', value: '300,000.00', source: 'line_items[].amount' },
          { field: 'Line 2 item', value: '05-100 Steel', source: 'line_items[].cost_code' },
          { field: 'Line 2 amount', value: '200,000.00', source: 'line_items[].amount' },
          { field: 'Contract value', value: '500,000.00', source: 'grand_total' },
        ],
        dependencies: [],
        problem: null,
        notice: null,
      };
    }
    for (const type of ['prime_contract', 'prime_change_order'] as const) {
      if (call.method === 'GET' && path.endsWith(`/exports/${type}`)) {
        const items = lists[type] ?? [];
        return { total: items.length, notice: null, items, projects: PROJECTS };
      }
    }
    if (call.method === 'GET' && path.endsWith('/exports/commitment')) return { total: 0, notice: null, items: [], projects: [] };
    if (call.method === 'POST') {
      const action = path.split('/').at(-1)!;
      const status = { send: 'sent_to_accounting', approve: 'queued' }[action];
      const ids = (call.body as { procoreIds: string[] }).procoreIds;
      return { results: ids.map((procoreId) => ({ procoreId, outcome: 'applied', status, code: null, message: null })) };
    }
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}
const posts = (fake: ReturnType<typeof server>) => fake.calls.filter((c) => c.method === 'POST');

describe('Export to QuickBooks: Prime contracts and Prime change orders tabs', { timeout: 30_000 }, () => {
  it('lists prime contracts with project, contract value and Procore status, says why a draft cannot go, previews the estimate and sends the approved one', async () => {
    const fake = server({
      prime_contract: [
        contract('7', 'not_synced'),
        contract('8', 'not_synced', {
          procoreStatus: 'Draft',
          notReady: {
            code: 'NOT_APPROVED_IN_PROCORE',
            procoreStatus: 'Draft',
            message: 'Not approved in Procore: status Draft — approve it in Procore first.',
          },
        }),
      ],
    });
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />);
    await user.click(await screen.findByRole('tab', { name: 'Prime contracts' }));
    const row = within(await screen.findByTestId('export-row-7'));
    expect(fake.calls.filter((c) => c.method === 'GET' && c.url.pathname.includes('/exports/')).at(-1)!.url.pathname).toBe(
      `/api/companies/${TEST_COMPANY_ID}/exports/prime_contract`,
    );
    expect(row.getByText('P-10 Harbor Tower')).toBeTruthy();
    expect(row.getByText('$500,000.00')).toBeTruthy();
    expect(screen.queryByRole('columnheader', { name: 'Commitment' })).toBeNull();
    expect(within(screen.getByTestId('export-row-8')).getByText(/approve it in Procore first/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Preview Prime contract #PC-7 Tower in QuickBooks' }));
    const lines = await screen.findByRole('table', { name: 'Lines sent to QuickBooks (2)' });
    expect(within(lines).getByText('05-100 Steel')).toBeTruthy();
    expect(screen.getByText('Procore prime contract #PC-7: contract value')).toBeTruthy();
    await user.keyboard('{Escape}');

    await user.click(screen.getByLabelText('Select Prime contract #PC-7 Tower'));
    await user.click(screen.getByRole('button', { name: 'Send to accounting (1)' }));
    await screen.findByText('1 sent to accounting');
    expect(posts(fake).map((c) => [c.url.pathname, c.body])).toEqual([
      [`/api/companies/${TEST_COMPANY_ID}/exports/prime_contract/send`, { procoreIds: ['7'] }],
    ]);
  });

  it('lists prime change orders under their prime contract (the column says so) and approves two in one bulk action', async () => {
    const fake = server({
      prime_change_order: [changeOrder('1', 'sent_to_accounting'), changeOrder('2', 'sent_to_accounting', { title: 'PCCO #002 Canopy' })],
    });
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />, { path: '/?company_id=4264807&type=prime_change_order' });
    const row = within(await screen.findByTestId('export-row-1'));
    expect(screen.getByRole('columnheader', { name: 'Prime contract' })).toBeTruthy();
    expect(row.getByText('PC-7 Tower — Harbor Point Development')).toBeTruthy();
    await user.click(screen.getByLabelText('Select all on this page'));
    await user.click(screen.getByRole('button', { name: 'Approve (2)' }));
    await screen.findByText('2 approved');
    expect(posts(fake).map((c) => [c.url.pathname.split('/').slice(-2).join('/'), c.body])).toEqual([
      ['prime_change_order/approve', { procoreIds: ['1', '2'] }],
    ]);
  });
});
