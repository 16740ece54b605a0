import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, json, renderWithApp, TEST_COMPANY_ID, type RecordedCall } from '../../../test/render-with-app.tsx';
import type { ImportFailure } from '../api/job-cost-queries.ts';
import { JobCostsPage } from './job-costs-page.tsx';

const failures: ImportFailure[] = [
  {
    txnType: 'Bill',
    txnId: 'B-1',
    refNumber: 'INV-1',
    txnDate: '2026-11-21',
    payeeName: 'Concrete Co',
    amountCents: 1_234_500,
    errorCode: 'BILL_LINE_NOT_ON_COMMITMENT',
    message: '1 of its lines are not on a line of commitment SC-001: receive the bill against the purchase order’s lines in QuickBooks.',
    fetchedAt: '2026-11-22T10:00:00.000Z',
  },
  {
    txnType: 'CreditCardCharge',
    txnId: 'C-9',
    refNumber: null,
    txnDate: '2026-11-20',
    payeeName: null,
    amountCents: 4_200,
    errorCode: 'PROCORE_REJECTED',
    message: 'Procore did not accept it: the project is locked (422).',
    fetchedAt: '2026-11-22T09:00:00.000Z',
  },
];

const base = `/api/companies/${TEST_COMPANY_ID}`;

/** The job costs screen's server: no projects yet, the given failures, and "Retry now" answered by `retry`. */
function jobCostsServer(list: ImportFailure[], retry: (call: RecordedCall) => Response | object = () => ({ outcome: 'queued', failed: list.length })) {
  return fakeServer((call) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === `${base}/job-costs`) return { asOf: null, projects: [] };
    if (call.method === 'GET' && path === `${base}/imports/status`) return { refreshes: [] };
    if (call.method === 'GET' && path === `${base}/imports/failures`) {
      const limit = Number(call.url.searchParams.get('limit'));
      const offset = Number(call.url.searchParams.get('offset'));
      return { total: list.length, items: list.slice(offset, offset + limit) };
    }
    if (call.method === 'POST' && path === `${base}/imports/failures/retry`) return retry(call);
    throw new Error(`unexpected ${call.method} ${call.url}`);
  });
}

const gets = (calls: RecordedCall[], suffix: string) => calls.filter((c) => c.method === 'GET' && c.url.pathname === `${base}${suffix}`).length;

