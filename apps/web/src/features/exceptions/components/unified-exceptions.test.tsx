import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID, type RecordedCall } from '../../../test/render-with-app.tsx';
import type { UnifiedException } from '../api/exception-queries.ts';
import { ExceptionsPage } from './exceptions-page.tsx';

// Issue 18 item 9: one Exceptions screen for both directions (Update Job Costs' failures lived only on Job costs),
// with bulk retry that respects the role table, and records waiting on another one said to be waiting.
const SLOW = 30_000;
const base = `/api/companies/${TEST_COMPANY_ID}`;

const row = (fields: Partial<UnifiedException> & Pick<UnifiedException, 'direction' | 'recordType' | 'recordId' | 'title'>): UnifiedException => ({
  key: `${fields.direction === 'to_procore' ? 'import' : 'export'}:${fields.recordType}:${fields.recordId}`,
  procoreProjectId: null,
  amountCents: null,
  code: null,
  reason: null,
  todo: null,
  qbStatusCode: null,
  qbStatusMessage: null,
  fieldDifferences: null,
  keepQuickbooksWarning: null,
  actions: ['retry', 'dismiss'],
  waitsForAnother: false,
  updatedAt: '2026-12-07T04:00:00.000Z',
  ...fields,
});

const items: UnifiedException[] = [
  row({
    direction: 'to_quickbooks',
    recordType: 'commitment',
    recordId: '11',
    title: 'SC-001 Concrete',
    code: 'QB_INVALID_REFERENCE',
    reason: 'QuickBooks could not find the vendor.',
    todo: 'Refresh Vendors, then retry.',
    qbStatusCode: 3140,
  }),
  row({
    direction: 'to_quickbooks',
    recordType: 'commitment',
    recordId: '12',
    title: 'SC-002 Framing',
    code: 'QB_INVALID_REFERENCE',
    reason: 'QuickBooks could not find the vendor.',
  }),
  row({
    direction: 'to_quickbooks',
    recordType: 'invoice',
    recordId: '21',
    title: 'Pay app 3',
    code: 'DEPENDENCY_FAILED',
    reason: 'Pay app 3 waits for SC-001 Concrete.',
    waitsForAnother: true,
  }),
  row({
    direction: 'to_procore',
    recordType: 'Bill',
    recordId: 'B-1',
    title: 'Bill QB-91 · Smith Concrete',
    amountCents: 1_000_00,
    code: 'PROCORE_REQUEST_FAILED',
    reason: 'Could not create the subcontractor invoice: the commitment is locked.',
    todo: 'Procore refused the request: see its message.',
    actions: ['retry'],
  }),
  row({
    direction: 'to_procore',
    recordType: 'BillPaymentCheck',
    recordId: 'P-1',
    title: 'Bill payment 6001',
    amountCents: 250_00,
    code: 'DEPENDENCY_FAILED',
    reason: 'Bill payment 6001: waits for bill B-1 to become a Procore invoice first; it is sent with it.',
    actions: ['retry'],
    waitsForAnother: true,
  }),
];

function server() {
  return fakeServer((call: RecordedCall) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === `${base}/exceptions`) {
      const direction = call.url.searchParams.get('direction');
      const list = direction ? items.filter((i) => i.direction === direction) : items;
      return { total: list.length, counts: { to_quickbooks: 3, to_procore: 2 }, items: list };
    }
    if (call.method === 'POST' && /\/exports\/\w+\/retry$/.test(path)) return { results: [] };
    if (call.method === 'POST' && path === `${base}/imports/failures/retry`) return { outcome: 'queued', failed: 2 };
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

describe('Exceptions: both directions in one list', () => {
  it(
    'lists exports and QuickBooks transactions with direction, record, code, reason, what to do, and which wait for another',
    async () => {
      server();
      renderWithApp(<ExceptionsPage />);
      const bill = await screen.findByTestId('exception-Bill-B-1');
      expect(within(bill).getByRole('heading').textContent).toBe('To Procore · QuickBooks bill: Bill QB-91 · Smith Concrete · $1,000.00');
      expect(bill.textContent).toContain('Could not create the subcontractor invoice: the commitment is locked.');
      expect(bill.textContent).toContain('What to do: Procore refused the request: see its message.');
      expect(within(bill).getByText('PROCORE_REQUEST_FAILED')).toBeTruthy();
      const commitment = screen.getByTestId('exception-commitment-11');
      expect(within(commitment).getByRole('heading').textContent).toBe('To QuickBooks · Commitment: SC-001 Concrete');
      expect(commitment.textContent).toContain('QuickBooks status 3140');
      expect(within(screen.getByTestId('exception-BillPaymentCheck-P-1')).getByTestId('waits-for-another').textContent).toContain('leaves this list by itself');
      expect(within(screen.getByTestId('exception-invoice-21')).getByTestId('waits-for-another')).toBeTruthy();
      expect(within(bill).queryByTestId('waits-for-another')).toBeNull();
      expect(screen.getByText('5 records need attention.')).toBeTruthy();
      // The direction filter narrows the list on the server.
      const user = userEvent.setup();
      await user.click(screen.getByRole('button', { name: 'To Procore (2)' }));
      await waitFor(() => expect(screen.queryByTestId('exception-commitment-11')).toBeNull());
      expect(screen.getByTestId('exception-Bill-B-1')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'retries the selected records in bulk: one call per export record type and one push retry, each with its own Idempotency-Key',
    async () => {
      const fake = server();
      const user = userEvent.setup();
      renderWithApp(<ExceptionsPage />);
      await screen.findByTestId('exception-Bill-B-1');
      await user.click(screen.getByRole('checkbox', { name: 'Select every retryable record on this page' }));
      await user.click(screen.getByRole('button', { name: 'Retry selected (5)' }));
      await waitFor(() => expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(3));
      const posts = fake.calls.filter((c) => c.method === 'POST');
      const byPath = Object.fromEntries(posts.map((c) => [c.url.pathname.replace(base, ''), c.body]));
      expect(byPath).toEqual({
        '/exports/commitment/retry': { procoreIds: ['11', '12'] },
        '/exports/invoice/retry': { procoreIds: ['21'] },
        '/imports/failures/retry': {},
      });
      const keys = posts.map((c) => c.headers.get('idempotency-key'));
      expect(new Set(keys).size).toBe(3);
      expect(keys.every((k) => typeof k === 'string' && k.length > 0)).toBe(true);
      await screen.findByText(
        /Retried: 3 exports queued again for the next Web Connector session; the push into Procore queued again for 2 QuickBooks transactions\./,
      );
    },
    SLOW,
  );

  it(
    'lets a project manager select only what the role table lets them retry (the push into Procore, not exports)',
    async () => {
      const fake = server();
      const user = userEvent.setup();
      renderWithApp(<ExceptionsPage />, { roles: ['project_manager'] });
      const bill = await screen.findByTestId('exception-Bill-B-1');
      expect(within(screen.getByTestId('exception-commitment-11')).getByRole('checkbox', { name: 'Select SC-001 Concrete' })).toHaveProperty('disabled', true);
      expect(within(bill).getByRole('checkbox', { name: 'Select Bill QB-91 · Smith Concrete' })).toHaveProperty('disabled', false);
      await user.click(screen.getByRole('checkbox', { name: 'Select every retryable record on this page' }));
      await user.click(screen.getByRole('button', { name: 'Retry selected (2)' }));
      await waitFor(() => expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(1));
      expect(fake.calls.find((c) => c.method === 'POST')!.url.pathname).toBe(`${base}/imports/failures/retry`);
    },
    SLOW,
  );
});
