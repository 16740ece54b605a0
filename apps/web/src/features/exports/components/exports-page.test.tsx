import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import type { ExportItem, ExportStatus } from '../api/export-queries.ts';
import { everyRecordSentAnswer, exportItem } from '../testing/export-fixtures.ts';
import { ExportsPage } from './exports-page.tsx';

const record = (procoreId: string, status: ExportStatus, title = `SC-${procoreId}`): ExportItem =>
  exportItem(procoreId, status, { title, decisionComment: status === 'rejected' ? 'Wrong retainage' : null });

function server(items: ExportItem[]) {
  return fakeServer((call) => {
    if (call.method === 'GET' && call.url.pathname.endsWith('/exports/commitment')) {
      const status = call.url.searchParams.get('status');
      const matching = status ? items.filter((i) => i.status === status) : items;
      return { total: matching.length, notice: null, items: matching };
    }
    if (call.method === 'POST') return everyRecordSentAnswer(call.body);
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

describe('Export to QuickBooks', () => {
  it('filters by status on the server and clears the selection when the filter changes', async () => {
    const fake = server([record('1', 'not_synced'), record('2', 'sent_to_accounting'), record('3', 'failed')]);
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />);
    await screen.findByText('SC-1');
    await user.click(screen.getByLabelText('Select SC-1'));
    expect(screen.getByText('1 selected')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Status'), 'Awaiting approval');
    await waitFor(() => expect(screen.queryByText('SC-1')).toBeNull());
    expect(screen.getByText('SC-2')).toBeTruthy();
    expect(fake.calls.at(-1)!.url.searchParams.get('status')).toBe('sent_to_accounting');
    expect(fake.calls.at(-1)!.url.pathname).toBe(`/api/companies/${TEST_COMPANY_ID}/exports/commitment`);
    expect(screen.getByText('0 selected')).toBeTruthy();
  }, 30_000); // the file's first render (core-react, the table) on a busy 2-core machine: a limit, not a measurement

  it('shows why a record Procore has not approved cannot be sent, and leaves it out of Send (data safety)', async () => {
    const notReady = {
      code: 'NOT_APPROVED_IN_PROCORE',
      procoreStatus: 'Draft',
      message: 'Not approved in Procore: status Draft — approve it in Procore first.',
    };
    server([record('1', 'not_synced'), { ...record('2', 'not_synced'), notReady }]);
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />);
    const row = within(await screen.findByTestId('export-row-2'));
    expect(row.getByText('Not approved in Procore')).toBeTruthy();
    expect(row.getByText(notReady.message)).toBeTruthy();
    await user.click(screen.getByLabelText('Select all on this page'));
    expect(screen.getByRole('button', { name: 'Send to accounting (1)' })).toBeTruthy();
  });

  it('select all on the page, then send only the records that can be sent, with one idempotency key', async () => {
    const fake = server([record('1', 'not_synced'), record('2', 'sent_to_accounting'), record('3', 'rejected'), record('4', 'synced')]);
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />);
    await screen.findByText('SC-1');
    await user.click(screen.getByLabelText('Select all on this page'));
    expect(screen.getByText('4 selected')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Approve (1)' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Retry' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Send to accounting (2)' }));
    await screen.findByText('2 sent to accounting');
    const send = fake.calls.find((c) => c.method === 'POST')!;
    expect(send.url.pathname).toBe(`/api/companies/${TEST_COMPANY_ID}/exports/commitment/send`);
    expect(send.body).toEqual({ procoreIds: ['1', '3'] });
    expect(send.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.getByText('0 selected')).toBeTruthy();
  });

  it('rejecting asks for the reason before sending anything', async () => {
    const fake = server([record('2', 'sent_to_accounting')]);
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />);
    await user.click(await screen.findByLabelText('Select SC-2'));
    await user.click(screen.getByRole('button', { name: 'Reject (1)' }));
    const dialog = screen.getByRole('dialog', { name: 'Reject this record' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText(/Why are they rejected/));
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Say why they are rejected.');
    expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/Why are they rejected/), 'Wrong retainage');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(fake.calls.find((c) => c.method === 'POST')!.body).toEqual({ procoreIds: ['2'], comment: 'Wrong retainage' });
  });

  it('a user without the accountant role sees approve disabled, with the role it needs', async () => {
    server([record('2', 'sent_to_accounting')]);
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />, { roles: ['project_manager'] });
    await user.click(await screen.findByLabelText('Select SC-2'));
    const approve = screen.getByRole('button', { name: 'Approve (1)' });
    expect((approve as HTMLButtonElement).disabled).toBe(true);
    expect(approve.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(approve.getAttribute('aria-describedby')!)!.textContent).toBe('Needs the accountant or admin role');
    expect((screen.getByRole('button', { name: 'Send to accounting' }) as HTMLButtonElement).disabled).toBe(true); // nothing sendable selected
  });

  it('shows an empty state with a way back to all statuses, and errors with the server code', async () => {
    fakeServer((call) =>
      call.url.searchParams.get('status')
        ? { total: 0, notice: null, items: [] }
        : new Response(JSON.stringify({ code: 'NOT_FOUND', message: 'No such company.' }), { status: 404 }),
    );
    const user = userEvent.setup();
    renderWithApp(<ExportsPage />, { path: '/?company_id=4264807&status=failed' });
    await screen.findByText('No commitments with this status');
    await user.click(screen.getByRole('button', { name: 'Show all statuses' }));
    await screen.findByText('No such company.');
    expect(screen.getByText(/Code: NOT_FOUND/)).toBeTruthy();
  });
});