describe('Job costs: not brought into Procore', () => {
  it('lists the failed QuickBooks transactions with our code and the message a person can act on', async () => {
    const fake = jobCostsServer(failures);
    renderWithApp(<JobCostsPage />);
    const section = await screen.findByRole('region', { name: 'Not brought into Procore' });
    const table = within(section).getByRole('table', { name: /QuickBooks transactions not brought into Procore/ });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['QuickBooks transaction', 'Date', 'Payee', 'Amount', 'Code', 'Why']);
    const rows = within(table).getAllByTestId('import-failure-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('rowheader').textContent).toBe('Bill INV-1');
    expect(
      within(rows[0]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Nov 21, 2026', 'Concrete Co', '$12,345.00', 'BILL_LINE_NOT_ON_COMMITMENT', failures[0]!.message]);
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('Credit card charge (no number)');
    expect(rows[1]!.textContent).toContain('PROCORE_REJECTED');
    expect(rows[1]!.textContent).toContain('Procore did not accept it: the project is locked (422).');
    expect(within(section).getByText(/2 QuickBooks transactions could not be brought into Procore/)).toBeTruthy();
    const read = fake.calls.find((c) => c.url.pathname === `${base}/imports/failures`)!;
    expect(Object.fromEntries(read.url.searchParams)).toEqual({ limit: '20', offset: '0' });
  });

  it('pages through the list on the server', async () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ ...failures[0]!, txnId: `B-${i}`, refNumber: `INV-${i}` }));
    const fake = jobCostsServer(many);
    const user = userEvent.setup();
    renderWithApp(<JobCostsPage />);
    await screen.findByText('Bill INV-0');
    const pages = screen.getByRole('navigation', { name: 'Not brought into Procore pages' });
    expect(within(pages).getByText('1–20 of 25')).toBeTruthy();
    await user.click(within(pages).getByRole('button', { name: 'Next' }));
    await screen.findByText('Bill INV-24');
    expect(screen.getAllByTestId('import-failure-row')).toHaveLength(5);
    expect(fake.calls.at(-1)!.url.searchParams.get('offset')).toBe('20');
  });

  it('"Retry now" posts once per click with its own Idempotency-Key, says what happened and re-reads the list and the job costs', async () => {
    const answers = [
      { outcome: 'queued', failed: 2 },
      { outcome: 'already_queued', failed: 2 },
    ];
    const fake = jobCostsServer(failures, () => answers.shift()!);
    const user = userEvent.setup();
    renderWithApp(<JobCostsPage />);
    await screen.findByText('Bill INV-1');
    await waitFor(() => expect(gets(fake.calls, '/job-costs')).toBe(1));
    const failuresBefore = gets(fake.calls, '/imports/failures');

    await user.click(screen.getByRole('button', { name: 'Retry now' }));
    await screen.findByText('Queued: 2 transactions will be sent to Procore again.');
    const posts = () => fake.calls.filter((c) => c.method === 'POST');
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.url.pathname).toBe(`${base}/imports/failures/retry`);
    expect(posts()[0]!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(gets(fake.calls, '/imports/failures')).toBeGreaterThan(failuresBefore));
    await waitFor(() => expect(gets(fake.calls, '/job-costs')).toBe(2));

    await user.click(screen.getByRole('button', { name: 'Retry now' }));
    await screen.findByText(/^Already queued/);
    expect(posts()).toHaveLength(2);
    expect(posts()[1]!.headers.get('idempotency-key')).not.toBe(posts()[0]!.headers.get('idempotency-key'));
  });

  it('after a failed retry, "Try again" sends the same Idempotency-Key', async () => {
    let first = true;
    const fake = jobCostsServer(failures, () => {
      if (first) {
        first = false;
        return json({ code: 'UNAVAILABLE', message: 'The service is briefly unavailable.' }, 503);
      }
      return { outcome: 'nothing_to_retry', failed: 0 };
    });
    const user = userEvent.setup();
    renderWithApp(<JobCostsPage />);
    await user.click(await screen.findByRole('button', { name: 'Retry now' }));
    await screen.findByText('The retry was not queued');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByText(/^Nothing to retry/);
    const posts = fake.calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.headers.get('idempotency-key')).toBe(posts[0]!.headers.get('idempotency-key'));
  });

  it('is disabled for a user without the project manager, accountant or admin role, naming the roles', async () => {
    const fake = jobCostsServer(failures);
    // A disabled button takes no pointer events: click it anyway to show nothing is sent.
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    renderWithApp(<JobCostsPage />, { roles: [] });
    await screen.findByText('Bill INV-1');
    const retry = screen.getByRole('button', { name: 'Retry now' }) as HTMLButtonElement;
    expect(retry.disabled).toBe(true);
    expect(document.getElementById(retry.getAttribute('aria-describedby')!)!.textContent).toBe('Needs the project manager, accountant or admin role');
    await user.click(retry);
    expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('shows nothing when everything QuickBooks sent is in Procore', async () => {
    const fake = jobCostsServer([]);
    renderWithApp(<JobCostsPage />);
    await screen.findByText('No job costs yet');
    await waitFor(() => expect(gets(fake.calls, '/imports/failures')).toBe(1));
    await waitFor(() => expect(screen.queryByText(/Loading transactions not brought into Procore/)).toBeNull());
    expect(screen.queryByRole('region', { name: 'Not brought into Procore' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
    expect(screen.queryByText(/not brought into Procore/i)).toBeNull();
  });

  it('says when the list could not be read', async () => {
    fakeServer((call) => {
      if (call.url.pathname.endsWith('/imports/failures')) return json({ code: 'NOT_FOUND', message: 'No such company.' }, 404);
      if (call.url.pathname.endsWith('/imports/status')) return { refreshes: [] };
      return { asOf: null, projects: [] };
    });
    renderWithApp(<JobCostsPage />);
    await screen.findByText('Could not load: transactions not brought into Procore');
    expect(screen.getByText('No such company.')).toBeTruthy();
  });
});
