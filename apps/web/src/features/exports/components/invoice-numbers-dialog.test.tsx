import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, json, renderWithApp, TEST_COMPANY_ID, type RecordedCall } from '../../../test/render-with-app.tsx';
import type { ExportItem } from '../api/export-queries.ts';
import { exportItem } from '../testing/export-fixtures.ts';
import { ExportsPage } from './exports-page.tsx';

// Issue 21, setting ownerInvoiceNumberSource "typed": Send to accounting asks for each owner invoice's QuickBooks number
// and sends it as options.refNumber, one request per invoice (the send takes one refNumber per call).
const ownerInvoice = (procoreId: string, sequence: number, periodEnd: string, number: string | null): ExportItem =>
  exportItem(procoreId, 'not_synced', {
    recordType: 'owner_invoice',
    procoreProjectId: '10',
    projectName: 'P-10 Harbor Tower',
    // The list's title names the application and its period (the project has its own column); the number is its own field.
    title: `Owner invoice #${sequence} · period to ${periodEnd}`,
    number,
    procoreStatus: 'approved',
  });
const INVOICES = [ownerInvoice('7', 1, '2026-09-30', '2025-001-001'), ownerInvoice('8', 2, '2026-10-31', 'OI-2')];

/** The owner invoice list, the company settings and the send; `refuse(call)` answers a send with an error Response instead. */
function server(numberSource: 'procore' | 'typed', refuse: (call: RecordedCall) => Response | null = () => null) {
  return fakeServer((call) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path.endsWith('/settings')) return { ownerInvoiceNumberSource: numberSource };
    if (call.method === 'GET' && path.endsWith('/exports/owner_invoice')) return { total: 2, notice: null, items: INVOICES, projects: [] };
    if (call.method === 'POST' && path.endsWith('/exports/owner_invoice/send')) {
      const refused = refuse(call);
      if (refused) return refused;
      const ids = (call.body as { procoreIds: string[] }).procoreIds;
      return { results: ids.map((procoreId) => ({ procoreId, outcome: 'applied', status: 'sent_to_accounting', code: null, message: null })) };
    }
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}
const sends = (fake: ReturnType<typeof server>) => fake.calls.filter((c) => c.method === 'POST');

async function selectAllAndSend() {
  const user = userEvent.setup();
  renderWithApp(<ExportsPage />, { path: '/?company_id=4264807&type=owner_invoice' });
  await screen.findByTestId('export-row-8');
  await user.click(screen.getByLabelText('Select all on this page'));
  await user.click(screen.getByRole('button', { name: 'Send to accounting (2)' }));
  return user;
}

describe('Export to QuickBooks: typed QuickBooks invoice numbers for owner invoices', { timeout: 30_000 }, () => {
  it('typed: asks for each number (prefilled with Procore’s), refuses 12 characters beside the field, then sends one request per invoice with its number', async () => {
    const fake = server('typed');
    const user = await selectAllAndSend();
    const dialog = await screen.findByRole('dialog', { name: 'QuickBooks invoice numbers (2)' });
    const first = within(dialog).getByLabelText('Owner invoice #1 · period to 2026-09-30') as HTMLInputElement;
    const second = within(dialog).getByLabelText('Owner invoice #2 · period to 2026-10-31') as HTMLInputElement;
    expect([first.value, second.value]).toEqual(['2025-001-001', 'OI-2']);

    // Procore's 12-character number is refused before anything is sent.
    await user.click(within(dialog).getByRole('button', { name: 'Send to accounting' }));
    expect(first.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(first.getAttribute('aria-describedby')!)!.textContent).toBe('QuickBooks takes at most 11 characters; this one has 12.');
    expect(document.activeElement).toBe(first);
    expect(second.getAttribute('aria-invalid')).toBe('false');
    await user.clear(second);
    await user.tab();
    expect(document.getElementById(second.getAttribute('aria-describedby')!)!.textContent).toBe('Type the QuickBooks invoice number.');
    await user.click(within(dialog).getByRole('button', { name: 'Send to accounting' }));
    expect(sends(fake)).toHaveLength(0);

    await user.clear(first);
    await user.type(first, 'HT-0001');
    await user.type(second, ' HT-0002 ');
    expect(first.getAttribute('aria-invalid')).toBe('false');
    // A double click sends each invoice once: two clicks with no render between them (the action's pending state comes later).
    const sendButton = within(dialog).getByRole('button', { name: 'Send to accounting' });
    fireEvent.click(sendButton);
    fireEvent.click(sendButton);
    await screen.findByText('2 sent to accounting');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sends(fake).map((c) => [c.url.pathname, c.body])).toEqual([
      [`/api/companies/${TEST_COMPANY_ID}/exports/owner_invoice/send`, { procoreIds: ['7'], options: { refNumber: 'HT-0001' } }],
      [`/api/companies/${TEST_COMPANY_ID}/exports/owner_invoice/send`, { procoreIds: ['8'], options: { refNumber: 'HT-0002' } }],
    ]);
    const keys = sends(fake).map((c) => c.headers.get('idempotency-key'));
    expect(new Set(keys).size).toBe(2);
    expect(keys.every((key) => key !== null && /^[A-Za-z0-9_.:-]{1,255}$/.test(key))).toBe(true);
  });

  it('typed: a request that fails names its invoice, and the other invoice keeps its outcome', async () => {
    const fake = server('typed', (call) =>
      (call.body as { procoreIds: string[] }).procoreIds[0] === '7'
        ? json({ error: { code: 'FORBIDDEN', message: 'Your role cannot send to accounting.' } }, 403)
        : null,
    );
    const user = await selectAllAndSend();
    const dialog = await screen.findByRole('dialog', { name: 'QuickBooks invoice numbers (2)' });
    const first = within(dialog).getByLabelText(/^Owner invoice #1 /);
    await user.clear(first);
    await user.type(first, 'HT-0001');
    await user.click(within(dialog).getByRole('button', { name: 'Send to accounting' }));
    await screen.findByText('1 sent to accounting; 1 not sent to accounting: Owner invoice #1 · period to 2026-09-30: Your role cannot send to accounting.');
    expect(sends(fake).map((c) => (c.body as { procoreIds: string[] }).procoreIds)).toEqual([['7'], ['8']]);
  });

  it('procore: sends as before, in one request without asking or a number', async () => {
    const fake = server('procore');
    await selectAllAndSend();
    await screen.findByText('2 sent to accounting');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sends(fake).map((c) => c.body)).toEqual([{ procoreIds: ['7', '8'] }]);
  });
});
